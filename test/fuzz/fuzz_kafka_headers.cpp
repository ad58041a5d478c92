// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// decode_kafka_headers on arbitrary header lists. The input is a sequence of headers, each
//   [name length: 1 byte][name][flag: 1 byte][value length: 2 bytes, little endian][value]
// where an odd flag means a NULL value (and no length or value follow). Whatever is cut short by
// the end of the input is kept as it is.
//
// Invariants, all from kafka_headers.hpp / event_headers.hpp:
// - decoding fails exactly when a non-NULL value is not UTF-8 or the last non-empty timestamp
//   does not parse, and then `diag.message` says why;
// - text fields hold the last non-NULL value of their header, or their default;
// - decoding what encode_kafka_headers wrote gives the same headers, except that the timestamp is
//   cut to microseconds (format_timestamp) and empty optional text fields are not written;
// - a valid `traceparent` fills missing trace ids; flags and `tracestate` come only with it;
// - encoding is idempotent: encode(decode(encode(h))) == encode(h);
// - each repair is logged at warning level, as valid UTF-8 (the values were, and a quoted value
//   is cut on a character boundary).

#include "common/utf8.hpp"
#include "fuzz_common.hpp"

#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/kafka_headers.hpp>
#include <onex/event_bus/logger.hpp>
#include <onex/event_bus/trace_context.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace onex::event_bus;

class input_reader {
public:
    explicit input_reader(std::string_view in) noexcept
        : in_(in) {}

    bool at_end() const noexcept { return in_.empty(); }

    std::string_view take(std::size_t n) noexcept {
        const std::string_view out = in_.substr(0, n);
        in_.remove_prefix(out.size());
        return out;
    }

    std::optional<std::size_t> byte() noexcept {
        if (in_.empty())
            return std::nullopt;
        return static_cast<unsigned char>(take(1)[0]);
    }

private:
    std::string_view in_;
};

std::vector<kafka_header_view> split_headers(std::string_view in) {
    constexpr std::size_t max_headers = 256;
    input_reader r(in);
    std::vector<kafka_header_view> out;
    while (!r.at_end() && out.size() < max_headers) {
        kafka_header_view h;
        h.name = r.take(*r.byte());
        const auto flag = r.byte();
        if (flag && *flag % 2 == 0) {
            const std::size_t low = r.byte().value_or(0);
            const std::size_t high = r.byte().value_or(0);
            h.value = r.take(low | high << 8);
        }
        out.push_back(h);
    }
    return out;
}

// The value of the last header called `name` whose value is not NULL.
std::optional<std::string_view> last_value(const std::vector<kafka_header_view>& headers,
                                           std::string_view name) {
    std::optional<std::string_view> out;
    for (const auto& h : headers) {
        if (h.name == name && h.value)
            out = h.value;
    }
    return out;
}

bool expect_failure(const std::vector<kafka_header_view>& headers) {
    for (const auto& h : headers) {
        if (h.value && !detail::is_valid_utf8(*h.value))
            return true;
    }
    const auto timestamp = last_value(headers, "timestamp");
    return timestamp && !timestamp->empty() && !parse_timestamp(*timestamp);
}

