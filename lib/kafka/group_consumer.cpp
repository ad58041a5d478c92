// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/dead_letter_record.hpp"
#include "kafka/group_consumer.hpp"

#include <onex/event_bus/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/core/demangle.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <algorithm>
#include <array>
#include <typeinfo>

namespace asio = boost::asio;

namespace onex::event_bus::detail {
namespace {

constexpr std::size_t batch_size = 64;

void on_consumer_rebalance(rd_kafka_t*, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque) {
    static_cast<group_consumer*>(opaque)->on_rebalance(err, partitions);
}

void on_consumer_error(rd_kafka_t*, int err, const char* reason, void* opaque) {
    const auto code = static_cast<rd_kafka_resp_err_t>(err);
    auto* self = static_cast<group_consumer*>(opaque);
    self->log(code == RD_KAFKA_RESP_ERR__FATAL ? log_level::error : log_level::warning,
              "librdkafka consumer (group '" + self->group() + "'): " + rd_kafka_err2name(code) +
                  ": " + (reason ? reason : ""));
}

void on_consumer_log(const rd_kafka_t* rk, int level, const char* facility, const char* text) {
    const auto* self = static_cast<const group_consumer*>(rd_kafka_opaque(rk));
    if (self)
        self->log(from_syslog(level), std::string("librdkafka ") + facility + ": " + text);
}

struct partition_list_deleter {
    void operator()(rd_kafka_topic_partition_list_t* l) const noexcept {
        rd_kafka_topic_partition_list_destroy(l);
    }
};
using partition_list = std::unique_ptr<rd_kafka_topic_partition_list_t, partition_list_deleter>;

std::string where(const rd_kafka_message_t* m) {
    return std::string(rd_kafka_topic_name(m->rkt)) + "[" + std::to_string(m->partition) + "]@" +
           std::to_string(m->offset);
}

struct failure_text {
    std::string type;
    std::string message;
};

failure_text describe(const std::exception_ptr& ep) {
    try {
        std::rethrow_exception(ep);
    } catch (const std::exception& e) {
        return {boost::core::demangle(typeid(e).name()), e.what()};
    } catch (...) {
        return {"unknown", "a non-standard exception"};
    }
}

std::chrono::steady_clock::duration keepalive_period(const kafka_config& c) {
    return std::chrono::milliseconds(std::max(1000, c.max_poll_interval_ms / 3));
}

} // namespace

// --- kafka_message_body -------------------------------------------------------------------------

kafka_message_body::kafka_message_body(rd_kafka_message_t* m,
                                       std::shared_ptr<rdkafka_client> c) noexcept
    : raw(m)
    , client(std::move(c)) {}

kafka_message_body::~kafka_message_body() {
    rd_kafka_message_destroy(raw);
}

void kafka_message_body::ack() const noexcept {
    store_offset();
}

bool kafka_message_body::store_offset() const noexcept {
    if (acked.exchange(true))
        return false;
    // Stores offset + 1, the next one to read; fails harmlessly for a revoked partition.
    return rd_kafka_offset_store(raw->rkt, raw->partition, raw->offset) ==
           RD_KAFKA_RESP_ERR_NO_ERROR;
}

// --- one message on the slow path ---------------------------------------------------------------

struct group_consumer::job {
    std::shared_ptr<kafka_message_body> body;
    event_message message;
    std::shared_ptr<const subscription_list> subs;
    std::size_t next = 0;
    std::exception_ptr first_failure; // of subs[next], already called once
    std::string decode_error;         // set: dead-letter as a deserialization failure
};

// --- group_consumer -----------------------------------------------------------------------------

group_consumer::group_consumer(std::shared_ptr<kafka_bus_impl> bus, std::string group)
    : bus_(std::move(bus))
    , group_(std::move(group))
    , keepalive_(bus_->strand)
    , retry_timer_(bus_->strand)
    , close_timer_(bus_->strand) {}

group_consumer::~group_consumer() {
    for (auto* m : backlog_)
        rd_kafka_message_destroy(m);
    for (auto& [topic, c] : circuits_)
        for (auto* m : c->held)
            rd_kafka_message_destroy(m);
    if (waker_)
        waker_->stop();
    if (queue_)
        rd_kafka_queue_destroy(queue_);
}

void group_consumer::start(std::vector<std::string> topics) {
    std::vector<std::pair<std::string, std::string>> extra{{"group.id", group_}};
    client_ = rdkafka_client::create(bus_->config, client_kind::consumer,
                                     rdkafka_callbacks{nullptr, &on_consumer_rebalance,
                                                       &on_consumer_error, &on_consumer_log, this},
                                     extra);
    rd_kafka_t* rk = client_->get();
    rd_kafka_poll_set_consumer(rk);
    queue_ = rd_kafka_queue_get_consumer(rk);
    subscribe(std::move(topics));
    last_poll_ = std::chrono::steady_clock::now();
    waker_.emplace(bus_->strand, queue_, [this](std::size_t budget) { return serve(budget); });
    arm_keepalive();
    bus_->log(log_level::info, "Consumer for group '" + group_ + "' started");
}

void group_consumer::subscribe(std::vector<std::string> topics) {
    partition_list list(rd_kafka_topic_partition_list_new(static_cast<int>(topics.size())));
    for (const auto& t : topics)
        rd_kafka_topic_partition_list_add(list.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
    if (auto err = rd_kafka_subscribe(client_->get(), list.get());
        err != RD_KAFKA_RESP_ERR_NO_ERROR)
        bus_->log(log_level::error,
                  "Consumer group '" + group_ + "': subscribe failed: " + rd_kafka_err2str(err));
    topics_ = std::move(topics);
}

void group_consumer::update_topics(std::vector<std::string> topics) {
    if (closing_ || topics == topics_)
        return;
    subscribe(std::move(topics));
}

// librdkafka only counts the application as alive (max.poll.interval.ms) while it polls: an idle
// consumer, or one stuck in a long handler, polls on this timer (every max.poll.interval.ms / 3).
void group_consumer::arm_keepalive() {
    keepalive_.expires_after(keepalive_period(bus_->config));
    keepalive_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec || self->closing_)
            return;
        if (!self->busy_) {
            self->waker_->kick();
        } else if (std::chrono::steady_clock::now() - self->last_poll_ >=
                   keepalive_period(self->bus_->config)) {
            // Poll anyway: what comes is kept, in order, behind the message in hand.
            std::array<rd_kafka_message_t*, batch_size> batch{};
            const auto n =
                rd_kafka_consume_batch_queue(self->queue_, 0, batch.data(), batch.size());
            self->last_poll_ = std::chrono::steady_clock::now();
            for (ssize_t i = 0; i < n; ++i)
                self->backlog_.push_back(batch[static_cast<std::size_t>(i)]);
        }
        self->arm_keepalive();
    });
}

