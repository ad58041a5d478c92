// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/dead_letter_policy.hpp"
#include "kafka/dead_letter_record.hpp"
#include "kafka/dead_letter_writer.hpp"
#include "kafka/kafka_bus_impl.hpp"
#include "kafka/message_text.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <chrono>

namespace asio = boost::asio;

namespace onex::event_bus::detail {

dead_letter_writer::dead_letter_writer(kafka_bus_impl& bus, const std::string& group)
    : bus_(bus)
    , group_(group)
    , retry_timer_(bus.strand) {}

void dead_letter_writer::stop() noexcept {
    stopped_ = true;
    retry_timer_.cancel();
}

asio::awaitable<bool> dead_letter_writer::write(const kafka_message_body& body,
                                                const event_message& message,
                                                std::string_view decode_error,
                                                std::string error_type, std::string error_message) {
    const auto& raw = *body.raw;
    const auto& dlq = bus_.config.dead_letter_topic;
    if (!dlq || dlq->empty()) {
        bus_.counters.unhandled_without_dead_letter_topic.fetch_add(1);
        bus_.log(log_level::error, "Consumer group '" + group_ + "': " + message_position(&raw) +
                                       " could not be handled and no dead_letter_topic is "
                                       "configured; its offset is committed. " +
                                       error_type + ": " + error_message);
        co_return true;
    }
    const bool raw_kind = !decode_error.empty();
    const std::string correlation =
        raw_kind ? std::string() : boost::uuids::to_string(message.headers().correlation_id);
    dead_letter_input in;
    in.kind =
        raw_kind ? dead_letter_kind::deserialization_failure : dead_letter_kind::handler_failure;
    in.original_topic = body.topic;
    in.key = body.key;
    in.value = body.value;
    in.offset = raw.offset;
    in.partition = raw.partition;
    in.error_type = error_type;
    in.error_message = error_message;
    in.correlation_id = correlation;
    in.retry_count = raw_kind ? 0 : message.headers().retry_count;
    in.consumer_group = group_;
    const auto tuple = asio::as_tuple(asio::use_awaitable);
    for (std::uint32_t failed_writes = 0;; ++failed_writes) {
        in.now = std::chrono::system_clock::now();
        dead_letter_record record = build_dead_letter(in, bus_.config.environment, *dlq);
        request_ptr r = make_request_ptr();
        r->topic = *dlq;
        if (body.key)
            r->key = std::string(*body.key);
        r->value = std::move(record.payload);
        r->headers = header_block::from_vector(record.headers);
        // Named first: g++ 12 mis-destroys temporaries inside co_await expressions.
        auto write = asio::async_initiate<decltype(tuple), void(boost::system::error_code)>(
            [this, &r](auto handler) {
                bus_.write_dead_letter(std::move(r), completion_handler(std::move(handler)));
            },
            tuple);
        auto [ec] = co_await std::move(write);
        if (!ec) {
            bus_.counters.dead_lettered.fetch_add(1);
            bus_.log(log_level::warning, "Consumer group '" + group_ +
                                             "': " + message_position(&raw) + " dead-lettered to " +
                                             *dlq + " (" + error_type + ")");
            co_return true;
        }
        bus_.counters.dead_letter_failures.fetch_add(1);
        bus_.log(log_level::error, "Consumer group '" + group_ + "': dead-letter write of " +
                                       message_position(&raw) + " to " + *dlq + " failed (" +
                                       ec.message() + "); not committed, retrying");
        if (stopped_)
            co_return false;
        retry_timer_.expires_after(
            dead_letter_retry_delay(bus_.config.retry_backoff_base, failed_writes, bus_.jitter()));
        co_await retry_timer_.async_wait(tuple);
        if (stopped_)
            co_return false;
    }
}

} // namespace onex::event_bus::detail
