// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/group_consumer.hpp"
#include "kafka/kafka_bus_impl.hpp"

#include <onex/event_bus/error.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include <cstdlib>

namespace asio = boost::asio;

namespace onex::event_bus::detail {
namespace {

std::optional<std::string_view> env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::optional<std::string_view>(v) : std::nullopt;
}

bool is_timeout(rd_kafka_resp_err_t err) {
    return err == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT || err == RD_KAFKA_RESP_ERR__TIMED_OUT ||
           err == RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT;
}

bool is_unknown_topic(rd_kafka_resp_err_t err) {
    return err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
           err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC || err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION;
}

bool is_purged(rd_kafka_resp_err_t err) {
    return err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT;
}

bool is_too_large(rd_kafka_resp_err_t err) {
    return err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE;
}

// librdkafka copies the headers it is given; a fresh set per attempt, since a produce call that
// succeeds takes ownership of it.
rd_kafka_headers_t* make_headers(const header_block& headers) {
    rd_kafka_headers_t* h = rd_kafka_headers_new(headers.size());
    for (std::size_t i = 0; i < headers.size(); ++i) {
        const auto name = headers.name(i);
        const auto value = headers.value(i);
        rd_kafka_header_add(h, name.data(), static_cast<ssize_t>(name.size()), value.data(),
                            static_cast<ssize_t>(value.size()));
    }
    return h;
}

void on_delivery_report(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    auto* bus = static_cast<kafka_bus_impl*>(opaque);
    bus->on_delivery(static_cast<kafka_publish_request*>(m->_private), m->err);
}

void on_producer_error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
    auto* bus = static_cast<kafka_bus_impl*>(opaque);
    const auto code = static_cast<rd_kafka_resp_err_t>(err);
    std::string text = std::string("librdkafka producer: ") + rd_kafka_err2name(code) + ": " +
                       (reason ? reason : "");
    if (code == RD_KAFKA_RESP_ERR__FATAL) {
        std::array<char, 512> fatal{};
        rd_kafka_fatal_error(rk, fatal.data(), fatal.size());
        text += std::string(" (fatal: ") + fatal.data() + ")";
    }
    bus->log(code == RD_KAFKA_RESP_ERR__FATAL ? log_level::error : log_level::warning, text);
    bus->note_client_error(std::string(rd_kafka_err2name(code)) + ": " + (reason ? reason : ""));
}

void on_producer_log(const rd_kafka_t* rk, int level, const char* facility, const char* text) {
    const auto* bus = static_cast<const kafka_bus_impl*>(rd_kafka_opaque(rk));
    if (bus)
        bus->log(from_syslog(level), std::string("librdkafka ") + facility + ": " + text);
}

std::int64_t to_rep(std::chrono::steady_clock::time_point t) {
    return t.time_since_epoch().count();
}

} // namespace

std::chrono::steady_clock::duration to_duration(double seconds) {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(seconds));
}

circuit_breaker_options breaker_options(const kafka_config& c, std::string service_name) {
    circuit_breaker_options o;
    o.threshold = static_cast<std::uint32_t>(c.circuit_breaker_threshold);
    o.reset_timeout = to_duration(c.circuit_breaker_reset_timeout);
    o.half_open_successes = 1;
    o.service_name = std::move(service_name);
    return o;
}

void destroy_request(kafka_publish_request* r) noexcept {
    delete r;
}

request_ptr make_request_ptr() {
    return request_ptr(new kafka_publish_request, &destroy_request);
}

void deliver(const asio::any_io_executor& ex, completion_handler h, boost::system::error_code ec,
             bool initiating) {
    // Both run `h` on its associated executor, `ex` when it has none.
    if (initiating)
        asio::post(ex, asio::append(std::move(h), ec));
    else
        asio::dispatch(ex, asio::append(std::move(h), ec));
}

