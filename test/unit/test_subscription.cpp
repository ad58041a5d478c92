// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/inmemory_event_bus.hpp>
#include <onex/event_bus/subscription.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/test/unit_test.hpp>

namespace asio = boost::asio;
using namespace onex::event_bus;
using onex::event_bus::testing::bus_fixture;

BOOST_FIXTURE_TEST_SUITE(test_subscription, bus_fixture)

BOOST_AUTO_TEST_CASE(unsubscribe_twice_is_safe_and_stops_delivery) {
    int calls = 0;
    auto s = bus.subscribe("t", "g", [&](const event_message&) { ++calls; });
    BOOST_TEST(s.active());
    BOOST_TEST(s.topic() == "t");
    BOOST_TEST(s.group_id() == "g");
    run(bus.async_publish("t", std::nullopt, "v"));
    s.unsubscribe();
    s.unsubscribe();
    BOOST_TEST(!s.active());
    run(bus.async_publish("t", std::nullopt, "v"));
    BOOST_TEST(calls == 1);
    BOOST_TEST(bus.subscriber_count("t") == 0u);
}

BOOST_AUTO_TEST_CASE(destroying_the_handle_unsubscribes) {
    int calls = 0;
    {
        auto s = bus.subscribe("t", "g", [&](const event_message&) { ++calls; });
        BOOST_TEST(bus.subscriber_count("t") == 1u);
    }
    BOOST_TEST(bus.subscriber_count("t") == 0u);
    run(bus.async_publish("t", std::nullopt, "v"));
    BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_CASE(moving_a_handle_keeps_one_subscription) {
    int calls = 0;
    subscription outer;
    BOOST_TEST(!outer.active());
    {
        auto s = bus.subscribe("t", "g", [&](const event_message&) { ++calls; });
        outer = std::move(s);
    }
    BOOST_TEST(outer.active());
    run(bus.async_publish("t", std::nullopt, "v"));
    BOOST_TEST(calls == 1);

    // Assigning over a live handle unsubscribes what it held.
    int other_calls = 0;
    outer = bus.subscribe("u", "g", [&](const event_message&) { ++other_calls; });
    run(bus.async_publish("t", std::nullopt, "v"));
    run(bus.async_publish("u", std::nullopt, "v"));
    BOOST_TEST(calls == 1);
    BOOST_TEST(other_calls == 1);
}

BOOST_AUTO_TEST_CASE(an_empty_handle_is_harmless) {
    subscription s;
    s.unsubscribe();
    BOOST_TEST(s.topic().empty());
    BOOST_TEST(s.group_id().empty());
    // An empty handle has no bus executor: it completes on the system executor.
    BOOST_CHECK_NO_THROW(s.async_unsubscribe(asio::use_future).get());
    BOOST_TEST(!s.active());
}

BOOST_AUTO_TEST_CASE(a_handler_may_unsubscribe_itself_and_later_handlers_still_run) {
    int first = 0, second = 0;
    subscription self;
    self = bus.subscribe("t", "g", [&](const event_message&) {
        ++first;
        self.unsubscribe();
    });
    auto other = bus.subscribe("t", "g", [&](const event_message&) { ++second; });
    run(bus.async_publish("t", std::nullopt, "v"));
    run(bus.async_publish("t", std::nullopt, "v"));
    BOOST_TEST(first == 1);
    BOOST_TEST(second == 2);
}

BOOST_AUTO_TEST_CASE(unsubscribing_during_a_publish_skips_the_pending_call) {
    int second_calls = 0;
    subscription second;
    auto first = bus.subscribe("t", "g", [&](const event_message&) { second.unsubscribe(); });
    second = bus.subscribe("t", "g", [&](const event_message&) { ++second_calls; });
    run(bus.async_publish("t", std::nullopt, "v"));
    BOOST_TEST(second_calls == 0);
}

BOOST_AUTO_TEST_CASE(async_unsubscribe_waits_for_a_running_handler) {
    asio::steady_timer gate(ioc, asio::steady_timer::time_point::max());
    bool handler_done = false;
    auto s = bus.subscribe("t", "g", [&](const event_message&) -> asio::awaitable<void> {
        boost::system::error_code ec;
        co_await gate.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        handler_done = true;
    });
    bool published = false, unsubscribed = false;
    bus.async_publish("t", std::nullopt, "v", [&](boost::system::error_code) { published = true; });
    ioc.restart();
    ioc.poll(); // the handler is now suspended on the gate
    BOOST_TEST(!handler_done);
    s.async_unsubscribe([&](boost::system::error_code ec) {
        BOOST_TEST(!ec);
        BOOST_TEST(handler_done); // only after the handler finished
        unsubscribed = true;
    });
    ioc.poll();
    BOOST_TEST(!unsubscribed);
    gate.cancel();
    ioc.run();
    BOOST_TEST(handler_done);
    BOOST_TEST(published);
    BOOST_TEST(unsubscribed);
}

BOOST_AUTO_TEST_CASE(async_unsubscribe_completes_at_once_when_nothing_runs) {
    auto s = bus.subscribe("t", "g", [](const event_message&) {});
    run(s.async_unsubscribe());
    BOOST_TEST(!s.active());
    BOOST_TEST(bus.subscriber_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_handle_outliving_its_bus_is_safe) {
    subscription s;
    {
        asio::io_context local;
        inmemory_event_bus b(local.get_executor());
        s = b.subscribe("t", "g", [](const event_message&) {});
    }
    BOOST_TEST(!s.active());
    s.unsubscribe();
}

BOOST_AUTO_TEST_SUITE_END()
