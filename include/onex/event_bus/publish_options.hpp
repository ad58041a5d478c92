// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_PUBLISH_OPTIONS_HPP
#define ONEX_EVENT_BUS_PUBLISH_OPTIONS_HPP

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace onex::event_bus {

/// The optional arguments of @ref event_publisher::async_publish (the guide's keyword
/// arguments of `publish`).
struct publish_options {
    /// Correlation id as text, read as a UUID (either case, braces, `urn:uuid:`, hyphens
    /// optional). Unset: a fresh one. Not a UUID: a fresh one, and a warning naming the value.
    std::optional<std::string> correlation_id;

    /// The id of what caused this event; stored as `metadata.tags["causation_id"]`.
    std::optional<std::string> causation_id;

    /// Extra envelope tags, in order: string values as they are, other JSON values as their JSON
    /// text. A key named like a standard tag (`event_type`, `service_name`, ...) replaces it.
    boost::json::object metadata;

    /// The topic; unset means `event_type`.
    std::optional<std::string> topic;

    /// The Kafka message key (messages with one key keep their order); unset means none.
    std::optional<std::string> partition_key;

    /// Tracing ids for the envelope's metadata and the Kafka headers (which carry them on as a W3C
    /// `traceparent` when they are W3C-shaped: see trace_context.hpp).
    std::optional<std::string> trace_id;
    std::optional<std::string> span_id;
    std::optional<std::string> parent_span_id;
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_PUBLISH_OPTIONS_HPP
