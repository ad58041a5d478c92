// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The bus used from several threads at once: run this file under TSan (the tsan preset).

#include <onex/event_bus/inmemory_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

namespace asio = boost::asio;
using namespace onex::event_bus;

BOOST_AUTO_TEST_SUITE(test_inmemory_threads)

BOOST_AUTO_TEST_CASE(concurrent_publishers_subscribers_and_readers_lose_nothing) {
    constexpr int publishers = 3;
    constexpr int per_publisher = 400;

    asio::thread_pool pool(2); // a multi-threaded executor
    inmemory_options o;
    o.max_history = 50;
    o.log = logger::silent();
    inmemory_event_bus bus(pool.get_executor(), o);
    bus.async_start(asio::use_future).get();

    std::atomic<int> stable_calls{0};
    std::atomic<int> churn_calls{0};
    auto stable = bus.subscribe("t", "stable", [&](const event_message&) { ++stable_calls; });

    std::atomic<bool> stop{false};
    // Subscribes and unsubscribes while messages flow, and reads every introspection call.
    std::thread churn([&] {
        while (!stop.load()) {
            auto s = bus.subscribe("t", "churn", [&](const event_message&) { ++churn_calls; });
            (void)bus.health_check();
            (void)bus.event_history(10, "t");
            (void)bus.circuit_breaker_status();
            (void)bus.topics();
            s.unsubscribe();
        }
    });

    std::vector<std::thread> threads;
    for (int p = 0; p < publishers; ++p) {
        threads.emplace_back([&] {
            std::vector<std::future<void>> done;
            for (int i = 0; i < per_publisher; ++i)
                done.push_back(bus.async_publish("t", std::nullopt, "v", asio::use_future));
            for (auto& f : done)
                f.get();
        });
    }
    for (auto& t : threads)
        t.join();
    stop = true;
    churn.join();

    BOOST_TEST(stable_calls.load() == publishers * per_publisher);
    BOOST_TEST(bus.topic_offset("t") == std::uint64_t(publishers * per_publisher));
    BOOST_TEST(bus.event_history(0).size() == 50u);
    BOOST_TEST(bus.subscriber_count("t") == 1u);
    bus.async_close(asio::use_future).get();
    pool.join();
}

BOOST_AUTO_TEST_CASE(async_unsubscribe_from_another_thread_waits_for_running_calls) {
    asio::thread_pool pool(2);
    inmemory_event_bus bus(pool.get_executor());
    bus.async_start(asio::use_future).get();

    std::atomic<int> running{0};
    std::atomic<bool> overlap_after_unsubscribe{false};
    std::atomic<bool> unsubscribed{false};
    auto s = bus.subscribe("t", "g", [&](const event_message&) {
        ++running;
        if (unsubscribed.load())
            overlap_after_unsubscribe = true;
        --running;
    });

    std::thread publisher([&] {
        std::vector<std::future<void>> done;
        for (int i = 0; i < 500; ++i)
            done.push_back(bus.async_publish("t", std::nullopt, "v", asio::use_future));
        for (auto& f : done)
            f.get();
    });
    s.async_unsubscribe(asio::use_future).get();
    unsubscribed = true;
    publisher.join();
    BOOST_TEST(!overlap_after_unsubscribe.load());
    BOOST_TEST(running.load() == 0);
    pool.join();
}

BOOST_AUTO_TEST_SUITE_END()
