// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "bus_test.hpp"

#include <onex/event_bus/kafka_headers.hpp>
#include <onex/event_bus/trace_context.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace bus_test;

namespace trace_test {

constexpr const char* trace = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr const char* span = "00f067aa0ba902b7";
constexpr const char* valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

std::vector<kafka_header_view> views(const std::vector<kafka_header>& headers) {
    std::vector<kafka_header_view> out;
    for (const auto& h : headers)
        out.push_back({h.name, std::string_view(h.value)});
    return out;
}

const kafka_header* find(const std::vector<kafka_header>& headers, std::string_view name) {
    for (const auto& h : headers)
        if (h.name == name)
            return &h;
    return nullptr;
}

struct log_lines {
    std::vector<std::string> lines;
    logger log{log_level::warning,
               [this](log_level, std::string_view m) { lines.emplace_back(m); }};
};

} // namespace trace_test

using namespace trace_test;

BOOST_AUTO_TEST_SUITE(test_trace_context)

BOOST_AUTO_TEST_CASE(a_valid_traceparent_parses_and_formats_back) {
    const auto c = parse_traceparent(valid);
    BOOST_REQUIRE(c.has_value());
    BOOST_TEST(c->trace_id == trace);
    BOOST_TEST(c->parent_id == span);
    BOOST_TEST(c->flags == 1u);
    BOOST_TEST(format_traceparent(*c) == valid);
    const auto unsampled =
        parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    BOOST_REQUIRE(unsampled.has_value());
    BOOST_TEST(unsampled->flags == 0u);
    BOOST_TEST(format_traceparent(trace_context{trace, span, 0xa5}) ==
               "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-a5");
}