kafka_bus_impl::kafka_bus_impl(asio::any_io_executor ex, kafka_config cfg,
                               std::shared_ptr<logger> log)
    : executor(std::move(ex))
    , strand(asio::make_strand(executor))
    , config(std::move(cfg))
    , log_sink(std::move(log))
    , enforcement(parse_topic_enforcement(env("ONEX_TOPIC_ENFORCEMENT_MODE")))
    , breaker_(breaker_options(config, "kafka." + config.environment)) {
    // Operators see the breaker move in the log, not only in health_check() snapshots.
    breaker_.set_transition_callback([this](const circuit_transition& t) {
        this->log(t.to == circuit_state::closed ? log_level::info : log_level::warning,
                  "Circuit breaker " + std::string(t.service_name) + ": " +
                      std::string(to_string(t.from)) + " -> " + std::string(to_string(t.to)) +
                      " (" + std::to_string(t.failures) + "/" + std::to_string(t.threshold) +
                      " failures)");
    });
}

kafka_bus_impl::~kafka_bus_impl() {
    stop_producer();
}

void kafka_bus_impl::log(log_level lvl, std::string_view message) const noexcept {
    if (log_sink)
        log_sink->log(lvl, message);
    else
        global_logger().log(lvl, message);
}

std::chrono::steady_clock::duration kafka_bus_impl::backoff(std::uint32_t attempt) {
    return backoff_delay(config.retry_backoff_base, static_cast<int>(attempt), jitter_());
}

// --- lifecycle ----------------------------------------------------------------------------------

void kafka_bus_impl::start(diagnostics* diag, completion_handler h) {
    if (started_.load()) {
        deliver(executor, std::move(h), {}, true);
        return;
    }
    start_waiters_.push_back(std::move(h));
    if (starting_)
        return;
    if (closing_) {
        // Starts once the running close has finished.
        close_waiters_.emplace_back(
            asio::bind_executor(strand, [self = shared_from_this(), diag](auto) {
                if (!self->started_.load() && !self->starting_ && !self->start_waiters_.empty()) {
                    auto waiters = std::move(self->start_waiters_);
                    self->start_waiters_.clear();
                    for (auto& w : waiters)
                        self->start(diag, std::move(w));
                }
            }));
        return;
    }
    if (auto check = breaker_.check(); !check.allowed) {
        update_breaker_mirror();
        if (diag) {
            diag->clear();
            diag->message = "Circuit breaker is open - kafka." + config.environment +
                            " temporarily unavailable";
            diag->transport = "kafka";
            diag->operation = "start";
            diag->retry_after = check.retry_after;
            diag->circuit_state = circuit_state::open;
            diag->servers = config.sanitized_servers();
        }
        auto waiters = std::move(start_waiters_);
        start_waiters_.clear();
        for (auto& w : waiters)
            deliver(executor, std::move(w), make_error_code(errc::unavailable), true);
        return;
    }
    starting_ = true;
    last_client_error_.clear();
    try {
        producer_ =
            rdkafka_client::create(config, client_kind::producer,
                                   rdkafka_callbacks{&on_delivery_report, nullptr,
                                                     &on_producer_error, &on_producer_log, this},
                                   {});
    } catch (const protocol_configuration_error& e) {
        if (diag)
            *diag = e.diag();
        starting_ = false;
        auto waiters = std::move(start_waiters_);
        start_waiters_.clear();
        for (auto& w : waiters)
            deliver(executor, std::move(w), make_error_code(errc::configuration), true);
        return;
    }
    producer_queue_ = rd_kafka_queue_get_main(producer_->get());
    rd_kafka_t* rk = producer_->get();
    producer_waker_.emplace(strand, producer_queue_,
                            [rk, weak = weak_from_this()](std::size_t budget) {
                                // A delivery report may complete the last publish holding the bus:
                                // the bus (and the client) must then go only after rd_kafka_poll
                                // has returned, when `keep` does.
                                const auto keep = weak.lock();
                                if (!keep)
                                    return std::size_t{0};
                                std::size_t served = 0;
                                while (served < budget) {
                                    const int n = rd_kafka_poll(rk, 0);
                                    if (n <= 0)
                                        break;
                                    served += static_cast<std::size_t>(n);
                                }
                                return served;
                            });
    start_deadline_ =
        std::chrono::steady_clock::now() + std::chrono::seconds(config.timeout_seconds);
    probe_interval_ = std::chrono::milliseconds(1);
    start_timer_.emplace(strand);
    probe_cluster(diag);
}