std::size_t group_consumer::serve(std::size_t budget) {
    std::size_t served = 0;
    std::array<rd_kafka_message_t*, batch_size> batch{};
    // While a message is in hand, the rest waits in librdkafka (bounded memory): the end of that
    // message kicks the waker.
    while (served < budget && (!busy_ || leaving_)) {
        const std::size_t want = std::min(batch_size, budget - served);
        const ssize_t n = rd_kafka_consume_batch_queue(queue_, 0, batch.data(), want);
        last_poll_ = std::chrono::steady_clock::now();
        if (n < 0) {
            bus_->log(log_level::error, "Consumer group '" + group_ + "': consume failed: " +
                                            rd_kafka_err2str(rd_kafka_last_error()));
            break;
        }
        served += static_cast<std::size_t>(n);
        for (ssize_t i = 0; i < n; ++i) {
            auto* m = batch[static_cast<std::size_t>(i)];
            if (leaving_)
                rd_kafka_message_destroy(m); // not stored: the group's next owner reads it
            else
                backlog_.push_back(m);
        }
        pump();
        if (static_cast<std::size_t>(n) < want)
            break;
    }
    if (commit_pending_ && !bus_->config.enable_auto_commit && !busy_) {
        commit_pending_ = false;
        rd_kafka_commit(client_->get(), nullptr, 1);
    }
    if (leaving_)
        check_closed();
    return busy_ ? 0 : served;
}

void group_consumer::pump() {
    while (!busy_ && !backlog_.empty() && !closing_) {
        rd_kafka_message_t* m = backlog_.front();
        backlog_.pop_front();
        if (paused_topics_ > 0 && !m->err) {
            auto it = circuits_.find(std::string_view(rd_kafka_topic_name(m->rkt)));
            if (it != circuits_.end() && it->second->paused) {
                it->second->held.push_back(m);
                continue;
            }
        }
        dispatch(m);
    }
}

