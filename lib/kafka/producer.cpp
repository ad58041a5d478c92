// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The publish path of the Kafka bus: admission (started, topic rules, the publish circuit), the
// produce call, the delivery report, and the retry rule of publish_retry.hpp, which decides what a
// report means; every publish in flight is on an intrusive list, so that a close can reach it.

#include "kafka/kafka_bus_impl.hpp"
#include "kafka/publish_retry.hpp"

#include <onex/event_bus/error.hpp>

namespace onex::event_bus::detail {
namespace {

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

} // namespace

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
    const delivery_outcome outcome = classify_delivery(err);
    const auto max_attempts = static_cast<std::uint32_t>(config.max_retry_attempts) + 1;
    const publish_step step = next_publish_step(outcome, r->attempts, max_attempts, closing_);
    if (r->counts_for_breaker && (step.breaker_failure || outcome == delivery_outcome::delivered)) {
        if (step.breaker_failure)
            breaker_.record_failure();
        else
            breaker_.record_success();
        update_breaker_mirror();
    }
    if (step.breaker_failure)
        log(log_level::warning, "Publish attempt " + std::to_string(r->attempts) + "/" +
                                    std::to_string(max_attempts) + " to topic " + r->topic +
                                    " failed: " + rd_kafka_err2name(err));
    switch (step.what) {
    case publish_step::action::complete:
        return complete(r, {});
    case publish_step::action::retry:
        return retry_later(r, backoff(r->attempts - 1));
    case publish_step::action::fail:
        break;
    }
    if (!step.parameter.empty())
        r->error_parameter = std::string(step.parameter);
    fail(r, step.error,
         publish_failure_message(outcome, r->topic, r->value.size(), r->attempts, err));
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

} // namespace onex::event_bus::detail
