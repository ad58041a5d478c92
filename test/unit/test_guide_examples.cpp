// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The guide's "Testing with InMemoryEventBus" examples, in C++.

#include <onex/event_bus/inmemory_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <vector>

using namespace onex::event_bus;
using onex::event_bus::testing::bus_fixture;

BOOST_FIXTURE_TEST_SUITE(test_guide_examples, bus_fixture)

//[testing_order_processing
BOOST_AUTO_TEST_CASE(order_processing) {
    std::vector<event_message> received;
    auto sub = bus.subscribe("orders.events", "test",
                             [&](const event_message& m) { received.push_back(m); });

    run(bus.async_publish("orders.events", "order-123", R"({"order_id": "123"})"));

    BOOST_TEST(received.size() == 1u);
    BOOST_TEST(received[0].topic() == "orders.events");
}
//]

BOOST_AUTO_TEST_CASE(event_history) {
    run(bus.async_publish("topic-a", std::nullopt, "event-1"));
    run(bus.async_publish("topic-b", std::nullopt, "event-2"));
    run(bus.async_publish("topic-a", std::nullopt, "event-3"));

    BOOST_TEST(bus.event_history(100).size() == 3u);
    BOOST_TEST(bus.event_history(100, "topic-a").size() == 2u);

    bus.clear_event_history();
    BOOST_TEST(bus.event_history().empty());
}

//[testing_circuit_breaker
BOOST_AUTO_TEST_CASE(circuit_breaker) {
    int failure_count = 0;
    auto sub = bus.subscribe("topic", "group", [&](const event_message&) {
        ++failure_count;
        throw std::runtime_error("Simulated failure");
    });

    for (int i = 0; i < 10; ++i)
        run(bus.async_publish("topic", std::nullopt, "data"));

    BOOST_TEST(bus.subscriber_circuits().open_count() > 0u);
    BOOST_TEST(failure_count == 5); // the default threshold

    BOOST_TEST(bus.reset_subscriber_circuit("topic", "group"));
}
//]

BOOST_AUTO_TEST_CASE(debugging_utilities) {
    auto sub = bus.subscribe("orders.events", "g", [](const event_message&) {});
    run(bus.async_publish("orders.events", std::nullopt, "v"));

    BOOST_TEST(bus.subscriber_count("orders.events") == 1u);
    BOOST_TEST((bus.topics() == std::vector<std::string>{"orders.events"}));
    BOOST_TEST(bus.topic_offset("orders.events") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