const subscription_list* group_consumer::subscriptions_for(std::string_view topic) {
    if (const auto v = bus_->registry_version(); v != seen_version_) {
        subscriptions_ = bus_->snapshot(group_);
        seen_version_ = v;
    }
    auto it = subscriptions_.find(topic);
    return it == subscriptions_.end() ? nullptr : it->second.get();
}

void group_consumer::dispatch(rd_kafka_message_t* m) {
    if (m->err) {
        if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
            bus_->log(log_level::warning,
                      "Consumer group '" + group_ + "': " + rd_kafka_message_errstr(m));
        rd_kafka_message_destroy(m);
        return;
    }
    auto body = std::make_shared<kafka_message_body>(m, client_);
    body->topic = rd_kafka_topic_name(m->rkt);
    if (m->key)
        body->key = std::string_view(static_cast<const char*>(m->key), m->key_len);
    body->value = std::string_view(static_cast<const char*>(m->payload), m->len);
    body->offset = std::to_string(m->offset);
    body->partition = m->partition;

    std::array<kafka_header_view, 32> fixed{};
    std::vector<kafka_header_view> more;
    std::size_t count = 0;
    rd_kafka_headers_t* hdrs = nullptr;
    if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        const char* name = nullptr;
        const void* value = nullptr;
        std::size_t size = 0;
        for (std::size_t i = 0;
             rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
             ++i) {
            kafka_header_view h{name, value ? std::optional<std::string_view>(std::string_view(
                                                  static_cast<const char*>(value), size))
                                            : std::nullopt};
            if (count < fixed.size())
                fixed[count] = h;
            else
                more.push_back(h);
            ++count;
        }
    }
    if (!more.empty())
        more.insert(more.begin(), fixed.begin(), fixed.end());
    const std::span<const kafka_header_view> views =
        more.empty() ? std::span<const kafka_header_view>(fixed.data(), count)
                     : std::span<const kafka_header_view>(more);
    diagnostics diag;
    auto decoded = decode_kafka_headers(views, &diag, bus_->log_sink.get());
    event_message message(std::static_pointer_cast<const message_body>(body));
    if (!decoded) {
        run_slow(std::make_shared<job>(job{body, message, nullptr, 0, nullptr, diag.message}));
        return;
    }
    body->headers = std::move(*decoded);

    const subscription_list* subs = subscriptions_for(body->topic);
    if (!subs) {
        bus_->log(log_level::warning, "Consumer group '" + group_ + "': no subscription for " +
                                          where(m) + " any more; offset committed");
        finish(*body);
        return;
    }
    for (std::size_t i = 0; i < subs->size(); ++i) {
        subscription_state& s = *(*subs)[i];
        if (s.handler.is_async()) {
            run_slow(std::make_shared<job>(
                job{body, message, subscriptions_.find(body->topic)->second, i, nullptr, {}}));
            return;
        }
        if (!s.begin_call())
            continue;
        try {
            s.handler.call(message);
        } catch (...) {
            auto failure = std::current_exception();
            s.end_call();
            run_slow(std::make_shared<job>(
                job{body, message, subscriptions_.find(body->topic)->second, i, failure, {}}));
            return;
        }
        s.end_call();
    }
    finish(*body);
    if (!circuits_.empty())
        record_outcome(body->topic, true);
}

void group_consumer::finish(const kafka_message_body& body) {
    body.store_offset();
    commit_pending_ = true;
}

void group_consumer::run_slow(std::shared_ptr<job> j) {
    busy_ = true;
    asio::co_spawn(bus_->strand, slow_path(std::move(j)),
                   [self = shared_from_this()](const std::exception_ptr& ep) {
                       if (ep)
                           self->bus_->log(log_level::error,
                                           "Consumer group '" + self->group_ +
                                               "': dispatch failed: " + describe(ep).message);
                       self->busy_ = false;
                       if (self->closing_) {
                           self->finish_close();
                           return;
                       }
                       self->pump();
                       if (!self->busy_)
                           self->waker_->kick();
                   });
}