// librdkafka has no asynchronous metadata request, and a blocking one would stall the io thread:
// the start waits for the client's own bootstrap metadata (the controller id becomes known),
// checking at growing intervals (1 ms doubling to 50 ms) only while starting.
void kafka_bus_impl::probe_cluster(diagnostics* diag) {
    if (closing_)
        return finish_start(diag, asio::error::operation_aborted,
                            "Kafka event bus closed while starting");
    if (rd_kafka_controllerid(producer_->get(), 0) >= 0)
        return finish_start(diag, {}, {});
    const auto now = std::chrono::steady_clock::now();
    if (now >= start_deadline_) {
        // A client that reported why it could not connect fails as a connection error, one
        // that just heard nothing as a timeout (as the peer distinguishes them).
        if (!last_client_error_.empty())
            return finish_start(diag, make_error_code(errc::connection_failed),
                                "Failed to connect to Kafka: " + last_client_error_);
        return finish_start(diag, make_error_code(errc::timeout),
                            "Timeout connecting to Kafka after " +
                                std::to_string(config.timeout_seconds) + "s");
    }
    start_timer_->expires_after(
        std::min<std::chrono::steady_clock::duration>(probe_interval_, start_deadline_ - now));
    probe_interval_ = std::min(probe_interval_ * 2, std::chrono::milliseconds(50));
    start_timer_->async_wait([self = shared_from_this(), diag](boost::system::error_code) {
        self->probe_cluster(diag);
    });
}

void kafka_bus_impl::finish_start(diagnostics* diag, boost::system::error_code ec,
                                  std::string message) {
    starting_ = false;
    start_timer_.reset();
    if (ec) {
        stop_producer();
        if (ec != asio::error::operation_aborted)
            breaker_.record_failure();
        update_breaker_mirror();
        log(log_level::error, message + " (servers " + config.sanitized_servers() + ")");
        if (diag) {
            diag->clear();
            diag->message = std::move(message);
            diag->transport = "kafka";
            diag->operation = "start";
            diag->servers = config.sanitized_servers();
        }
    } else {
        started_.store(true);
        breaker_.reset();
        update_breaker_mirror();
        log(log_level::info,
            "Kafka event bus started (servers " + config.sanitized_servers() + ")");
        sync_consumers();
    }
    auto waiters = std::move(start_waiters_);
    start_waiters_.clear();
    for (auto& w : waiters)
        deliver(executor, std::move(w), ec, false);
    if (ec) {
        for (auto& [id, w] : std::exchange(consuming_waiters_, {})) {
            asio::get_associated_cancellation_slot(w).clear();
            deliver(executor, std::move(w), ec, false);
        }
    }
    if (closing_)
        post_continue_close(); // a close that came during the start waited for it
}

void kafka_bus_impl::wait_for_shutdown(diagnostics* diag, completion_handler h) {
    const std::uint64_t id = next_waiter_id_++;
    auto slot = asio::get_associated_cancellation_slot(h);
    consuming_waiters_.emplace(id, std::move(h));
    if (slot.is_connected()) {
        slot.assign([weak = weak_from_this(), id](asio::cancellation_type) {
            auto self = weak.lock();
            if (!self)
                return;
            asio::dispatch(self->strand, [self, id] {
                auto it = self->consuming_waiters_.find(id);
                if (it == self->consuming_waiters_.end())
                    return;
                completion_handler w(std::move(it->second));
                self->consuming_waiters_.erase(it);
                asio::get_associated_cancellation_slot(w).clear();
                deliver(self->executor, std::move(w), asio::error::operation_aborted, false);
            });
        });
    }
    if (!started_.load())
        start(diag, completion_handler(asio::bind_executor(strand, [](auto) {})));
}