BOOST_AUTO_TEST_CASE(a_later_version_may_carry_more_fields) {
    const auto c =
        parse_traceparent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-ever");
    BOOST_REQUIRE(c.has_value());
    BOOST_TEST(c->trace_id == trace);
    BOOST_TEST(!parse_traceparent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x"));
}

BOOST_DATA_TEST_CASE(invalid_traceparents_are_rejected,
                     boost::unit_test::data::make(std::vector<std::string>{
                         "", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
                         "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
                         "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                         "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                         "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                         "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                         "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                         "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
                         "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                         "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z",
                         " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}),
                     text) {
    BOOST_TEST(!parse_traceparent(text).has_value());
}

BOOST_AUTO_TEST_CASE(headers_give_a_context_only_when_w3c_shaped) {
    event_headers h;
    BOOST_TEST(!trace_context_of(h).has_value());
    h.trace_id = "abc123"; // the guide's example id: not W3C-shaped
    h.span_id = span;
    BOOST_TEST(!trace_context_of(h).has_value());
    h.trace_id = "4BF92F3577B34DA6A3CE929D0E0E4736";
    const auto c = trace_context_of(h);
    BOOST_REQUIRE(c.has_value());
    BOOST_TEST(c->trace_id == trace); // lowercased
    BOOST_TEST(c->flags == 1u);
    h.trace_flags = 0;
    BOOST_TEST(trace_context_of(h)->flags == 0u);
    h.span_id = "0000000000000000";
    BOOST_TEST(!trace_context_of(h).has_value());
}

BOOST_AUTO_TEST_CASE(kafka_headers_carry_a_traceparent_and_tracestate) {
    event_headers h;
    h.source = "s";
    h.event_type = "e";
    h.trace_id = trace;
    h.span_id = span;
    h.tracestate = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";
    const auto encoded = encode_kafka_headers(h);
    BOOST_REQUIRE(find(encoded, "traceparent") != nullptr);
    BOOST_TEST(find(encoded, "traceparent")->value == valid);
    BOOST_REQUIRE(find(encoded, "tracestate") != nullptr);
    BOOST_TEST(find(encoded, "tracestate")->value == *h.tracestate);
    // They come last, after the peer's own headers.
    BOOST_TEST(encoded[encoded.size() - 2].name == "traceparent");
    const auto decoded = decode_kafka_headers(views(encoded));
    BOOST_REQUIRE(decoded.has_value());
    BOOST_TEST((decoded->tracestate == h.tracestate));
    BOOST_TEST((decoded->trace_flags == std::optional<std::uint8_t>(1)));
    BOOST_TEST((decoded->trace_id == h.trace_id));
}

BOOST_AUTO_TEST_CASE(no_traceparent_without_w3c_ids) {
    event_headers h;
    h.trace_id = "abc123";
    h.span_id = "span-1";
    h.tracestate = "rojo=1";
    const auto encoded = encode_kafka_headers(h);
    BOOST_TEST(find(encoded, "traceparent") == nullptr);
    BOOST_TEST(find(encoded, "tracestate") == nullptr); // meaningless without a traceparent
}

BOOST_AUTO_TEST_CASE(a_traceparent_from_an_opentelemetry_producer_fills_the_trace_ids) {
    const std::vector<kafka_header_view> headers{
        {"traceparent",
         std::string_view("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")},
        {"tracestate", std::string_view("rojo=1")}};
    const auto decoded = decode_kafka_headers(headers);
    BOOST_REQUIRE(decoded.has_value());
    BOOST_TEST((decoded->trace_id == std::optional<std::string>(trace)));
    BOOST_TEST((decoded->span_id == std::optional<std::string>(span)));
    BOOST_TEST((decoded->trace_flags == std::optional<std::uint8_t>(0)));
    BOOST_TEST((decoded->tracestate == std::optional<std::string>("rojo=1")));
    BOOST_TEST(!decoded->parent_span_id.has_value());
}

BOOST_AUTO_TEST_CASE(our_trace_headers_win_over_a_traceparent_of_another_trace) {
    const std::vector<kafka_header_view> headers{{"trace_id", std::string_view("abc123")},
                                                 {"traceparent", std::string_view(valid)},
                                                 {"tracestate", std::string_view("rojo=1")}};
    const auto decoded = decode_kafka_headers(headers);
    BOOST_REQUIRE(decoded.has_value());
    BOOST_TEST((decoded->trace_id == std::optional<std::string>("abc123")));
    BOOST_TEST((decoded->span_id == std::optional<std::string>(span))); // was missing
    BOOST_TEST(!decoded->trace_flags.has_value());
    BOOST_TEST(!decoded->tracestate.has_value());
}

BOOST_AUTO_TEST_CASE(an_invalid_traceparent_is_ignored_with_a_warning) {
    log_lines l;
    const std::vector<kafka_header_view> headers{{"traceparent", std::string_view("00-nope")},
                                                 {"tracestate", std::string_view("rojo=1")}};
    const auto decoded = decode_kafka_headers(headers, nullptr, &l.log);
    BOOST_REQUIRE(decoded.has_value());
    BOOST_TEST(!decoded->trace_id.has_value());
    BOOST_TEST(!decoded->tracestate.has_value());
    const std::vector<std::string> expected{
        "header 'traceparent' is not a W3C traceparent: '00-nope'; ignoring it and its tracestate"};
    BOOST_TEST(l.lines == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(json_headers_hold_the_trace_fields_only_when_set) {
    event_headers h;
    h.source = "s";
    h.event_type = "e";
    const auto plain = boost::json::value_from(h).as_object();
    BOOST_TEST(!plain.contains("trace_flags"));
    BOOST_TEST(!plain.contains("tracestate"));
    h.trace_flags = 1;
    h.tracestate = "rojo=1";
    h.timestamp = *parse_timestamp("2025-01-15T12:00:00.5+00:00"); // JSON keeps microseconds
    const auto jv = boost::json::value_from(h);
    BOOST_TEST(jv.at("trace_flags").as_int64() == 1);
    BOOST_TEST(jv.at("tracestate").as_string() == "rojo=1");
    BOOST_TEST((boost::json::value_to<event_headers>(jv) == h));
    auto bad = jv.as_object();
    bad["trace_flags"] = 256;
    BOOST_CHECK_THROW(boost::json::value_to<event_headers>(boost::json::value(bad)),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
