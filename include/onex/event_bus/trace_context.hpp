// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TRACE_CONTEXT_HPP
#define ONEX_EVENT_BUS_TRACE_CONTEXT_HPP

#include <onex/event_bus/event_headers.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace onex::event_bus {

/// A W3C Trace Context `traceparent` (https://www.w3.org/TR/trace-context/), which is how
/// OpenTelemetry services pass a trace along a Kafka message.
///
/// \par Mapping to @ref event_headers
/// The Kafka bus writes `traceparent = 00-{trace_id}-{span_id}-{trace_flags}` (flags `01`,
/// sampled, when unset) whenever `trace_id` is 32 hex digits and `span_id` 16 (either case,
/// written lowercase, not all zero), and `tracestate` next to it, verbatim. The message's own
/// span is the parent of whatever span its consumer starts, hence `span_id` → parent-id.
/// Reading, a valid `traceparent` fills `trace_id` and `span_id` when the message has no such
/// headers (a message from an OpenTelemetry producer), and gives `trace_flags` and `tracestate`
/// when its trace id is the message's. The bus's own headers win over a `traceparent` that
/// disagrees with them. An invalid `traceparent` is ignored with a warning, and its
/// `tracestate` with it, as the W3C rules say. `parent_span_id` has no place in a `traceparent`
/// and travels in its own header.
struct trace_context {
    /// 32 lowercase hex digits, not all zero.
    std::string trace_id;
    /// 16 lowercase hex digits, not all zero: the span that sent the message.
    std::string parent_id;
    /// Bit 0: sampled.
    std::uint8_t flags = 0x01;

    friend bool operator==(const trace_context&, const trace_context&) = default;
};

/// Parses a `traceparent` value as the W3C rules say: version `00` is exactly
/// `00-<32 hex>-<16 hex>-<2 hex>` in lowercase; a higher version may carry more fields after a
/// `-`, of which the first four are read; version `ff`, uppercase hex and all-zero ids are
/// invalid. `std::nullopt` when invalid.
std::optional<trace_context> parse_traceparent(std::string_view text);

/// `00-{trace_id}-{parent_id}-{flags}`; the ids must be valid (see @ref trace_context).
std::string format_traceparent(const trace_context& context);

/// The context the headers describe: their `trace_id` and `span_id` when W3C-shaped (32 and 16
/// hex digits of either case, not all zero; lowercased here), with `trace_flags` (default 01).
std::optional<trace_context> trace_context_of(const event_headers& headers);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_TRACE_CONTEXT_HPP