void kafka_bus_impl::close(completion_handler h) {
    close_waiters_.push_back(std::move(h));
    if (closing_)
        return;
    if (!started_.load() && !starting_ && consumers_.empty() && !producer_) {
        auto waiters = std::move(close_waiters_);
        close_waiters_.clear();
        for (auto& w : waiters)
            deliver(executor, std::move(w), {}, true);
        return;
    }
    closing_ = true;
    started_.store(false);
    if (start_timer_)
        start_timer_->cancel();
    for (auto& [id, w] : std::exchange(consuming_waiters_, {})) {
        asio::get_associated_cancellation_slot(w).clear();
        deliver(executor, std::move(w), {}, false);
    }
    // Publishes waiting to retry fail now; those in librdkafka get up to timeout_seconds.
    for (auto* r = in_flight_; r != nullptr; r = r->next)
        if (r->timer)
            r->timer->cancel();
    for (auto& [group, consumer] : consumers_)
        consumer->close();
    post_continue_close();
}

// Never inline: close may be reached from a delivery report (a completion handler that closes
// the bus), i.e. inside rd_kafka_poll, where the producer must not be destroyed.
void kafka_bus_impl::post_continue_close() {
    asio::post(strand, [self = shared_from_this()] {
        if (self->closing_)
            self->continue_close();
    });
}

void kafka_bus_impl::consumer_closed(const std::string& group) {
    consumers_.erase(group);
    consumer_count_.store(consumers_.size());
    if (closing_)
        post_continue_close();
}

// Consumers first (their dead-letter writes need the producer), then the producer's flush.
void kafka_bus_impl::continue_close() {
    if (!consumers_.empty() || starting_)
        return;
    if (in_flight_ != nullptr) {
        if (!flush_timer_) {
            flush_timer_.emplace(strand, std::chrono::seconds(config.timeout_seconds));
            flush_timer_->async_wait([self = shared_from_this()](boost::system::error_code ec) {
                if (ec || !self->producer_)
                    return;
                self->log(log_level::warning,
                          "Close: " + std::to_string(self->in_flight_count_) +
                              " publishes not acknowledged within timeout_seconds; purging");
                rd_kafka_purge(self->producer_->get(),
                               RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
            });
        }
        return;
    }
    if (flush_timer_) {
        flush_timer_->cancel();
        flush_timer_.reset();
    }
    stop_producer();
    closing_ = false;
    log(log_level::info, "Kafka event bus closed");
    auto waiters = std::move(close_waiters_);
    close_waiters_.clear();
    for (auto& w : waiters)
        deliver(executor, std::move(w), {}, false);
}

void kafka_bus_impl::stop_producer() {
    if (producer_waker_) {
        producer_waker_->stop();
        producer_waker_.reset();
    }
    if (producer_queue_) {
        rd_kafka_queue_destroy(producer_queue_);
        producer_queue_ = nullptr;
    }
    producer_.reset();
}

void kafka_bus_impl::note_client_error(std::string text) {
    if (starting_)
        last_client_error_ = std::move(text);
}

// --- publishing ---------------------------------------------------------------------------------

void kafka_bus_impl::publish(request_ptr owned) {
    kafka_publish_request* r = owned.release();
    track(r);
    if (!r->error.empty())
        return fail(r, make_error_code(errc::configuration), r->error);
    if (closing_)
        return fail(r, make_error_code(errc::unavailable), "Kafka event bus is shutting down");
    if (!started_.load())
        return fail(r, make_error_code(errc::unavailable),
                    "Event bus not started. Call start() first.");
    if (r->counts_for_breaker) {
        if (enforcement != topic_enforcement::off && !is_onex_topic(r->topic)) {
            if (enforcement == topic_enforcement::reject) {
                r->error_parameter = "topic";
                return fail(r, make_error_code(errc::configuration), onex_format_error(r->topic));
            }
            if (warned_topics_.insert(r->topic).second)
                log(log_level::warning,
                    onex_format_error(r->topic) +
                        " (publishing anyway; ONEX_TOPIC_ENFORCEMENT_MODE=warn)");
        }
        if (auto check = breaker_.check(); !check.allowed) {
            update_breaker_mirror();
            if (r->diag) {
                r->diag->retry_after = check.retry_after;
                r->diag->circuit_state = circuit_state::open;
            }
            return fail(r, make_error_code(errc::unavailable),
                        "Circuit breaker is open - kafka." + config.environment +
                            " temporarily unavailable");
        }
    }
    r->deadline = std::chrono::steady_clock::now() + std::chrono::seconds(config.timeout_seconds);
    // A synchronous failure completes (and frees) `r` inside produce: it must not be touched
    // afterwards, and its completion must be posted.
    r->initiating = false;
    initiating_request_ = r;
    produce(r);
    initiating_request_ = nullptr;
}

void kafka_bus_impl::write_dead_letter(request_ptr r, completion_handler done) {
    r->counts_for_breaker = false;
    r->initiating = false;
    r->bus = shared_from_this();
    r->handler.emplace(std::move(done));
    if (!producer_) {
        r->bus.reset();
        deliver(executor, std::move(*r->handler), make_error_code(errc::unavailable), true);
        return;
    }
    kafka_publish_request* raw = r.release();
    track(raw);
    raw->deadline = std::chrono::steady_clock::now() + std::chrono::seconds(config.timeout_seconds);
    produce(raw);
}

void kafka_bus_impl::produce(kafka_publish_request* r) {
    ++r->attempts;
    rd_kafka_headers_t* headers = make_headers(r->headers);
    // librdkafka's macros cast their arguments without parentheses.
    const void* key = r->key ? r->key->data() : nullptr;
    const std::size_t key_size = r->key ? r->key->size() : 0;
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        producer_->get(), RD_KAFKA_V_TOPIC(r->topic.c_str()), RD_KAFKA_V_KEY(key, key_size),
        RD_KAFKA_V_VALUE(r->value.data(), r->value.size()), RD_KAFKA_V_HEADERS(headers),
        RD_KAFKA_V_OPAQUE(r), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
        return;
    rd_kafka_headers_destroy(headers);
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        // Never block the io thread: wait on a timer for the queue to drain.
        --r->attempts;
        if (std::chrono::steady_clock::now() >= r->deadline)
            return on_delivery(r, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT);
        return retry_later(r, std::chrono::milliseconds(5));
    }
    on_delivery(r, err);
}

