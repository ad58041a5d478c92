// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_MESSAGE_TEXT_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_MESSAGE_TEXT_HPP

#include <librdkafka/rdkafka.h>

#include <exception>
#include <string>

namespace onex::event_bus::detail {

/// How the consumer's log lines name a message: `topic[partition]@offset`.
std::string message_position(const rd_kafka_message_t* m);

/// A handler's failure as the logs and the dead-letter record give it.
struct failure_text {
    /// The exception's type name, demangled ("std::runtime_error"); "unknown" for an exception
    /// not derived from std::exception.
    std::string type;
    std::string message;
};

failure_text describe_failure(const std::exception_ptr& ep);

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_MESSAGE_TEXT_HPP
