// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_DETAIL_MESSAGE_BODY_HPP
#define ONEX_EVENT_BUS_DETAIL_MESSAGE_BODY_HPP

#include <onex/event_bus/event_headers.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace onex::event_bus::detail {

// What an event_message shares. `key` and `value` view bytes that the most-derived object owns
// (a std::string here, librdkafka's rd_kafka_message_t in the Kafka bus), which is why bodies
// are neither copyable nor movable.
struct message_body {
    std::string topic;
    std::optional<std::string_view> key;
    std::string_view value;
    event_headers headers;
    std::optional<std::string> offset;
    std::optional<std::int32_t> partition;

    message_body() = default;
    message_body(const message_body&) = delete;
    message_body& operator=(const message_body&) = delete;
    virtual ~message_body() = default;

    virtual void ack() const noexcept {}
};

// A body that owns copies of the key and value.
struct owning_message_body final : message_body {
    std::string key_storage;
    std::string value_storage;

    owning_message_body(std::string topic_, std::optional<std::string_view> key_,
                        std::string_view value_, event_headers headers_,
                        std::optional<std::string> offset_, std::optional<std::int32_t> partition_)
        : key_storage(key_ ? std::string(*key_) : std::string())
        , value_storage(value_) {
        topic = std::move(topic_);
        if (key_)
            key = std::string_view(key_storage);
        value = value_storage;
        headers = std::move(headers_);
        offset = std::move(offset_);
        partition = partition_;
    }
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_DETAIL_MESSAGE_BODY_HPP
