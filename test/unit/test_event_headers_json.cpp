// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/event_headers.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <chrono>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace onex::event_bus;
using namespace std::chrono_literals;
namespace chr = std::chrono;
namespace json = boost::json;

namespace test_event_headers_json {

const chr::system_clock::time_point noon = chr::sys_days{2025y / 1 / 15} + 12h;

event_headers full_headers() {
    event_headers h;
    h.content_type = "application/cbor";
    h.timestamp = noon + 123456us;
    h.source = "orders-service";
    h.event_type = "order.created";
    h.schema_version = "2.1.0";
    h.destination = "billing";
    h.trace_id = "trace-1";
    h.span_id = "span-2";
    h.parent_span_id = "span-1";
    h.operation_name = "create_order";
    h.priority = priority::critical;
    h.routing_key = "eu";
    h.partition_key = "customer-7";
    h.retry_count = 2;
    h.max_retries = 5;
    h.ttl_seconds = 0;
    return h;
}

event_headers round_trip(const event_headers& h) {
    return json::value_to<event_headers>(json::parse(json::serialize(json::value_from(h))));
}

// A valid object with one member replaced (or added) by `member_json`.
json::value with_member(std::string_view name, std::string_view member_json) {
    json::value jv = json::value_from(full_headers());
    jv.as_object()[name] = json::parse(member_json);
    return jv;
}

bool names_field(const std::invalid_argument& e, std::string_view name) {
    return std::string(e.what()).find("'" + std::string(name) + "'") != std::string::npos;
}

struct bad_member {
    std::string_view name;
    std::string_view json_value;
};

std::ostream& operator<<(std::ostream& os, const bad_member& c) {
    return os << c.name << " = " << c.json_value;
}

const bad_member bad_members[] = {
    {"content_type", "5"},
    {"content_type", "null"},
    {"correlation_id", "\"not-a-uuid\""},
    {"correlation_id", "\"\""},
    {"correlation_id", "42"},
    {"message_id", "\"123e4567-e89b-12d3-a456-42661417400\""}, // 31 digits
    {"message_id", "null"},
    {"timestamp", "\"yesterday\""},
    {"timestamp", "\"2025-02-30T00:00:00+00:00\""},
    {"timestamp", "1736942400"},
    {"source", "null"},
    {"source", "[\"a\"]"},
    {"event_type", "{}"},
    {"schema_version", "true"},
    {"destination", "5"},
    {"trace_id", "false"},
    {"span_id", "[]"},
    {"parent_span_id", "1.5"},
    {"operation_name", "{}"},
    {"routing_key", "7"},
    {"partition_key", "true"},
    {"priority", "\"urgent\""},
    {"priority", "\"HIGH\""},
    {"priority", "2"},
    {"priority", "null"},
    {"retry_count", "\"3\""},
    {"retry_count", "1.5"},
    {"retry_count", "3.0"},
    {"retry_count", "18446744073709551615"},
    {"max_retries", "null"},
    {"ttl_seconds", "\"60\""},
    {"ttl_seconds", "60.0"},
    {"extra", "1"},      // unknown key
    {"Source", "\"x\""}, // keys are case-sensitive
};

const std::string_view required_fields[] = {"timestamp", "source", "event_type"};

const std::string_view optional_fields[] = {
    "content_type", "correlation_id", "message_id",     "schema_version", "destination",
    "trace_id",     "span_id",        "parent_span_id", "operation_name", "priority",
    "routing_key",  "partition_key",  "retry_count",    "max_retries",    "ttl_seconds"};

} // namespace test_event_headers_json

BOOST_AUTO_TEST_SUITE(test_event_headers_json)

BOOST_AUTO_TEST_CASE(every_field_round_trips) {
    const event_headers h = full_headers();
    BOOST_TEST((round_trip(h) == h));
}

BOOST_AUTO_TEST_CASE(absent_optionals_round_trip_as_absent) {
    event_headers h;
    h.timestamp = noon;
    h.source = "s";
    h.event_type = "e";
    const event_headers back = round_trip(h);
    BOOST_TEST((back == h));
    BOOST_TEST(!back.ttl_seconds);
    BOOST_TEST(!back.destination);
}

