// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_EVENT_HEADERS_HPP
#define ONEX_EVENT_BUS_EVENT_HEADERS_HPP

#include <onex/event_bus/priority.hpp>

#include <boost/json/fwd.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/uuid/uuid.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace onex::event_bus {

/// A fresh random (version 4) UUID: 122 bits from a per-thread xoshiro256** generator seeded
/// from the kernel (`getrandom`) and reseeded in a forked child. Unique as uuid4's are, cheap (no
/// system call), but predictable in principle: identifiers, not secrets.
boost::uuids::uuid new_uuid();

/// The metadata that travels with every message (the guide's `ModelEventHeaders`).
///
/// A default-constructed value has fresh `correlation_id` and `message_id`, `timestamp` = now and
/// empty `source` / `event_type`; the buses fill those two when they build default headers.
/// Times are UTC (`system_clock`), so every timestamp is timezone-aware by construction.
struct event_headers {
    std::string content_type = "application/json";
    boost::uuids::uuid correlation_id = new_uuid();
    boost::uuids::uuid message_id = new_uuid();
    std::chrono::system_clock::time_point timestamp = std::chrono::system_clock::now();
    std::string source;
    std::string event_type;
    std::string schema_version = "1.0.0";
    std::optional<std::string> destination;
    std::optional<std::string> trace_id;
    std::optional<std::string> span_id;
    std::optional<std::string> parent_span_id;
    std::optional<std::string> operation_name;
    event_bus::priority priority = event_bus::priority::normal;
    std::optional<std::string> routing_key;
    std::optional<std::string> partition_key;
    std::int64_t retry_count = 0;
    std::int64_t max_retries = 3;
    std::optional<std::int64_t> ttl_seconds;
    /// W3C trace flags (bit 0: sampled) for the Kafka `traceparent` header; unset means 01.
    /// An extension of this library: in JSON only when set, since the Python services reject
    /// unknown keys. See trace_context.hpp.
    std::optional<std::uint8_t> trace_flags;
    /// W3C `tracestate`, carried verbatim next to `traceparent`. In JSON only when set.
    std::optional<std::string> tracestate;

    /// The guide's `validate_headers()`: true when the headers are usable for routing, i.e. when
    /// `event_type` is not empty (a UUID is never "missing").
    bool validate() const noexcept;

    friend bool operator==(const event_headers&, const event_headers&) = default;
};

/// Formats a time point as Python's `datetime.isoformat()` does for UTC:
/// `2025-01-15T12:00:00+00:00`, with `.ffffff` only when the microseconds are not zero.
std::string format_timestamp(std::chrono::system_clock::time_point tp);

/// Parses what Python's `datetime.fromisoformat` accepts for the timestamps we exchange:
/// `YYYY-MM-DD[T ]HH:MM[:SS[.f+]]` followed by `Z`, `±HH:MM`, `±HHMM` or nothing (UTC), and
/// converts it to UTC. Fraction digits past the sixth are dropped, as Python does (so nanosecond
/// RFC 3339 times from other producers are read). Returns `std::nullopt` for anything else: out of
/// range fields (month 13, hour 24, second 60, Feb 30, offset 24:00), year 0, or a time that
/// `system_clock` cannot represent.
std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view s);

/// Boost.JSON: headers to an object with the guide's field names (UUIDs as lowercase text, the
/// timestamp as @ref format_timestamp, absent optionals as `null`). Text that is not valid UTF-8
/// has its bad bytes replaced by U+FFFD, since JSON text must be UTF-8.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const event_headers& h);

/// Boost.JSON: the inverse of the above. `timestamp`, `source` and `event_type` are required and
/// every other field takes its default when missing (fresh UUIDs); `null` is accepted only for
/// the optional fields. A missing required field, a wrong type, a bad UUID, timestamp or
/// priority, an integer outside int64, or an unknown key throws `std::invalid_argument` naming
/// the field (JSON is a strict format, unlike the forgiving Kafka header decoding). UUIDs are read
/// as Python's `uuid.UUID()` reads them (either case, braces, `urn:uuid:`, hyphens optional); a
/// timestamp without an offset is read as UTC.
event_headers tag_invoke(const boost::json::value_to_tag<event_headers>&,
                         const boost::json::value& jv);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_EVENT_HEADERS_HPP
