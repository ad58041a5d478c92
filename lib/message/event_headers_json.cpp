// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/utf8.hpp"
#include "common/uuid_text.hpp"

#include <onex/event_bus/event_headers.hpp>

#include <boost/json/value.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <vector>

namespace onex::event_bus {
namespace {

namespace json = boost::json;

[[noreturn]] void reject_header_field(std::string_view name, std::string_view problem) {
    throw std::invalid_argument("event_headers field '" + std::string(name) + "' " +
                                std::string(problem));
}

// Hands out the members of the object and remembers which names were asked for, so that
// whatever is left over can be rejected as unknown (the Python services reject them too).
class object_reader {
public:
    explicit object_reader(const json::value& jv)
        : object_(jv.if_object()) {
        if (object_ == nullptr)
            throw std::invalid_argument("event_headers must be a JSON object, not " +
                                        std::string(json::to_string(jv.kind())));
    }

    // Assigns `convert(value, name)` to `target` when the member is present.
    template <class T, class Convert>
    void read(std::string_view name, T& target, Convert convert) {
        known_.push_back(name);
        if (const json::value* v = object_->if_contains(name))
            target = convert(*v, name);
    }

    template <class T, class Convert>
    void read_required(std::string_view name, T& target, Convert convert) {
        if (!object_->contains(name))
            reject_header_field(name, "is missing");
        read(name, target, convert);
    }

    void reject_unknown() const {
        for (const auto& member : *object_) {
            if (std::find(known_.begin(), known_.end(), member.key()) == known_.end())
                reject_header_field(detail::utf8_decode_replace(member.key()),
                                    "is not a known field");
        }
    }

private:
    const json::object* object_ = nullptr;
    std::vector<std::string_view> known_;
};

const json::string& as_json_string(const json::value& v, std::string_view name) {
    if (const json::string* s = v.if_string())
        return *s;
    reject_header_field(name, "must be a string");
}

std::string as_string(const json::value& v, std::string_view name) {
    return std::string(as_json_string(v, name));
}

std::optional<std::string> as_optional_string(const json::value& v, std::string_view name) {
    if (v.is_null())
        return std::nullopt;
    return as_string(v, name);
}

std::int64_t as_int(const json::value& v, std::string_view name) {
    if (const std::int64_t* i = v.if_int64())
        return *i;
    if (const std::uint64_t* u = v.if_uint64();
        u && *u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return static_cast<std::int64_t>(*u);
    reject_header_field(name, "must be an integer that fits in 64 bits");
}

std::optional<std::int64_t> as_optional_int(const json::value& v, std::string_view name) {
    if (v.is_null())
        return std::nullopt;
    return as_int(v, name);
}

boost::uuids::uuid as_uuid(const json::value& v, std::string_view name) {
    if (const auto u = detail::parse_uuid(as_json_string(v, name)))
        return *u;
    reject_header_field(name, "must be a UUID");
}

std::chrono::system_clock::time_point as_timestamp(const json::value& v, std::string_view name) {
    if (const auto t = parse_timestamp(as_json_string(v, name)))
        return *t;
    reject_header_field(name, "must be an ISO-8601 time");
}

priority as_priority(const json::value& v, std::string_view name) {
    if (const auto p = priority_from_string(as_json_string(v, name)))
        return *p;
    reject_header_field(name, "must be one of low, normal, high, critical");
}

std::optional<std::uint8_t> as_optional_flags(const json::value& v, std::string_view name) {
    if (v.is_null())
        return std::nullopt;
    const std::int64_t n = as_int(v, name);
    if (n < 0 || n > 255)
        reject_header_field(name, "must be between 0 and 255");
    return static_cast<std::uint8_t>(n);
}

// JSON text must be UTF-8; headers built by hand might not be.
json::value text(std::string_view s, const json::storage_ptr& sp) {
    return json::string(detail::utf8_decode_replace(s), sp);
}

json::value optional_text(const std::optional<std::string>& s, const json::storage_ptr& sp) {
    return s ? text(*s, sp) : json::value(nullptr, sp);
}

} // namespace

void tag_invoke(const json::value_from_tag&, json::value& jv, const event_headers& h) {
    json::object& o = jv.emplace_object();
    const json::storage_ptr& sp = o.storage();
    o["content_type"] = text(h.content_type, sp);
    o["correlation_id"] = boost::uuids::to_string(h.correlation_id);
    o["message_id"] = boost::uuids::to_string(h.message_id);
    o["timestamp"] = format_timestamp(h.timestamp);
    o["source"] = text(h.source, sp);
    o["event_type"] = text(h.event_type, sp);
    o["schema_version"] = text(h.schema_version, sp);
    o["destination"] = optional_text(h.destination, sp);
    o["trace_id"] = optional_text(h.trace_id, sp);
    o["span_id"] = optional_text(h.span_id, sp);
    o["parent_span_id"] = optional_text(h.parent_span_id, sp);
    o["operation_name"] = optional_text(h.operation_name, sp);
    o["priority"] = to_string(h.priority);
    o["routing_key"] = optional_text(h.routing_key, sp);
    o["partition_key"] = optional_text(h.partition_key, sp);
    o["retry_count"] = h.retry_count;
    o["max_retries"] = h.max_retries;
    o["ttl_seconds"] = h.ttl_seconds ? json::value(*h.ttl_seconds, sp) : json::value(nullptr, sp);
    // Extensions of this library, written only when set: the Python services reject unknown
    // keys, so headers without them stay readable there.
    if (h.trace_flags)
        o["trace_flags"] = static_cast<std::int64_t>(*h.trace_flags);
    if (h.tracestate)
        o["tracestate"] = text(*h.tracestate, sp);
}

event_headers tag_invoke(const json::value_to_tag<event_headers>&, const json::value& jv) {
    object_reader r(jv);
    event_headers h;
    r.read("content_type", h.content_type, as_string);
    r.read("correlation_id", h.correlation_id, as_uuid);
    r.read("message_id", h.message_id, as_uuid);
    r.read_required("timestamp", h.timestamp, as_timestamp);
    r.read_required("source", h.source, as_string);
    r.read_required("event_type", h.event_type, as_string);
    r.read("schema_version", h.schema_version, as_string);
    r.read("destination", h.destination, as_optional_string);
    r.read("trace_id", h.trace_id, as_optional_string);
    r.read("span_id", h.span_id, as_optional_string);
    r.read("parent_span_id", h.parent_span_id, as_optional_string);
    r.read("operation_name", h.operation_name, as_optional_string);
    r.read("priority", h.priority, as_priority);
    r.read("routing_key", h.routing_key, as_optional_string);
    r.read("partition_key", h.partition_key, as_optional_string);
    r.read("retry_count", h.retry_count, as_int);
    r.read("max_retries", h.max_retries, as_int);
    r.read("ttl_seconds", h.ttl_seconds, as_optional_int);
    r.read("trace_flags", h.trace_flags, as_optional_flags);
    r.read("tracestate", h.tracestate, as_optional_string);
    r.reject_unknown();
    return h;
}

} // namespace onex::event_bus