// Handlers that need to wait (coroutines, retries, dead-letter writes) continue here; the fast
// path in `dispatch` covers the common case without a coroutine frame.
asio::awaitable<void> group_consumer::slow_path(std::shared_ptr<job> j) {
    const auto tuple = asio::as_tuple(asio::use_awaitable);
    if (!j->decode_error.empty()) {
        if (co_await dead_letter(*j, "deserialization_error", j->decode_error))
            finish(*j->body);
        co_return;
    }
    bool handled = true;
    const event_headers& headers = j->message.headers();
    const std::int64_t allowed =
        std::max<std::int64_t>(0, headers.max_retries - headers.retry_count);
    for (; j->next < j->subs->size(); ++j->next) {
        subscription_state& s = *(*j->subs)[j->next];
        std::exception_ptr failure = std::exchange(j->first_failure, nullptr);
        std::int64_t attempt = failure ? 1 : 0;
        for (;;) {
            if (!failure) {
                if (!s.begin_call())
                    break;
                try {
                    if (s.handler.is_async())
                        co_await s.handler.call_async(j->message);
                    else
                        s.handler.call(j->message);
                } catch (...) {
                    failure = std::current_exception();
                }
                s.end_call();
                ++attempt;
                if (!failure)
                    break;
            }
            const auto [type, text] = describe(failure);
            if (j->body->acked.load()) {
                bus_->log(log_level::error, "Handler of group '" + group_ + "' failed on " +
                                                where(j->body->raw) + " after ack(): " + type +
                                                ": " + text + " (not retried: acknowledged)");
                break;
            }
            if (attempt - 1 < allowed) {
                bus_->log(log_level::warning,
                          "Handler of group '" + group_ + "' failed on " + where(j->body->raw) +
                              " (attempt " + std::to_string(attempt) + "/" +
                              std::to_string(allowed + 1) + "): " + type + ": " + text);
                retry_timer_.expires_after(bus_->backoff(static_cast<std::uint32_t>(attempt - 1)));
                co_await retry_timer_.async_wait(tuple);
                if (closing_)
                    co_return; // not stored: read again after the restart
                failure = nullptr;
                continue;
            }
            if (!co_await dead_letter(*j, type, text))
                co_return; // not dead-lettered: not stored, read again
            handled = false;
            break;
        }
    }
    finish(*j->body);
    record_outcome(j->body->topic, handled);
}

// True once the message is accounted for: written to the dead-letter topic, or logged and
// counted when there is none. False when closing stopped the retries (nothing is stored).
asio::awaitable<bool> group_consumer::dead_letter(job& j, const std::string& error_type,
                                                  const std::string& error_message) {
    const auto& raw = *j.body->raw;
    const auto& dlq = bus_->config.dead_letter_topic;
    if (!dlq || dlq->empty()) {
        bus_->counters.unhandled_without_dead_letter_topic.fetch_add(1);
        bus_->log(log_level::error, "Consumer group '" + group_ + "': " + where(&raw) +
                                        " could not be handled and no dead_letter_topic is "
                                        "configured; its offset is committed. " +
                                        error_type + ": " + error_message);
        co_return true;
    }
    const bool raw_kind = !j.decode_error.empty();
    const std::string correlation =
        raw_kind ? std::string() : boost::uuids::to_string(j.message.headers().correlation_id);
    dead_letter_input in;
    in.kind =
        raw_kind ? dead_letter_kind::deserialization_failure : dead_letter_kind::handler_failure;
    in.original_topic = j.body->topic;
    in.key = j.body->key;
    in.value = j.body->value;
    in.offset = raw.offset;
    in.partition = raw.partition;
    in.error_type = error_type;
    in.error_message = error_message;
    in.correlation_id = correlation;
    in.retry_count = raw_kind ? 0 : j.message.headers().retry_count;
    in.consumer_group = group_;
    const auto tuple = asio::as_tuple(asio::use_awaitable);
    for (std::uint32_t attempt = 0;; ++attempt) {
        in.now = std::chrono::system_clock::now();
        dead_letter_record record = build_dead_letter(in, bus_->config.environment, *dlq);
        request_ptr r = make_request_ptr();
        r->topic = *dlq;
        if (j.body->key)
            r->key = std::string(*j.body->key);
        r->value = std::move(record.payload);
        r->headers = header_block::from_vector(record.headers);
        // Named first: g++ 12 mis-destroys temporaries inside co_await expressions.
        auto write = asio::async_initiate<decltype(tuple), void(boost::system::error_code)>(
            [this, &r](auto handler) {
                bus_->write_dead_letter(std::move(r), completion_handler(std::move(handler)));
            },
            tuple);
        auto [ec] = co_await std::move(write);
        if (!ec) {
            bus_->counters.dead_lettered.fetch_add(1);
            bus_->log(log_level::warning, "Consumer group '" + group_ + "': " + where(&raw) +
                                              " dead-lettered to " + *dlq + " (" + error_type +
                                              ")");
            co_return true;
        }
        bus_->counters.dead_letter_failures.fetch_add(1);
        bus_->log(log_level::error, "Consumer group '" + group_ + "': dead-letter write of " +
                                        where(&raw) + " to " + *dlq + " failed (" + ec.message() +
                                        "); not committed, retrying");
        if (closing_)
            co_return false;
        retry_timer_.expires_after(std::min<std::chrono::steady_clock::duration>(
            bus_->backoff(std::min<std::uint32_t>(attempt, 10)), std::chrono::seconds(30)));
        co_await retry_timer_.async_wait(tuple);
        if (closing_)
            co_return false;
    }
}

