// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_EVENT_MESSAGE_HPP
#define ONEX_EVENT_BUS_EVENT_MESSAGE_HPP

#include <onex/event_bus/detail/message_body.hpp>
#include <onex/event_bus/event_headers.hpp>

#include <boost/json/fwd.hpp>
#include <boost/json/value_from.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace onex::event_bus {

/// A message delivered to a subscriber (the guide's `ModelEventMessage`).
///
/// Copies are cheap and share one immutable body: the key and value bytes are owned by the
/// message (for the Kafka bus they are librdkafka's own buffer, not a copy) and stay valid for as
/// long as any copy lives. Keep a copy, not the views, when a handler needs the bytes later.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe (the body is immutable).
class event_message {
public:
    /// Builds a message owning copies of `key` and `value` (for tests and custom buses).
    event_message(std::string topic, std::optional<std::string_view> key, std::string_view value,
                  event_headers headers, std::optional<std::string> offset = std::nullopt,
                  std::optional<std::int32_t> partition = std::nullopt);

    /// Wraps a body built by a bus.
    explicit event_message(std::shared_ptr<const detail::message_body> body) noexcept
        : body_(std::move(body)) {}

    const std::string& topic() const noexcept { return body_->topic; }

    /// The key; `std::nullopt` when the message has none (distinct from an empty key).
    std::optional<std::string_view> key() const noexcept { return body_->key; }

    /// The payload bytes.
    std::string_view value() const noexcept { return body_->value; }

    const event_headers& headers() const noexcept { return body_->headers; }

    /// The offset as text ("0", "1", ... on the in-memory bus), if known.
    const std::optional<std::string>& offset() const noexcept { return body_->offset; }

    /// The partition (0 on the in-memory bus), if known.
    std::optional<std::int32_t> partition() const noexcept { return body_->partition; }

    /// Marks the message handled before the handler returns (Kafka: its offset may be committed
    /// as soon as every earlier message is handled). A no-op on the in-memory bus. Never throws.
    void ack() const noexcept { body_->ack(); }

private:
    std::shared_ptr<const detail::message_body> body_;
};

/// Boost.JSON: `{"topic", "key" (text or null), "value" (text), "headers", "offset", "partition"}`.
/// Key and value are copied as they are; invalid UTF-8 is replaced by U+FFFD.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const event_message& m);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_EVENT_MESSAGE_HPP