BOOST_AUTO_TEST_CASE(the_object_uses_the_guides_names_and_formats) {
    const event_headers h = full_headers();
    const json::value jv = json::value_from(h);
    const json::object& o = jv.as_object();
    std::vector<std::string> keys;
    for (const auto& member : o)
        keys.emplace_back(member.key());
    const std::vector<std::string> expected{
        "content_type",   "correlation_id", "message_id",  "timestamp",   "source",
        "event_type",     "schema_version", "destination", "trace_id",    "span_id",
        "parent_span_id", "operation_name", "priority",    "routing_key", "partition_key",
        "retry_count",    "max_retries",    "ttl_seconds"};
    BOOST_TEST(keys == expected, boost::test_tools::per_element());
    BOOST_TEST(o.at("correlation_id").as_string() == boost::uuids::to_string(h.correlation_id));
    BOOST_TEST(o.at("timestamp").as_string() == "2025-01-15T12:00:00.123456+00:00");
    BOOST_TEST(o.at("priority").as_string() == "critical");
    BOOST_TEST(o.at("retry_count").as_int64() == 2);
    BOOST_TEST(o.at("ttl_seconds").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(absent_optionals_are_written_as_null) {
    const json::value jv = json::value_from(event_headers{});
    for (const auto name : {"destination", "trace_id", "span_id", "parent_span_id",
                            "operation_name", "routing_key", "partition_key", "ttl_seconds"})
        BOOST_TEST(jv.at(name).is_null(), name);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_text_is_replaced_when_writing) {
    event_headers h = full_headers();
    h.source = "bad\xff";
    h.trace_id = "\xc3";
    const json::value jv = json::value_from(h);
    BOOST_TEST(jv.at("source").as_string() == "bad\xef\xbf\xbd");
    BOOST_TEST(jv.at("trace_id").as_string() == "\xef\xbf\xbd");
    BOOST_TEST(round_trip(h).source == "bad\xef\xbf\xbd"); // the text stays parseable JSON
}

BOOST_AUTO_TEST_CASE(only_the_required_fields_are_needed) {
    const auto h = json::value_to<event_headers>(
        json::parse(R"({"timestamp": "2025-01-15T12:00:00Z", "source": "s", "event_type": "e"})"));
    BOOST_TEST((h.timestamp == noon));
    BOOST_TEST(h.source == "s");
    BOOST_TEST(h.event_type == "e");
    const event_headers defaults;
    BOOST_TEST(h.content_type == defaults.content_type);
    BOOST_TEST(h.schema_version == defaults.schema_version);
    BOOST_TEST((h.priority == priority::normal));
    BOOST_TEST(h.retry_count == 0);
    BOOST_TEST(h.max_retries == 3);
    BOOST_TEST(!h.ttl_seconds);
    BOOST_TEST(!h.routing_key);
    BOOST_TEST(h.correlation_id.version() == boost::uuids::uuid::version_random_number_based);
    BOOST_TEST(h.correlation_id != h.message_id);
}

BOOST_DATA_TEST_CASE(a_missing_required_field_is_named,
                     boost::unit_test::data::make(required_fields), name) {
    json::value jv = json::value_from(full_headers());
    jv.as_object().erase(name);
    BOOST_CHECK_EXCEPTION(json::value_to<event_headers>(jv), std::invalid_argument,
                          [&](const std::invalid_argument& e) { return names_field(e, name); });
}

BOOST_DATA_TEST_CASE(a_missing_optional_field_takes_its_default,
                     boost::unit_test::data::make(optional_fields), name) {
    const json::value full = json::value_from(full_headers());
    json::value jv = full;
    jv.as_object().erase(name);
    const json::value got = json::value_from(json::value_to<event_headers>(jv));
    const json::value defaults = json::value_from(event_headers{});
    for (const auto& member : got.as_object()) {
        const json::value& before = full.at(member.key());
        if (member.key() != name)
            BOOST_TEST(member.value() == before, member.key());
        else if (name == "correlation_id" || name == "message_id")
            BOOST_TEST(member.value() != before, member.key()); // a fresh UUID
        else
            BOOST_TEST(member.value() == defaults.at(name), member.key());
    }
}

BOOST_DATA_TEST_CASE(a_bad_member_is_rejected_by_name, boost::unit_test::data::make(bad_members),
                     c) {
    const json::value jv = with_member(c.name, c.json_value);
    BOOST_CHECK_EXCEPTION(json::value_to<event_headers>(jv), std::invalid_argument,
                          [&](const std::invalid_argument& e) { return names_field(e, c.name); });
}

BOOST_AUTO_TEST_CASE(null_is_accepted_for_optional_fields) {
    const auto h = json::value_to<event_headers>(with_member("ttl_seconds", "null"));
    BOOST_TEST(!h.ttl_seconds);
    BOOST_TEST(!json::value_to<event_headers>(with_member("destination", "null")).destination);
}

BOOST_AUTO_TEST_CASE(uuids_are_read_in_any_form_python_reads) {
    const auto h = json::value_to<event_headers>(
        with_member("correlation_id", R"("{123E4567-E89B-12D3-A456-426614174000}")"));
    BOOST_TEST(boost::uuids::to_string(h.correlation_id) == "123e4567-e89b-12d3-a456-426614174000");
}

BOOST_AUTO_TEST_CASE(a_value_that_is_not_an_object_is_rejected) {
    for (const auto text : {"[]", "null", "\"headers\"", "3"}) {
        BOOST_CHECK_EXCEPTION(json::value_to<event_headers>(json::parse(text)),
                              std::invalid_argument, [](const std::invalid_argument& e) {
                                  return std::string(e.what()).find("JSON object") !=
                                         std::string::npos;
                              });
    }
}

BOOST_AUTO_TEST_SUITE_END()
