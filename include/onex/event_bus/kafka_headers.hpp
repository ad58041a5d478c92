// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_KAFKA_HEADERS_HPP
#define ONEX_EVENT_BUS_KAFKA_HEADERS_HPP

#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/logger.hpp>

#include <boost/system/result.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace onex::event_bus {

/// One Kafka record header as it is read from a consumed record. A header whose value is NULL has
/// `value == std::nullopt`.
struct kafka_header_view {
    std::string_view name;
    std::optional<std::string_view> value;
};

/// One Kafka record header to be written.
struct kafka_header {
    std::string_view name; // always one of the static field names
    std::string value;

    friend bool operator==(const kafka_header&, const kafka_header&) = default;
};

/// Encodes headers as the ONEX services do: `content_type, correlation_id, message_id, timestamp,
/// source, event_type, schema_version, priority, retry_count, max_retries` always, in that order;
/// then `destination, trace_id, span_id, parent_span_id, operation_name, routing_key,
/// partition_key` when present and non-empty; then `ttl_seconds` when present (0 included); then
/// `traceparent` and `tracestate` when `trace_id` and `span_id` are W3C-shaped (trace_context.hpp).
std::vector<kafka_header> encode_kafka_headers(const event_headers& h);

/// Decodes headers forgivingly, as the ONEX services do: no headers → `source` and `event_type`
/// "unknown", timestamp now; bad or empty UUID → a fresh one; unknown priority → normal; bad
/// `retry_count` / `max_retries` / `ttl_seconds` → 0 / 3 / none; missing text fields → their
/// defaults ("unknown" for source and event_type); unknown names ignored; NULL values skipped; a
/// later duplicate wins; a W3C `traceparent` fills missing trace ids (see trace_context.hpp).
/// Each repaired value is logged at warning level through `log` (if given),
/// naming the header and quoting the bad value (at most 64 bytes of it).
///
/// An empty `correlation_id`, `message_id`, `timestamp`, `priority`, `retry_count`, `max_retries`
/// or `ttl_seconds` counts as missing (silently defaulted), while an empty text field stays empty.
/// UUIDs are read as Python's `uuid.UUID()` reads them (either case, braces, `urn:uuid:`, hyphens
/// optional); integers as Python's `int()` (surrounding blanks and a leading '+' allowed), within
/// int64. Never throws except `std::bad_alloc`.
///
/// Fails with `errc::deserialization` — filling `diag->message` with what was wrong — only when
/// a value (of any header, unknown ones included) is not valid UTF-8 or the timestamp is malformed.
/// The Kafka bus dead-letters such a message instead of dropping it.
boost::system::result<event_headers>
decode_kafka_headers(std::span<const kafka_header_view> headers, diagnostics* diag = nullptr,
                     const logger* log = nullptr);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_KAFKA_HEADERS_HPP