void kafka_bus_impl::retry_later(kafka_publish_request* r,
                                 std::chrono::steady_clock::duration delay) {
    if (!r->timer)
        r->timer.emplace(strand);
    r->timer->expires_after(delay);
    r->timer->async_wait([self = shared_from_this(), r](boost::system::error_code) {
        if (self->closing_ && r->counts_for_breaker)
            return self->fail(r, make_error_code(errc::unavailable),
                              "Kafka event bus is shutting down");
        if (!self->producer_)
            return self->fail(r, make_error_code(errc::unavailable),
                              "Kafka event bus is shutting down");
        self->produce(r);
    });
}

void kafka_bus_impl::on_delivery(kafka_publish_request* r, rd_kafka_resp_err_t err) {
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (r->counts_for_breaker) {
            breaker_.record_success();
            update_breaker_mirror();
        }
        return complete(r, {});
    }
    if (is_purged(err))
        return fail(r, asio::error::operation_aborted,
                    "Publish to topic " + r->topic +
                        " purged: the bus closed before Kafka acknowledged it");
    if (is_unknown_topic(err)) {
        r->error_parameter = "topic";
        return fail(
            r, make_error_code(errc::configuration),
            "Topic '" + r->topic +
                "' not found on broker. Ensure the topic is provisioned before publishing.");
    }
    if (is_too_large(err)) {
        r->error_parameter = "value";
        return fail(r, make_error_code(errc::configuration),
                    "Message to topic " + r->topic + " is too large (" +
                        std::to_string(r->value.size()) + " bytes): " + rd_kafka_err2str(err));
    }
    record_failure(*r);
    const std::uint32_t max_attempts = static_cast<std::uint32_t>(config.max_retry_attempts) + 1;
    const bool timed_out = is_timeout(err);
    log(log_level::warning, "Publish attempt " + std::to_string(r->attempts) + "/" +
                                std::to_string(max_attempts) + " to topic " + r->topic +
                                " failed: " + rd_kafka_err2name(err));
    if (r->attempts < max_attempts && !closing_)
        return retry_later(r, backoff(r->attempts - 1));
    if (r->diag)
        r->diag->attempts = r->attempts;
    if (timed_out)
        return fail(r, make_error_code(errc::timeout),
                    "Timeout publishing to topic " + r->topic + " after " +
                        std::to_string(r->attempts) + " attempts");
    fail(r, make_error_code(errc::connection_failed),
         "Failed to publish to topic " + r->topic + " after " + std::to_string(r->attempts) +
             " attempts: " + rd_kafka_err2str(err));
}