void check_text_fields(const std::vector<kafka_header_view>& headers, const event_headers& h) {
    const auto text_or = [&](std::string_view name, std::string_view fallback) {
        return std::string(last_value(headers, name).value_or(fallback));
    };
    ONEX_FUZZ_REQUIRE(h.content_type == text_or("content_type", "application/json"));
    ONEX_FUZZ_REQUIRE(h.source == text_or("source", "unknown"));
    ONEX_FUZZ_REQUIRE(h.event_type == text_or("event_type", "unknown"));
    ONEX_FUZZ_REQUIRE(h.schema_version == text_or("schema_version", "1.0.0"));
    const auto optional_text = [&](std::string_view name) -> std::optional<std::string> {
        if (const auto v = last_value(headers, name))
            return std::string(*v);
        return std::nullopt;
    };
    ONEX_FUZZ_REQUIRE(h.destination == optional_text("destination"));
    // A valid traceparent fills a missing or empty trace_id / span_id (trace_context.hpp).
    const auto traceparent = last_value(headers, "traceparent");
    const auto context =
        traceparent && !traceparent->empty() ? parse_traceparent(*traceparent) : std::nullopt;
    const auto traced = [&](std::string_view name, const std::string& from_context) {
        auto v = optional_text(name);
        return context && (!v || v->empty()) ? std::optional<std::string>(from_context) : v;
    };
    ONEX_FUZZ_REQUIRE(h.trace_id == traced("trace_id", context ? context->trace_id : ""));
    ONEX_FUZZ_REQUIRE(h.span_id == traced("span_id", context ? context->parent_id : ""));
    // Flags and state come only with a traceparent of the message's own trace.
    ONEX_FUZZ_REQUIRE(!h.trace_flags || (context && trace_context_of(h) &&
                                         trace_context_of(h)->trace_id == context->trace_id &&
                                         *h.trace_flags == context->flags));
    ONEX_FUZZ_REQUIRE(!h.tracestate || h.trace_flags);
    ONEX_FUZZ_REQUIRE(h.parent_span_id == optional_text("parent_span_id"));
    ONEX_FUZZ_REQUIRE(h.operation_name == optional_text("operation_name"));
    ONEX_FUZZ_REQUIRE(h.routing_key == optional_text("routing_key"));
    ONEX_FUZZ_REQUIRE(h.partition_key == optional_text("partition_key"));
    const auto p = last_value(headers, "priority");
    ONEX_FUZZ_REQUIRE(h.priority ==
                      priority_from_string(p.value_or("")).value_or(priority::normal));
}

// What the headers are expected to look like after a trip through the Kafka encoding.
event_headers as_encoded(event_headers h) {
    h.timestamp = std::chrono::floor<std::chrono::microseconds>(h.timestamp);
    for (auto* field : {&h.destination, &h.trace_id, &h.span_id, &h.parent_span_id,
                        &h.operation_name, &h.routing_key, &h.partition_key}) {
        if (*field && (*field)->empty())
            field->reset();
    }
    // The trace context travels as a traceparent (flags 01 when unset), the state next to it.
    if (trace_context_of(h)) {
        h.trace_flags = h.trace_flags.value_or(0x01);
        if (h.tracestate && h.tracestate->empty())
            h.tracestate.reset();
    } else {
        h.trace_flags.reset();
        h.tracestate.reset();
    }
    return h;
}

std::vector<kafka_header_view> as_views(const std::vector<kafka_header>& headers) {
    std::vector<kafka_header_view> out;
    for (const auto& h : headers)
        out.push_back({h.name, h.value});
    return out;
}

void check_round_trip(const event_headers& decoded) {
    const auto encoded = encode_kafka_headers(decoded);
    const auto views = as_views(encoded);
    diagnostics diag;
    const auto again = decode_kafka_headers(views, &diag, nullptr);
    ONEX_FUZZ_REQUIRE(again.has_value());
    ONEX_FUZZ_REQUIRE(*again == as_encoded(decoded));
    ONEX_FUZZ_REQUIRE(encode_kafka_headers(*again) == encoded);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const logger checking_logger(log_level::debug,
                                        [](log_level level, std::string_view text) {
                                            ONEX_FUZZ_REQUIRE(level == log_level::warning);
                                            ONEX_FUZZ_REQUIRE(detail::is_valid_utf8(text));
                                        });
    const auto headers = split_headers(onex::event_bus::fuzz::as_text(data, size));
    diagnostics diag;
    const auto decoded = decode_kafka_headers(headers, &diag, &checking_logger);
    ONEX_FUZZ_REQUIRE(decoded.has_error() == expect_failure(headers));
    if (decoded.has_error()) {
        ONEX_FUZZ_REQUIRE(!diag.message.empty());
        return 0;
    }
    check_text_fields(headers, *decoded);
    check_round_trip(*decoded);
    return 0;
}
