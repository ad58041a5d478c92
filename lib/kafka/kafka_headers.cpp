// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/timestamp_text.hpp"
#include "common/utf8.hpp"
#include "common/uuid_text.hpp"
#include "kafka/header_block.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/kafka_headers.hpp>
#include <onex/event_bus/trace_context.hpp>

#include <boost/uuid/uuid_io.hpp>

#include <array>
#include <charconv>
#include <cstddef>

namespace onex::event_bus {
namespace {

enum class field : std::size_t {
    content_type,
    correlation_id,
    message_id,
    timestamp,
    source,
    event_type,
    schema_version,
    priority,
    retry_count,
    max_retries,
    destination,
    trace_id,
    span_id,
    parent_span_id,
    operation_name,
    routing_key,
    partition_key,
    ttl_seconds,
    traceparent,
    tracestate,
    count
};

constexpr std::array<std::string_view, static_cast<std::size_t>(field::count)> field_names{
    "content_type", "correlation_id", "message_id",  "timestamp",      "source",
    "event_type",   "schema_version", "priority",    "retry_count",    "max_retries",
    "destination",  "trace_id",       "span_id",     "parent_span_id", "operation_name",
    "routing_key",  "partition_key",  "ttl_seconds", "traceparent",    "tracestate"};

constexpr std::string_view name_of(field f) noexcept {
    return field_names[static_cast<std::size_t>(f)];
}

struct text_field {
    field f;
    std::string event_headers::*member;
};

struct optional_text_field {
    field f;
    std::optional<std::string> event_headers::*member;
};

constexpr std::array<text_field, 4> text_fields{{
    {field::content_type, &event_headers::content_type},
    {field::source, &event_headers::source},
    {field::event_type, &event_headers::event_type},
    {field::schema_version, &event_headers::schema_version},
}};

// In encoding order (see encode_kafka_headers).
constexpr std::array<optional_text_field, 7> optional_text_fields{{
    {field::destination, &event_headers::destination},
    {field::trace_id, &event_headers::trace_id},
    {field::span_id, &event_headers::span_id},
    {field::parent_span_id, &event_headers::parent_span_id},
    {field::operation_name, &event_headers::operation_name},
    {field::routing_key, &event_headers::routing_key},
    {field::partition_key, &event_headers::partition_key},
}};

// The last non-NULL value of each known header.
class header_values {
public:
    void set(std::string_view name, std::string_view value) noexcept {
        // Producers (ours and the Python services) write the fields in declaration order: try the
        // one after the last match first.
        for (std::size_t n = 0; n < field_names.size(); ++n) {
            const std::size_t i = (next_ + n) % field_names.size();
            if (field_names[i] == name) {
                values_[i] = value;
                next_ = i + 1;
                return;
            }
        }
    }

    std::optional<std::string_view> get(field f) const noexcept {
        return values_[static_cast<std::size_t>(f)];
    }

    // An empty value counts as missing for the parsed fields (see decode_kafka_headers).
    std::optional<std::string_view> non_empty(field f) const noexcept {
        const auto v = get(f);
        return v && !v->empty() ? v : std::nullopt;
    }

private:
    std::array<std::optional<std::string_view>, field_names.size()> values_;
    std::size_t next_ = 0;
};

// Python's int(): surrounding blanks and a leading '+' are allowed. Digit-group underscores and
// non-ASCII digits are not, and values outside int64 are rejected.
std::optional<std::int64_t> parse_int(std::string_view s) noexcept {
    constexpr std::string_view blanks = " \t\n\v\f\r";
    const std::size_t first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos)
        return std::nullopt;
    s = s.substr(first, s.find_last_not_of(blanks) - first + 1);
    if (s.size() > 1 && s.front() == '+' && s[1] >= '0' && s[1] <= '9')
        s.remove_prefix(1);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return value;
}

// A header value quoted for a message, cut short (on a character boundary) if it is long.
std::string quoted(std::string_view value) {
    constexpr std::size_t max_shown = 64;
    if (value.size() <= max_shown)
        return "'" + std::string(value) + "'";
    std::size_t cut = max_shown;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
        --cut;
    return "'" + std::string(value.substr(0, cut)) + "...'";
}

void warn_repaired(const logger* log, field f, std::string_view problem, std::string_view value,
                   std::string_view repair) {
    if (log == nullptr || !log->enabled(log_level::warning))
        return;
    log->log(log_level::warning, "header '" + std::string(name_of(f)) + "' " +
                                     std::string(problem) + ": " + quoted(value) + "; " +
                                     std::string(repair));
}

boost::system::result<event_headers> fail(diagnostics* diag, std::string message) {
    if (diag != nullptr)
        diag->message = std::move(message);
    return make_error_code(errc::deserialization);
}

void decode_uuid(const header_values& values, field f, boost::uuids::uuid& target,
                 const logger* log) {
    const auto text = values.non_empty(f);
    if (!text)
        return; // keeps the fresh default
    if (const auto parsed = detail::parse_uuid(*text))
        target = *parsed;
    else
        warn_repaired(log, f, "is not a UUID", *text, "using a fresh one");
}

void decode_int(const header_values& values, field f, std::int64_t& target, const logger* log) {
    const auto text = values.non_empty(f);
    if (!text)
        return;
    if (const auto parsed = parse_int(*text))
        target = *parsed;
    else
        warn_repaired(log, f, "is not an integer", *text, "using " + std::to_string(target));
}

void decode_priority(const header_values& values, event_headers& h, const logger* log) {
    const auto text = values.non_empty(field::priority);
    if (!text)
        return;
    if (const auto parsed = priority_from_string(*text))
        h.priority = *parsed;
    else
        warn_repaired(log, field::priority, "is not low, normal, high or critical", *text,
                      "using normal");
}

void decode_ttl(const header_values& values, event_headers& h, const logger* log) {
    const auto text = values.non_empty(field::ttl_seconds);
    if (!text)
        return;
    h.ttl_seconds = parse_int(*text);
    if (!h.ttl_seconds)
        warn_repaired(log, field::ttl_seconds, "is not an integer", *text, "ignoring it");
}

// See trace_context.hpp for the rules.
void decode_trace(const header_values& values, event_headers& h, const logger* log) {
    const auto text = values.non_empty(field::traceparent);
    if (!text)
        return;
    auto context = parse_traceparent(*text);
    if (!context) {
        warn_repaired(log, field::traceparent, "is not a W3C traceparent", *text,
                      "ignoring it and its tracestate");
        return;
    }
    if (!h.trace_id || h.trace_id->empty())
        h.trace_id = context->trace_id;
    if (!h.span_id || h.span_id->empty())
        h.span_id = context->parent_id;
    const auto ours = trace_context_of(h);
    if (!ours || ours->trace_id != context->trace_id)
        return; // our headers describe another trace: its flags and state are not theirs
    h.trace_flags = context->flags;
    if (const auto state = values.non_empty(field::tracestate))
        h.tracestate.emplace(state->data(), state->size());
}

} // namespace