void kafka_bus_impl::record_failure(const kafka_publish_request& r) {
    if (!r.counts_for_breaker)
        return;
    breaker_.record_failure();
    update_breaker_mirror();
}

void kafka_bus_impl::fail(kafka_publish_request* r, boost::system::error_code ec,
                          std::string message) {
    if (r->diag) {
        auto& d = *r->diag;
        d.message = std::move(message);
        d.transport = "kafka";
        d.operation = "publish";
        d.target = "kafka." + config.environment;
        d.topic = r->topic;
        d.servers = config.sanitized_servers();
        d.correlation_id = r->correlation_id;
        if (!r->error_parameter.empty()) {
            d.parameter = r->error_parameter;
            d.value = r->error_parameter == "topic" ? r->topic : std::string();
        }
        if (!d.attempts && r->attempts > 0)
            d.attempts = r->attempts;
    } else if (r->counts_for_breaker && ec != make_error_code(errc::unavailable)) {
        log(log_level::error, message);
    }
    complete(r, ec);
}

void kafka_bus_impl::complete(kafka_publish_request* r, boost::system::error_code ec) {
    std::unique_ptr<kafka_publish_request> owned(r);
    untrack(r);
    completion_handler h(std::move(*r->handler));
    const bool initiating = r->initiating || r == initiating_request_;
    r->bus.reset();
    owned.reset();
    deliver(executor, std::move(h), ec, initiating);
    if (closing_ && in_flight_ == nullptr)
        post_continue_close();
}

void kafka_bus_impl::track(kafka_publish_request* r) {
    r->next = in_flight_;
    if (in_flight_)
        in_flight_->prev = r;
    in_flight_ = r;
    r->tracked = true;
    counters.publishes_in_flight.store(++in_flight_count_);
}

void kafka_bus_impl::untrack(kafka_publish_request* r) {
    if (!std::exchange(r->tracked, false))
        return;
    (r->prev ? r->prev->next : in_flight_) = r->next;
    if (r->next)
        r->next->prev = r->prev;
    counters.publishes_in_flight.store(--in_flight_count_);
}

void kafka_bus_impl::update_breaker_mirror() {
    const auto now = std::chrono::steady_clock::now();
    breaker_state_mirror_.store(static_cast<int>(breaker_.state(now)));
    breaker_failures_mirror_.store(breaker_.failures());
    const auto until = breaker_.open_until();
    breaker_open_until_mirror_.store(until ? to_rep(*until) : 0);
}

// --- subscriptions ------------------------------------------------------------------------------

std::shared_ptr<subscription_state>
kafka_bus_impl::add_subscription(std::string topic, std::string group, message_handler handler) {
    auto s =
        std::make_shared<subscription_state>(std::move(topic), std::move(group), std::move(handler),
                                             executor, std::make_shared<subscriber_circuit>());
    s->owner = std::static_pointer_cast<subscription_owner>(shared_from_this());
    {
        std::lock_guard lock(registry_mutex_);
        auto& topics = registry_[s->group_id];
        auto& list = topics[s->topic];
        auto next = std::make_shared<subscription_list>(list ? *list : subscription_list{});
        next->push_back(s);
        list = std::move(next);
        registry_version_.fetch_add(1);
    }
    asio::dispatch(strand, [self = shared_from_this()] { self->sync_consumers(); });
    return s;
}

