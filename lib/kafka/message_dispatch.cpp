// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// One consumed message, from the queue to its stored offset: headers decoded, every subscription
// of its topic called in order (plain handlers inline; coroutine handlers, retries and dead letters
// on a coroutine), then the offset stored for commit and the topic's circuit told the outcome.

#include "kafka/dead_letter_policy.hpp"
#include "kafka/group_consumer.hpp"
#include "kafka/message_text.hpp"

#include <onex/event_bus/kafka_headers.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <span>
#include <vector>

namespace asio = boost::asio;

namespace onex::event_bus::detail {

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
                                          message_position(m) + " any more; offset committed");
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
                           self->bus_->log(log_level::error, "Consumer group '" + self->group_ +
                                                                 "': dispatch failed: " +
                                                                 describe_failure(ep).message);
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
        if (co_await dead_letters_.write(*j->body, j->message, j->decode_error,
                                         "deserialization_error", j->decode_error))
            finish(*j->body);
        co_return;
    }
    bool handled = true;
    const event_headers& headers = j->message.headers();
    const std::int64_t allowed = allowed_handler_retries(headers.max_retries, headers.retry_count,
                                                         bus_->config.max_handler_retries);
    for (; j->next < j->subs->size(); ++j->next) {
        subscription_state& s = *(*j->subs)[j->next];
        std::exception_ptr failure = std::exchange(j->first_failure, nullptr);
        std::int64_t calls = failure ? 1 : 0;
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
                ++calls;
                if (!failure)
                    break;
            }
            auto [type, text] = describe_failure(failure);
            const std::string position = message_position(j->body->raw);
            const auto action = after_handler_failure(calls, allowed, j->body->acked.load());
            if (action == handler_failure_action::skip_acknowledged) {
                bus_->log(log_level::error, "Handler of group '" + group_ + "' failed on " +
                                                position + " after ack(): " + type + ": " + text +
                                                " (not retried: acknowledged)");
                break;
            }
            if (action == handler_failure_action::retry) {
                bus_->log(log_level::warning,
                          "Handler of group '" + group_ + "' failed on " + position + " (attempt " +
                              std::to_string(calls) + "/" +
                              std::to_string(static_cast<std::uint64_t>(allowed) + 1) +
                              "): " + type + ": " + text);
                retry_timer_.expires_after(bus_->backoff(static_cast<std::uint32_t>(calls - 1)));
                co_await retry_timer_.async_wait(tuple);
                if (closing_)
                    co_return; // not stored: read again after the restart
                failure = nullptr;
                continue;
            }
            if (!co_await dead_letters_.write(*j->body, j->message, {}, std::move(type),
                                              std::move(text)))
                co_return; // not dead-lettered: not stored, read again
            handled = false;
            break;
        }
    }
    finish(*j->body);
    record_outcome(j->body->topic, handled);
}

} // namespace onex::event_bus::detail
