// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The publisher over the Kafka bus (the envelope and its rules are tested on the in-memory bus in
// test/unit/test_event_publisher.cpp).

#include "kafka_fixture.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/kafka_event_publisher.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace kafka_bus_test;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(test_kafka_event_publisher)

BOOST_AUTO_TEST_CASE(the_kafka_publisher_sends_the_envelope_with_matching_headers) {
    kafka_fixture f;
    std::vector<received> seen;
    auto sub = f.bus.subscribe("orders.events", "publisher-test",
                               [&](const event_message& m) { seen.push_back(copy(m)); });
    f.run(f.bus.async_start());
    kafka_event_publisher publisher(f.bus, "orders", "pod-7");
    event_publisher& p = publisher; // services depend on the interface
    publish_options o;
    o.topic = "orders.events";
    o.partition_key = "cust-1";
    f.run(p.async_publish("order.placed.v1", json::object{{"order_id", 1}}, o));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return !seen.empty(); }));
    const json::object e = json::parse(seen.front().value).as_object();
    BOOST_TEST(boost::uuids::to_string(seen.front().headers.correlation_id) ==
               e.at("correlation_id").as_string());
    BOOST_TEST(seen.front().headers.source == "orders");
    BOOST_TEST((seen.front().key == std::optional<std::string>("cust-1")));
    BOOST_TEST(e.at("source_tool").as_string() == "orders.pod-7");
    const publisher_metrics m = p.metrics();
    BOOST_TEST(m.events_published == 1u);
    BOOST_TEST(m.circuit_breaker_status == circuit_state::closed);
    BOOST_TEST(m.circuit_breaker_opens == 0u);
}

BOOST_AUTO_TEST_CASE(a_failed_kafka_publish_is_counted_and_close_closes_the_bus) {
    kafka_fixture f;
    f.run(f.bus.async_start());
    kafka_event_publisher p(f.bus, "orders", std::nullopt,
                            std::make_shared<logger>(logger::silent()));
    diagnostics diag;
    std::optional<boost::system::error_code> result;
    p.async_publish("not a valid topic!", json::object{}, {}, diag,
                    [&](boost::system::error_code ec) { result = ec; });
    BOOST_REQUIRE(run_until(f.ioc, [&] { return result.has_value(); }));
    BOOST_TEST(*result == make_error_code(errc::configuration));
    BOOST_TEST(!diag.message.empty());
    BOOST_TEST(p.metrics().events_failed == 1u);
    BOOST_TEST(p.metrics().current_failures == 1u);
    f.run(p.async_close());
    BOOST_TEST(!f.bus.is_started());
    BOOST_CHECK_THROW(f.run(p.async_publish("orders.events", json::object{})),
                      infra_unavailable_error);
}

BOOST_AUTO_TEST_SUITE_END()