void kafka_bus_impl::remove(const std::shared_ptr<subscription_state>& s) noexcept {
    s->deactivate();
    try {
        std::lock_guard lock(registry_mutex_);
        auto group = registry_.find(s->group_id);
        if (group == registry_.end())
            return;
        auto topic = group->second.find(s->topic);
        if (topic == group->second.end())
            return;
        auto next = std::make_shared<subscription_list>(*topic->second);
        std::erase(*next, s);
        if (next->empty())
            group->second.erase(topic);
        else
            topic->second = std::move(next);
        if (group->second.empty())
            registry_.erase(group);
        registry_version_.fetch_add(1);
        asio::post(strand, [self = shared_from_this()] { self->sync_consumers(); });
    } catch (...) {
        log(log_level::error, "unsubscribe: out of memory; the subscription is inactive");
    }
}

topic_subscriptions kafka_bus_impl::snapshot(const std::string& group) const {
    std::lock_guard lock(registry_mutex_);
    auto it = registry_.find(group);
    return it == registry_.end() ? topic_subscriptions{} : it->second;
}

// Brings the consumers in line with the registry: one per group, subscribed to its topics.
void kafka_bus_impl::sync_consumers() {
    if (!started_.load() || closing_)
        return;
    std::map<std::string, std::vector<std::string>, std::less<>> wanted;
    {
        std::lock_guard lock(registry_mutex_);
        for (const auto& [group, topics] : registry_)
            for (const auto& [topic, list] : topics)
                wanted[group].push_back(topic);
    }
    for (auto& [group, topics] : wanted) {
        auto it = consumers_.find(group);
        if (it == consumers_.end()) {
            auto consumer = std::make_shared<group_consumer>(shared_from_this(), group);
            try {
                consumer->start(topics);
            } catch (const std::exception& e) {
                log(log_level::error,
                    "Consumer for group '" + group + "' failed to start: " + e.what());
                continue;
            }
            consumers_.emplace(group, std::move(consumer));
        } else {
            it->second->update_topics(topics);
        }
    }
    for (auto& [group, consumer] : consumers_)
        if (!wanted.contains(group))
            consumer->close();
    consumer_count_.store(consumers_.size());
}

// --- introspection ------------------------------------------------------------------------------

kafka_health kafka_bus_impl::health() const {
    kafka_health h;
    {
        std::lock_guard lock(registry_mutex_);
        std::set<std::string_view> topics;
        for (const auto& [group, by_topic] : registry_)
            for (const auto& [topic, list] : by_topic) {
                h.subscriber_count += list->size();
                topics.insert(topic);
            }
        h.topic_count = topics.size();
    }
    h.started = started_.load();
    h.healthy = h.started;
    h.environment = config.environment;
    h.bootstrap_servers = config.sanitized_servers();
    h.publish_circuit = publish_circuit_status().state;
    h.consumer_count = consumer_count_.load();
    h.publishes_in_flight = counters.publishes_in_flight.load();
    h.dead_lettered = counters.dead_lettered.load();
    h.dead_letter_failures = counters.dead_letter_failures.load();
    h.open_subscriber_circuits = static_cast<std::size_t>(
        std::max<std::int64_t>(0, counters.open_subscriber_circuits.load()));
    h.unhandled_without_dead_letter_topic = counters.unhandled_without_dead_letter_topic.load();
    return h;
}

circuit_status kafka_bus_impl::publish_circuit_status() const {
    circuit_status s;
    s.state = static_cast<circuit_state>(breaker_state_mirror_.load());
    const auto until = breaker_open_until_mirror_.load();
    const auto now = std::chrono::steady_clock::now();
    if (s.state == circuit_state::open && until != 0 && to_rep(now) >= until)
        s.state = circuit_state::half_open;
    s.failures = breaker_failures_mirror_.load();
    s.threshold = breaker_.threshold();
    s.reset_timeout = breaker_.options().reset_timeout;
    s.half_open_successes_required = breaker_.options().half_open_successes;
    if (s.state == circuit_state::open)
        s.until_half_open = std::chrono::steady_clock::duration(until - to_rep(now));
    return s;
}

} // namespace onex::event_bus::detail