// --- per-subscriber circuits --------------------------------------------------------------------

group_consumer::topic_circuit::topic_circuit(const kafka_config& c, const std::string& topic,
                                             const asio::strand<asio::any_io_executor>& strand)
    : breaker(breaker_options(c, "kafka." + c.environment + "." + topic))
    , timer(strand) {}

void group_consumer::record_outcome(const std::string& topic, bool handled) {
    auto it = circuits_.find(topic);
    if (it == circuits_.end()) {
        if (handled)
            return; // closed with no failures: nothing to track
        it = circuits_
                 .emplace(topic, std::make_unique<topic_circuit>(bus_->config, topic, bus_->strand))
                 .first;
    }
    topic_circuit& c = *it->second;
    if (handled) {
        c.breaker.record_success();
        return;
    }
    c.breaker.record_failure();
    if (c.breaker.state() == circuit_state::open && !c.paused)
        pause(topic, c);
}

void group_consumer::pause(const std::string& topic, topic_circuit& c) {
    c.paused = true;
    ++paused_topics_;
    bus_->counters.open_subscriber_circuits.fetch_add(1);
    set_paused(topic, true);
    // What was read ahead waits for the half-open trial, in order.
    std::erase_if(backlog_, [&](rd_kafka_message_t* m) {
        if (m->err || topic != rd_kafka_topic_name(m->rkt))
            return false;
        c.held.push_back(m);
        return true;
    });
    bus_->log(log_level::warning,
              "Circuit open for consumer group '" + group_ + "' on topic '" + topic + "' after " +
                  std::to_string(c.breaker.failures()) +
                  " dead-lettered messages in a row; its partitions are paused for " +
                  std::to_string(bus_->config.circuit_breaker_reset_timeout) + "s");
    c.timer.expires_after(to_duration(bus_->config.circuit_breaker_reset_timeout));
    c.timer.async_wait([self = shared_from_this(), topic](boost::system::error_code ec) {
        if (!ec && !self->closing_)
            self->resume(topic);
    });
}

// Half-open: the held messages go first; the next outcome closes or reopens the circuit.
void group_consumer::resume(const std::string& topic) {
    auto it = circuits_.find(topic);
    if (it == circuits_.end() || !it->second->paused)
        return;
    topic_circuit& c = *it->second;
    c.breaker.check();
    c.paused = false;
    --paused_topics_;
    bus_->counters.open_subscriber_circuits.fetch_sub(1);
    set_paused(topic, false);
    backlog_.insert(backlog_.begin(), c.held.begin(), c.held.end());
    c.held.clear();
    bus_->log(log_level::info,
              "Circuit half-open for consumer group '" + group_ + "' on topic '" + topic + "'");
    pump();
    if (!busy_)
        waker_->kick();
}

