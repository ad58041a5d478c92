// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// W3C trace context across the Kafka bus, from our headers and from an OpenTelemetry-only
// producer (the header encoding itself is tested in test/unit/test_trace_context.cpp).

#include "kafka_fixture.hpp"

#include <onex/event_bus/kafka_event_bus.hpp>

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace kafka_bus_test;

namespace {

constexpr const char* trace = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr const char* span = "00f067aa0ba902b7";

} // namespace

BOOST_AUTO_TEST_SUITE(test_kafka_trace_context)

BOOST_AUTO_TEST_CASE(a_trace_crosses_the_kafka_bus) {
    kafka_fixture f;
    std::vector<received> seen;
    auto sub = f.bus.subscribe("orders.events", "tracing",
                               [&](const event_message& m) { seen.push_back(copy(m)); });
    f.run(f.bus.async_start());
    event_headers h;
    h.source = "s";
    h.event_type = "e";
    h.trace_id = trace;
    h.span_id = span;
    h.trace_flags = 0;
    h.tracestate = "congo=t61rcWkgMzE";
    f.run(f.bus.async_publish("orders.events", std::nullopt, "v", h));
    // An OpenTelemetry-only producer: nothing but the W3C headers.
    produce_raw(f.cluster.bootstrap_servers(), "orders.events", "otel",
                {{"traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}});
    BOOST_REQUIRE(run_until(f.ioc, [&] { return seen.size() == 2; }));
    BOOST_TEST((seen[0].headers.tracestate == h.tracestate));
    BOOST_TEST((seen[0].headers.trace_flags == h.trace_flags));
    BOOST_TEST((seen[1].headers.trace_id ==
                std::optional<std::string>("0af7651916cd43dd8448eb211c80319c")));
    BOOST_TEST((seen[1].headers.span_id == std::optional<std::string>("b7ad6b7169203331")));
}

BOOST_AUTO_TEST_SUITE_END()
