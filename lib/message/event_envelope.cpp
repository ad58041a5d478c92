// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/uuid_text.hpp"

#include <onex/event_bus/event_envelope.hpp>

#include <boost/json/value.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <stdexcept>

namespace onex::event_bus {
namespace {

namespace json = boost::json;

[[noreturn]] void reject_envelope_field(std::string_view name, std::string_view problem) {
    throw std::invalid_argument("event_envelope field '" + std::string(name) + "' " +
                                std::string(problem));
}

// Envelopes write UTC as `Z`, as the Python services' envelopes do; header timestamps use the
// `+00:00` of Python's isoformat.
std::string envelope_time(std::chrono::system_clock::time_point tp) {
    std::string s = format_timestamp(tp);
    if (s.ends_with("+00:00"))
        s.replace(s.size() - 6, 6, "Z");
    return s;
}

json::value optional_text(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}

json::value version_json(const semantic_version& v) {
    return json::object{{"major", v.major},
                        {"minor", v.minor},
                        {"patch", v.patch},
                        {"prerelease", optional_text(v.prerelease)},
                        {"build", optional_text(v.build)}};
}

const json::value* member(const json::object& o, std::string_view name) {
    const json::value* v = o.if_contains(name);
    return v == nullptr || v->is_null() ? nullptr : v;
}

std::optional<std::string> read_text(const json::object& o, std::string_view name) {
    const json::value* v = member(o, name);
    if (v == nullptr)
        return std::nullopt;
    if (!v->is_string())
        reject_envelope_field(name, "must be a string or null");
    return std::string(v->get_string());
}

std::int64_t read_int(const json::object& o, std::string_view name, std::int64_t fallback) {
    const json::value* v = member(o, name);
    if (v == nullptr)
        return fallback;
    if (const auto* i = v->if_int64())
        return *i;
    if (const auto* u = v->if_uint64(); u != nullptr && *u <= INT64_MAX)
        return static_cast<std::int64_t>(*u);
    reject_envelope_field(name, "must be an integer");
}

const json::object& read_object(const json::value& v, std::string_view name) {
    if (!v.is_object())
        reject_envelope_field(name, "must be an object");
    return v.get_object();
}

json::object read_object_member(const json::object& o, std::string_view name) {
    const json::value* v = member(o, name);
    return v == nullptr ? json::object() : read_object(*v, name);
}

boost::uuids::uuid read_uuid(const json::object& o, std::string_view name) {
    const auto text = read_text(o, name);
    if (!text)
        reject_envelope_field(name, "is missing");
    if (const auto u = detail::parse_uuid(*text))
        return *u;
    reject_envelope_field(name, "is not a UUID: '" + *text + "'");
}

semantic_version read_version(const json::object& o, std::string_view name,
                              const semantic_version& fallback) {
    const json::value* v = member(o, name);
    if (v == nullptr)
        return fallback;
    const json::object& vo = read_object(*v, name);
    return {read_int(vo, "major", 0), read_int(vo, "minor", 0), read_int(vo, "patch", 0),
            read_text(vo, "prerelease"), read_text(vo, "build")};
}

} // namespace

void tag_invoke(const json::value_from_tag&, json::value& jv, const event_envelope& e) {
    const auto& m = e.metadata;
    jv = json::object{{"payload", e.payload},
                      {"envelope_id", boost::uuids::to_string(e.envelope_id)},
                      {"envelope_timestamp", envelope_time(e.envelope_timestamp)},
                      {"correlation_id",
                       e.correlation_id ? json::value(boost::uuids::to_string(*e.correlation_id))
                                        : json::value(nullptr)},
                      {"source_tool", optional_text(e.source_tool)},
                      {"target_tool", optional_text(e.target_tool)},
                      {"metadata", json::object{{"trace_id", optional_text(m.trace_id)},
                                                {"span_id", optional_text(m.span_id)},
                                                {"parent_span_id", optional_text(m.parent_span_id)},
                                                {"request_id", optional_text(m.request_id)},
                                                {"headers", m.headers},
                                                {"tags", m.tags}}},
                      {"security_context", e.security_context},
                      {"event_type", optional_text(e.event_type)},
                      {"payload_type", optional_text(e.payload_type)},
                      {"payload_schema_version", optional_text(e.payload_schema_version)},
                      {"priority", e.priority},
                      {"timeout_seconds",
                       e.timeout_seconds ? json::value(*e.timeout_seconds) : json::value(nullptr)},
                      {"retry_count", e.retry_count},
                      {"request_id", optional_text(e.request_id)},
                      {"trace_id", optional_text(e.trace_id)},
                      {"span_id", optional_text(e.span_id)},
                      {"onex_version", version_json(e.onex_version)},
                      {"envelope_version", version_json(e.envelope_version)}};
}

event_envelope tag_invoke(const json::value_to_tag<event_envelope>&, const json::value& jv) {
    const json::object& o = read_object(jv, "(envelope)");
    event_envelope e;
    const json::value* payload = o.if_contains("payload");
    if (payload == nullptr)
        reject_envelope_field("payload", "is missing");
    e.payload = *payload;
    e.envelope_id = read_uuid(o, "envelope_id");
    const auto when = read_text(o, "envelope_timestamp");
    if (!when)
        reject_envelope_field("envelope_timestamp", "is missing");
    const auto tp = parse_timestamp(*when);
    if (!tp)
        reject_envelope_field("envelope_timestamp", "is not an ISO-8601 time: '" + *when + "'");
    e.envelope_timestamp = *tp;
    if (member(o, "correlation_id") != nullptr)
        e.correlation_id = read_uuid(o, "correlation_id");
    e.source_tool = read_text(o, "source_tool");
    e.target_tool = read_text(o, "target_tool");
    const json::object meta = read_object_member(o, "metadata");
    e.metadata.trace_id = read_text(meta, "trace_id");
    e.metadata.span_id = read_text(meta, "span_id");
    e.metadata.parent_span_id = read_text(meta, "parent_span_id");
    e.metadata.request_id = read_text(meta, "request_id");
    e.metadata.headers = read_object_member(meta, "headers");
    e.metadata.tags = read_object_member(meta, "tags");
    if (const json::value* sc = o.if_contains("security_context"))
        e.security_context = *sc;
    e.event_type = read_text(o, "event_type");
    e.payload_type = read_text(o, "payload_type");
    e.payload_schema_version = read_text(o, "payload_schema_version");
    e.priority = read_int(o, "priority", e.priority);
    if (member(o, "timeout_seconds") != nullptr)
        e.timeout_seconds = read_int(o, "timeout_seconds", 0);
    e.retry_count = read_int(o, "retry_count", e.retry_count);
    e.request_id = read_text(o, "request_id");
    e.trace_id = read_text(o, "trace_id");
    e.span_id = read_text(o, "span_id");
    e.onex_version = read_version(o, "onex_version", e.onex_version);
    e.envelope_version = read_version(o, "envelope_version", e.envelope_version);
    return e;
}

} // namespace onex::event_bus
