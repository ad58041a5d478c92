// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// Subscribing and unsubscribing at every point of a consumer's and the bus's life: whatever the
// timing, a subscription that exists on a started bus is served. Each case drives the io_context
// to the moment it names (a consumer leaving its group, a start or a close under way) through
// what the bus reports, then checks that the next message arrives.

#include "captured_log.hpp"
#include "kafka_fixture.hpp"

#include <onex/event_bus/kafka_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace kafka_bus_test;

namespace resubscribe_test {

constexpr const char* first_topic = "orders.events";
constexpr const char* other_topic = "orders.audit";
constexpr const char* group = "resubscribers";

// A bus on its own mock cluster whose info lines are kept: "Consumer for group '…' closing" is
// the moment a consumer starts leaving its group.
struct resubscribe_fixture {
    mock_cluster cluster;
    onex::event_bus::test::captured_log lines;
    asio::io_context ioc;
    std::optional<kafka_event_bus> bus;

    resubscribe_fixture() {
        cluster.create_topic(first_topic, 1);
        cluster.create_topic(other_topic, 1);
        bus.emplace(ioc, mock_config(cluster.bootstrap_servers()), lines.make(log_level::info));
    }
    ~resubscribe_fixture() {
        try {
            testing::run(ioc, bus->async_close());
        } catch (const std::exception& e) {
            BOOST_ERROR("close failed: " << e.what());
        }
    }
    resubscribe_fixture(const resubscribe_fixture&) = delete;
    resubscribe_fixture& operator=(const resubscribe_fixture&) = delete;

    std::size_t closing_lines() const {
        return lines.starting_with(std::string("info: Consumer for group '") + group + "' closing")
            .size();
    }

    // Subscribes a handler that keeps the values it gets.
    subscription keep(const char* topic, std::vector<std::string>& into) {
        return bus->subscribe(topic, group,
                              [&into](const event_message& m) { into.emplace_back(m.value()); });
    }

    // Publishes `value` and waits until `into` holds it.
    void expect_delivery(const char* topic, const std::string& value,
                         const std::vector<std::string>& into) {
        testing::run(ioc, bus->async_publish(topic, std::nullopt, value));
        BOOST_TEST_REQUIRE(run_until(
            ioc, [&] { return std::find(into.begin(), into.end(), value) != into.end(); }));
    }

    std::size_t consumers() const { return bus->health().consumer_count; }

    // Where most cases start: the bus started, its consumer of `group` has handled "1" from
    // `first_topic` into `before`, and the group's last subscription has just gone.
    void handle_one_then_unsubscribe(std::vector<std::string>& before) {
        auto first = keep(first_topic, before);
        testing::run(ioc, bus->async_start());
        expect_delivery(first_topic, "1", before);
    }
};

} // namespace resubscribe_test

using namespace resubscribe_test;

BOOST_FIXTURE_TEST_SUITE(test_kafka_resubscribe, resubscribe_fixture)

BOOST_AUTO_TEST_CASE(a_group_subscribed_again_while_its_consumer_closes_is_served) {
    std::vector<std::string> before, after;
    handle_one_then_unsubscribe(before);
    BOOST_TEST_REQUIRE(run_until(ioc, [&] { return closing_lines() == 1; }));
    auto again = keep(first_topic, after);
    expect_delivery(first_topic, "2", after);
    // What the first consumer handled it committed before leaving: it does not come again.
    BOOST_TEST(after == std::vector<std::string>{"2"}, boost::test_tools::per_element());
    BOOST_TEST(before == std::vector<std::string>{"1"}, boost::test_tools::per_element());
    BOOST_TEST(consumers() == 1U);
}

BOOST_AUTO_TEST_CASE(a_group_subscribed_to_another_topic_while_its_consumer_closes_is_served) {
    std::vector<std::string> before, after;
    handle_one_then_unsubscribe(before);
    BOOST_TEST_REQUIRE(run_until(ioc, [&] { return closing_lines() == 1; }));
    auto other = keep(other_topic, after);
    expect_delivery(other_topic, "2", after);
    BOOST_TEST(consumers() == 1U);
}

BOOST_AUTO_TEST_CASE(unsubscribing_and_subscribing_at_once_keeps_the_consumer) {
    std::vector<std::string> before, after;
    handle_one_then_unsubscribe(before);
    auto again = keep(first_topic, after);
    expect_delivery(first_topic, "2", after);
    BOOST_TEST(closing_lines() == 0U);
    BOOST_TEST(before == std::vector<std::string>{"1"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_group_subscribed_again_after_its_consumer_closed_is_served) {
    std::vector<std::string> before, after;
    handle_one_then_unsubscribe(before);
    BOOST_TEST_REQUIRE(run_until(ioc, [&] { return consumers() == 0; }));
    BOOST_TEST(closing_lines() == 1U);
    auto again = keep(first_topic, after);
    expect_delivery(first_topic, "2", after);
    BOOST_TEST(consumers() == 1U);
}

BOOST_AUTO_TEST_CASE(a_subscription_made_while_the_bus_starts_is_served) {
    std::vector<std::string> got;
    std::optional<boost::system::error_code> started;
    bus->async_start([&](boost::system::error_code ec) { started = ec; });
    BOOST_TEST_REQUIRE(ioc.run_one() == 1U); // the start is under way, not finished
    BOOST_TEST_REQUIRE(!started.has_value());
    auto sub = keep(first_topic, got);
    BOOST_TEST_REQUIRE(run_until(ioc, [&] { return started.has_value(); }));
    BOOST_TEST_REQUIRE(!*started);
    expect_delivery(first_topic, "1", got);
}

BOOST_AUTO_TEST_CASE(a_subscription_made_while_the_bus_closes_is_served_after_the_restart) {
    std::vector<std::string> before, after;
    auto first = keep(first_topic, before);
    testing::run(ioc, bus->async_start());
    expect_delivery(first_topic, "1", before);
    std::optional<boost::system::error_code> closed;
    bus->async_close([&](boost::system::error_code ec) { closed = ec; });
    BOOST_TEST_REQUIRE(run_until(ioc, [&] { return closing_lines() == 1; }));
    BOOST_TEST_REQUIRE(!closed.has_value());
    first.unsubscribe();
    auto again = keep(other_topic, after);
    BOOST_TEST_REQUIRE(run_until(ioc, [&] { return closed.has_value(); }));
    BOOST_TEST(consumers() == 0U);
    testing::run(ioc, bus->async_start());
    expect_delivery(other_topic, "2", after);
    BOOST_TEST(consumers() == 1U);
}

BOOST_AUTO_TEST_CASE(a_restart_asked_for_while_the_bus_closes_serves_what_is_subscribed) {
    std::vector<std::string> got;
    auto sub = keep(first_topic, got);
    testing::run(ioc, bus->async_start());
    expect_delivery(first_topic, "1", got);
    std::optional<boost::system::error_code> closed, restarted;
    bus->async_close([&](boost::system::error_code ec) { closed = ec; });
    BOOST_TEST_REQUIRE(run_until(ioc, [&] { return closing_lines() == 1; }));
    bus->async_start([&](boost::system::error_code ec) { restarted = ec; });
    BOOST_TEST_REQUIRE(run_until(ioc, [&] { return restarted.has_value(); }));
    BOOST_TEST(closed.has_value());
    BOOST_TEST_REQUIRE(!*restarted);
    expect_delivery(first_topic, "2", got);
}

BOOST_AUTO_TEST_SUITE_END()
