// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_EVENT_ENVELOPE_HPP
#define ONEX_EVENT_BUS_EVENT_ENVELOPE_HPP

#include <onex/event_bus/event_headers.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/uuid/uuid.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace onex::event_bus {

/// A version triple as the envelope carries it (`{"major", "minor", "patch", "prerelease",
/// "build"}`).
struct semantic_version {
    std::int64_t major = 0;
    std::int64_t minor = 0;
    std::int64_t patch = 0;
    std::optional<std::string> prerelease;
    std::optional<std::string> build;

    friend bool operator==(const semantic_version&, const semantic_version&) = default;
};

/// The tracing and routing metadata of an envelope. `tags` holds string values only: the
/// publishers put `event_type`, `service_name`, `instance_id`, `causation_id` and the caller's
/// metadata there.
struct envelope_metadata {
    std::optional<std::string> trace_id;
    std::optional<std::string> span_id;
    std::optional<std::string> parent_span_id;
    std::optional<std::string> request_id;
    boost::json::object headers;
    boost::json::object tags;

    friend bool operator==(const envelope_metadata&, const envelope_metadata&) = default;
};

/// The message the publishers (@ref event_publisher) write: the ONEX core event envelope, field
/// for field, so that the C++ and Python services read each other's envelopes.
struct event_envelope {
    boost::json::value payload;
    boost::uuids::uuid envelope_id = new_uuid();
    std::chrono::system_clock::time_point envelope_timestamp = std::chrono::system_clock::now();
    std::optional<boost::uuids::uuid> correlation_id;
    std::optional<std::string> source_tool;
    std::optional<std::string> target_tool;
    envelope_metadata metadata;
    boost::json::value security_context;
    std::optional<std::string> event_type;
    std::optional<std::string> payload_type;
    std::optional<std::string> payload_schema_version;
    std::int64_t priority = 5;
    std::optional<std::int64_t> timeout_seconds;
    std::int64_t retry_count = 0;
    std::optional<std::string> request_id;
    std::optional<std::string> trace_id;
    std::optional<std::string> span_id;
    semantic_version onex_version{1, 0, 0, std::nullopt, std::nullopt};
    semantic_version envelope_version{2, 1, 0, std::nullopt, std::nullopt};

    friend bool operator==(const event_envelope&, const event_envelope&) = default;
};

/// Boost.JSON: keys in this order: `payload, envelope_id, envelope_timestamp, correlation_id,
/// source_tool, target_tool, metadata, security_context, event_type, payload_type,
/// payload_schema_version, priority, timeout_seconds, retry_count, request_id, trace_id, span_id,
/// onex_version, envelope_version`; absent optionals are `null`; the timestamp is ISO 8601 with
/// `Z` for UTC (header timestamps write `+00:00`).
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const event_envelope& e);

/// Boost.JSON: the inverse. `payload`, `envelope_id` and `envelope_timestamp` are required;
/// other fields take their defaults when missing; unknown keys are ignored, so that envelopes of
/// a newer version, of either edition, are read. A wrong type, bad UUID or bad timestamp throws
/// `std::invalid_argument` naming the field.
event_envelope tag_invoke(const boost::json::value_to_tag<event_envelope>&,
                          const boost::json::value& jv);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_EVENT_ENVELOPE_HPP
