// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// Testing a service with the in-memory bus, as the guide's "Testing with InMemoryEventBus" does
// with pytest: a fixture gives each case a started bus, `run(...)` drives an operation to its end,
// and `event_history` shows what the service published.

#define BOOST_TEST_MODULE order_service_test
#include "order_service.hpp"

#include <onex/event_bus/inmemory_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace eb = onex::event_bus;
namespace data = boost::unit_test::data;
using order_service = onex::examples::order_service<eb::inmemory_event_bus>;

namespace {

//[order_service_fixture
// A fresh io_context, a started in-memory bus and the service under test, for every test case.
struct order_service_fixture : eb::testing::bus_fixture {
    order_service service{bus};

    // Sends a command as a client would; returns every event the service has published so far.
    // The in-memory publish completes only once the service's handler, and its publish, are done.
    std::vector<eb::event_message> send(std::string_view command,
                                        const eb::event_headers& headers = {}) {
        run(bus.async_publish(order_service::commands_topic, "order-1", command, headers));
        return bus.event_history(0, order_service::events_topic);
    }
};
//]

boost::json::object payload(const eb::event_message& m) {
    return boost::json::parse(m.value()).as_object();
}

std::uint32_t failures_of_the_service(const eb::inmemory_event_bus& bus) {
    const auto circuits = bus.subscriber_circuits();
    const auto* circuit = circuits.find(order_service::commands_topic, order_service::group_id);
    return circuit ? circuit->failures : 0;
}

const char* const valid_order = R"({"order_id":"A-1","sku":"widget","quantity":3})";

} // namespace

BOOST_FIXTURE_TEST_SUITE(test_order_service, order_service_fixture)

BOOST_AUTO_TEST_CASE(a_valid_order_is_accepted) {
    const auto events = send(valid_order);

    BOOST_TEST_REQUIRE(events.size() == 1u);
    BOOST_TEST(payload(events[0]) ==
               boost::json::parse(R"({"order_id":"A-1","status":"accepted"})"));
    BOOST_TEST(events[0].headers().event_type == "order.accepted");
    BOOST_TEST(events[0].headers().source == "order-service");
    BOOST_TEST(events[0].key().value_or("<none>") == "order-1");
}

const char* const invalid_orders[] = {
    R"({"sku":"widget","quantity":3})",
    R"({"order_id":"","sku":"widget","quantity":3})",
    R"({"order_id":"A-1","quantity":3})",
    R"({"order_id":"A-1","sku":7,"quantity":3})",
    R"({"order_id":"A-1","sku":"widget"})",
    R"({"order_id":"A-1","sku":"widget","quantity":0})",
    R"({"order_id":"A-1","sku":"widget","quantity":101})",
    R"({"order_id":"A-1","sku":"widget","quantity":"3"})",
    R"({"order_id":"A-1","sku":"widget","quantity":2.5})",
};
const char* const rejection_reasons[] = {
    "order_id is required",
    "order_id is required",
    "sku is required",
    "sku is required",
    "quantity must be an integer between 1 and 100",
    "quantity must be an integer between 1 and 100",
    "quantity must be an integer between 1 and 100",
    "quantity must be an integer between 1 and 100",
    "quantity must be an integer between 1 and 100",
};

BOOST_DATA_TEST_CASE(an_invalid_order_is_rejected_with_its_reason,
                     data::make(invalid_orders) ^ data::make(rejection_reasons), order, reason) {
    const auto events = send(order);

    BOOST_TEST_REQUIRE(events.size() == 1u);
    BOOST_TEST(payload(events[0]).at("status") == "rejected");
    BOOST_TEST(payload(events[0]).at("reason") == reason);
    BOOST_TEST(events[0].headers().event_type == "order.rejected");
}

//[order_service_correlation
BOOST_AUTO_TEST_CASE(the_answer_keeps_the_command_correlation_id) {
    eb::event_headers command;
    command.source = "test-client";
    command.event_type = "order.requested";

    const auto events = send(valid_order, command);

    BOOST_TEST_REQUIRE(events.size() == 1u);
    BOOST_TEST(events[0].headers().correlation_id == command.correlation_id);
    BOOST_TEST(events[0].headers().message_id != command.message_id); // a message of its own
}
//]

BOOST_AUTO_TEST_CASE(a_subscriber_downstream_receives_the_answers) {
    std::vector<std::string> statuses;
    auto sub =
        bus.subscribe(order_service::events_topic, "shipping", [&](const eb::event_message& m) {
            statuses.emplace_back(payload(m).at("status").as_string());
        });

    send(valid_order);
    send(R"({"order_id":"A-2","sku":"widget","quantity":0})");

    BOOST_TEST((statuses == std::vector<std::string>{"accepted", "rejected"}));
}

//[order_service_failure
BOOST_AUTO_TEST_CASE(a_malformed_command_counts_as_a_handler_failure) {
    const auto events = send("not json");

    BOOST_TEST(events.empty()); // the publish itself succeeded: failures stay with the subscriber
    BOOST_TEST(failures_of_the_service(bus) == 1u);

    send(valid_order); // a success resets the count
    BOOST_TEST(failures_of_the_service(bus) == 0u);
}
//]

BOOST_AUTO_TEST_CASE(repeated_failures_open_the_service_circuit_until_it_is_reset) {
    for (int i = 0; i < 5; ++i) // the default circuit_breaker_threshold
        send(R"(["an array, not an order"])");
    const auto circuits = bus.subscriber_circuits();
    BOOST_TEST(circuits.open_count() == 1u);
    const auto* circuit = circuits.find(order_service::commands_topic, order_service::group_id);
    BOOST_TEST_REQUIRE(circuit != nullptr);
    BOOST_TEST(circuit->open);

    BOOST_TEST(send(valid_order).empty()); // skipped while the circuit is open

    BOOST_TEST(
        bus.reset_subscriber_circuit(order_service::commands_topic, order_service::group_id));
    BOOST_TEST(send(valid_order).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