namespace detail {

// Formats into stack buffers: no allocation but the block's own.
void encode_headers(const event_headers& h, header_block& out) {
    const auto add = [&out](field f, std::string_view value) { out.add(name_of(f), value); };
    const auto add_integer = [&add](field f, std::int64_t v) {
        std::array<char, 24> text{};
        const auto end = std::to_chars(text.data(), text.data() + text.size(), v).ptr;
        add(f, std::string_view(text.data(), static_cast<std::size_t>(end - text.data())));
    };
    std::array<char, 36> uuid{};
    add(field::content_type, h.content_type);
    boost::uuids::to_chars(h.correlation_id, uuid.data());
    add(field::correlation_id, std::string_view(uuid.data(), uuid.size()));
    boost::uuids::to_chars(h.message_id, uuid.data());
    add(field::message_id, std::string_view(uuid.data(), uuid.size()));
    timestamp_text time{};
    add(field::timestamp, format_timestamp_to(h.timestamp, time));
    add(field::source, h.source);
    add(field::event_type, h.event_type);
    add(field::schema_version, h.schema_version);
    add(field::priority, to_string(h.priority));
    add_integer(field::retry_count, h.retry_count);
    add_integer(field::max_retries, h.max_retries);
    for (const auto& [f, member] : optional_text_fields) {
        if (const auto& v = h.*member; v && !v->empty())
            add(f, *v);
    }
    if (h.ttl_seconds)
        add_integer(field::ttl_seconds, *h.ttl_seconds);
    if (const auto context = trace_context_of(h)) {
        add(field::traceparent, format_traceparent(*context));
        if (h.tracestate && !h.tracestate->empty())
            add(field::tracestate, *h.tracestate);
    }
}

} // namespace detail

std::vector<kafka_header> encode_kafka_headers(const event_headers& h) {
    detail::header_block block;
    detail::encode_headers(h, block);
    return block.to_vector();
}

boost::system::result<event_headers>
decode_kafka_headers(std::span<const kafka_header_view> headers, diagnostics* diag,
                     const logger* log) {
    // Every value is checked before any is used, unknown headers included: one that is not
    // valid UTF-8 fails the whole record.
    header_values values;
    for (const kafka_header_view& header : headers) {
        if (!header.value)
            continue;
        if (!detail::is_valid_utf8(*header.value))
            return fail(diag, "header '" + detail::utf8_decode_replace(header.name) +
                                  "' is not valid UTF-8");
        values.set(header.name, *header.value);
    }

    event_headers h; // fresh ids, timestamp now
    if (const auto text = values.non_empty(field::timestamp)) {
        const auto parsed = parse_timestamp(*text);
        if (!parsed)
            return fail(diag, "header 'timestamp' is not an ISO-8601 time: " + quoted(*text));
        h.timestamp = *parsed;
    }
    h.source = "unknown";
    h.event_type = "unknown";
    // assign/emplace: the defaults' buffers are reused, no temporary strings.
    for (const auto& [f, member] : text_fields) {
        if (const auto v = values.get(f))
            (h.*member).assign(v->data(), v->size());
    }
    for (const auto& [f, member] : optional_text_fields) {
        if (const auto v = values.get(f))
            (h.*member).emplace(v->data(), v->size());
    }
    decode_uuid(values, field::correlation_id, h.correlation_id, log);
    decode_uuid(values, field::message_id, h.message_id, log);
    decode_priority(values, h, log);
    decode_int(values, field::retry_count, h.retry_count, log);
    decode_int(values, field::max_retries, h.max_retries, log);
    decode_ttl(values, h, log);
    decode_trace(values, h, log);
    return h;
}

} // namespace onex::event_bus
