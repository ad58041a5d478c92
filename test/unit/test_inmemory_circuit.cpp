// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/inmemory_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/json/value_from.hpp>
#include <boost/test/unit_test.hpp>

#include <stdexcept>

using namespace onex::event_bus;
using onex::event_bus::testing::bus_fixture;

// Named: the suite's test cases derive from its fixture (-Wsubobject-linkage).
namespace inmemory_circuit_test {

struct circuit_fixture : bus_fixture {
    circuit_fixture()
        : bus_fixture(with_threshold(3)) {}

    static inmemory_options with_threshold(std::int64_t n) {
        auto o = default_options();
        o.circuit_breaker_threshold = n;
        o.log = logger::silent();
        return o;
    }

    void publish(int times = 1) {
        for (int i = 0; i < times; ++i)
            run(bus.async_publish("t", std::nullopt, "v"));
    }

    // The guide's "failure_counts" entry of "topic:group_id" (0 when absent).
    std::int64_t failures(const std::string& key) const {
        const auto counts = status_json().at("failure_counts").as_object();
        return counts.contains(key) ? counts.at(key).as_int64() : 0;
    }

    std::size_t open_count() const { return bus.subscriber_circuits().open_count(); }

    boost::json::object status_json() const {
        return boost::json::value_from(bus.subscriber_circuits()).as_object();
    }
};

} // namespace inmemory_circuit_test

using inmemory_circuit_test::circuit_fixture;

BOOST_FIXTURE_TEST_SUITE(test_inmemory_circuit, circuit_fixture)

BOOST_AUTO_TEST_CASE(opens_at_the_threshold_and_then_skips_the_subscriber) {
    int calls = 0;
    auto s = bus.subscribe("t", "g", [&](const event_message&) {
        ++calls;
        throw std::runtime_error("fail");
    });
    publish(2);
    BOOST_TEST(open_count() == 0u);
    BOOST_TEST(failures("t:g") == 2);
    publish(3);
    BOOST_TEST(calls == 3); // skipped once open
    BOOST_TEST(failures("t:g") == 3);
    const auto circuits = bus.subscriber_circuits();
    BOOST_TEST_REQUIRE(circuits.entries.size() == 1u);
    BOOST_TEST((circuits.entries[0] == subscriber_circuit_table::entry{"t", "g", 3, true}));
    BOOST_TEST_REQUIRE(open_count() == 1u);
    const auto open = status_json().at("open_circuits").as_array().at(0).as_object();
    BOOST_TEST(open.at("topic").as_string() == "t");
    BOOST_TEST(open.at("group_id").as_string() == "g");
    BOOST_TEST(bus.topic_offset("t") == 5u); // skipped messages are still published
}

BOOST_AUTO_TEST_CASE(an_open_subscriber_does_not_keep_others_from_the_message) {
    auto bad =
        bus.subscribe("t", "bad", [](const event_message&) { throw std::runtime_error("x"); });
    int good_calls = 0;
    auto good = bus.subscribe("t", "good", [&](const event_message&) { ++good_calls; });
    publish(6);
    BOOST_TEST(good_calls == 6);
    BOOST_TEST(open_count() == 1u);
    BOOST_TEST(failures("t:good") == 0);
}

BOOST_AUTO_TEST_CASE(a_success_resets_the_consecutive_count) {
    int call = 0;
    auto s = bus.subscribe("t", "g", [&](const event_message&) {
        if (++call % 3 != 0)
            throw std::runtime_error("fail");
    });
    publish(9); // fail, fail, ok — never three in a row
    BOOST_TEST(call == 9);
    BOOST_TEST(open_count() == 0u);
    BOOST_TEST(failures("t:g") == 0); // the last call succeeded: no entry is listed
}

BOOST_AUTO_TEST_CASE(subscriptions_with_the_same_topic_and_group_share_one_counter) {
    auto failing =
        bus.subscribe("t", "g", [](const event_message&) { throw std::runtime_error("x"); });
    auto fine = bus.subscribe("t", "g", [](const event_message&) {});
    publish(10);
    // Each publish: the failing one counts 1, the fine one resets it.
    BOOST_TEST(open_count() == 0u);
    BOOST_TEST(failures("t:g") == 0);
}

BOOST_AUTO_TEST_CASE(reset_reopens_the_circuit_and_reports_whether_there_was_one) {
    bool fail = true;
    int calls = 0;
    auto s = bus.subscribe("t", "g", [&](const event_message&) {
        ++calls;
        if (fail)
            throw std::runtime_error("x");
    });
    publish(4);
    BOOST_TEST(calls == 3);
    fail = false;
    BOOST_TEST(bus.reset_subscriber_circuit("t", "g"));
    BOOST_TEST(!bus.reset_subscriber_circuit("t", "g"));
    BOOST_TEST(!bus.reset_subscriber_circuit("t", "unknown"));
    publish();
    BOOST_TEST(calls == 4);
    BOOST_TEST(open_count() == 0u);
}

BOOST_AUTO_TEST_CASE(close_clears_every_circuit) {
    auto s = bus.subscribe("t", "g", [](const event_message&) { throw std::runtime_error("x"); });
    publish(3);
    BOOST_TEST(open_count() == 1u);
    run(bus.async_close());
    BOOST_TEST(open_count() == 0u);
    BOOST_TEST(bus.subscriber_circuits().entries.empty());
}

BOOST_AUTO_TEST_CASE(failures_outlive_the_subscription_until_reset) {
    auto s = bus.subscribe("t", "g", [](const event_message&) { throw std::runtime_error("x"); });
    publish(3);
    s.unsubscribe();
    BOOST_TEST(open_count() == 1u);
    int calls = 0;
    auto again = bus.subscribe("t", "g", [&](const event_message&) { ++calls; });
    publish();
    BOOST_TEST(calls == 0); // same (topic, group): still open, as in the peer
    BOOST_TEST(bus.reset_subscriber_circuit("t", "g"));
    publish();
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(a_threshold_of_one_opens_on_the_first_failure) {
    bus_fixture f(with_threshold(1));
    int calls = 0;
    auto s = f.bus.subscribe("t", "g", [&](const event_message&) {
        ++calls;
        throw std::runtime_error("x");
    });
    f.run(f.bus.async_publish("t", std::nullopt, "v"));
    f.run(f.bus.async_publish("t", std::nullopt, "v"));
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_SUITE_END()
