// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_KAFKA_MESSAGE_BODY_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_KAFKA_MESSAGE_BODY_HPP

#include "kafka/rdkafka_client.hpp"

#include <onex/event_bus/detail/message_body.hpp>

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <memory>

namespace onex::event_bus::detail {

/// A consumed message as handlers see it: key and value are views of librdkafka's buffer, which
/// this body owns (no copy). It keeps the client alive, since librdkafka must outlive its
/// messages.
struct kafka_message_body final : message_body {
    kafka_message_body(rd_kafka_message_t* m, std::shared_ptr<rdkafka_client> c) noexcept;
    ~kafka_message_body() override;
    kafka_message_body(const kafka_message_body&) = delete;
    kafka_message_body& operator=(const kafka_message_body&) = delete;

    void ack() const noexcept override;
    /// Stores the offset for commit unless `ack()` already did; true when it was stored.
    bool store_offset() const noexcept;

    rd_kafka_message_t* const raw;
    const std::shared_ptr<rdkafka_client> client;
    mutable std::atomic<bool> acked{false};
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_KAFKA_MESSAGE_BODY_HPP