void group_consumer::set_paused(const std::string& topic, bool paused) {
    rd_kafka_topic_partition_list_t* assigned = nullptr;
    if (rd_kafka_assignment(client_->get(), &assigned) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return;
    partition_list all(assigned);
    partition_list mine(rd_kafka_topic_partition_list_new(all->cnt));
    for (int i = 0; i < all->cnt; ++i)
        if (topic == all->elems[i].topic)
            rd_kafka_topic_partition_list_add(mine.get(), all->elems[i].topic,
                                              all->elems[i].partition);
    if (mine->cnt == 0)
        return;
    const auto err = paused ? rd_kafka_pause_partitions(client_->get(), mine.get())
                            : rd_kafka_resume_partitions(client_->get(), mine.get());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        bus_->log(log_level::error, "Consumer group '" + group_ + "': cannot " +
                                        (paused ? "pause" : "resume") + " topic '" + topic +
                                        "': " + rd_kafka_err2str(err));
}

void group_consumer::on_rebalance(rd_kafka_resp_err_t err,
                                  rd_kafka_topic_partition_list_t* partitions) {
    rd_kafka_t* rk = client_->get();
    const bool cooperative = std::string_view(rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE";
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        if (cooperative)
            rd_kafka_error_destroy(rd_kafka_incremental_assign(rk, partitions));
        else
            rd_kafka_assign(rk, partitions);
        for (const auto& [topic, c] : circuits_)
            if (c->paused)
                set_paused(topic, true); // newly assigned partitions of an open circuit
        return;
    }
    // Revoked: drop what was read ahead for those partitions (their next owner reads it from the
    // committed offset), and commit what was handled.
    auto revoked = [partitions](rd_kafka_message_t* m) {
        if (!rd_kafka_topic_partition_list_find(partitions, rd_kafka_topic_name(m->rkt),
                                                m->partition))
            return false;
        rd_kafka_message_destroy(m);
        return true;
    };
    std::erase_if(backlog_, revoked);
    for (auto& [topic, c] : circuits_)
        std::erase_if(c->held, revoked);
    if (!bus_->config.enable_auto_commit && commit_pending_) {
        commit_pending_ = false;
        rd_kafka_commit(rk, nullptr, 1);
    }
    if (cooperative)
        rd_kafka_error_destroy(rd_kafka_incremental_unassign(rk, partitions));
    else
        rd_kafka_assign(rk, nullptr);
}

void group_consumer::close() {
    if (closing_)
        return;
    closing_ = true;
    keepalive_.cancel();
    retry_timer_.cancel();
    if (!busy_)
        finish_close();
}

void group_consumer::finish_close() {
    if (leaving_)
        return;
    leaving_ = true;
    for (auto* m : backlog_)
        rd_kafka_message_destroy(m);
    backlog_.clear();
    for (auto& [topic, c] : circuits_) {
        c->timer.cancel();
        for (auto* m : c->held)
            rd_kafka_message_destroy(m);
        c->held.clear();
    }
    if (!client_) {
        check_closed();
        return;
    }
    if (!bus_->config.enable_auto_commit && commit_pending_) {
        commit_pending_ = false;
        rd_kafka_commit(client_->get(), nullptr, 1);
    }
    // Leaves the group in the background; the queue (served by the waker) gets the revoke and
    // the final events.
    if (rd_kafka_error_t* e = rd_kafka_consumer_close_queue(client_->get(), queue_)) {
        bus_->log(log_level::error,
                  "Consumer group '" + group_ + "': close failed: " + rd_kafka_error_string(e));
        rd_kafka_error_destroy(e);
    }
    check_closed();
}

// librdkafka offers no completion for rd_kafka_consumer_close_queue besides the closed flag;
// while leaving, the flag is checked after each pass and on a short timer.
void group_consumer::check_closed() {
    if (done_)
        return;
    if (client_ && !rd_kafka_consumer_closed(client_->get())) {
        close_timer_.expires_after(std::chrono::milliseconds(10));
        close_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (!ec && !self->done_) {
                self->waker_->kick();
                self->check_closed();
            }
        });
        return;
    }
    done_ = true;
    close_timer_.cancel();
    if (waker_)
        waker_->stop();
    if (queue_) {
        rd_kafka_queue_destroy(queue_);
        queue_ = nullptr;
    }
    client_.reset();
    bus_->log(log_level::info, "Consumer for group '" + group_ + "' closed");
    asio::post(bus_->strand, [self = shared_from_this()] {
        auto bus = std::move(self->bus_);
        self->bus_ = nullptr;
        bus->consumer_closed(self->group_);
    });
}

} // namespace onex::event_bus::detail
