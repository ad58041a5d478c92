// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

/** A long-running consumer written as a C++20 coroutine, with graceful shutdown.
 *
 *  It handles `orders.events` with a coroutine handler until SIGINT or SIGTERM, then closes the
 *  bus: the message in hand is finished (and on Kafka its offset committed) before the program
 *  exits, printing how many messages it handled. This is the guide's "Blocking Consumer Loop"
 *  (`start_consuming()` plus signal handlers calling `shutdown()`), in Asio.
 *
 *    onex-example-coroutine_consumer [--kafka-mock]            consume until a signal
 *    onex-example-coroutine_consumer --demo 10 [--kafka-mock]  publish 10 orders, and send
 *                                                              itself SIGTERM after the 10th
 */

#include "example_bus.hpp"

#include <onex/event_bus.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/program_options.hpp>

#include <csignal>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

namespace asio = boost::asio;
namespace eb = onex::event_bus;
using asio::use_awaitable;
using namespace asio::experimental::awaitable_operators;

namespace {

constexpr std::string_view orders_topic = "orders.events";
constexpr std::string_view consumer_group = "order-consumer";

struct consumer_state {
    int received = 0;
    int handled = 0;
    int stop_after = 0; // --demo: raise SIGTERM on receiving this many messages; 0: never
};

//[coroutine_consumer_handler
// A coroutine handler: the bus counts the message handled when the coroutine finishes (and tries
// again, or dead-letters it on Kafka, when it throws), so it may await anything meanwhile. It
// takes the message by value: copies are cheap, and a coroutine must not keep references.
asio::awaitable<void> handle_order(eb::event_message m, consumer_state& state) {
    if (++state.received == state.stop_after)
        std::raise(SIGTERM); // --demo: as `kill -TERM <pid>` would, while this message is in hand
    // Stands for the handler's own asynchronous work: a database write, an HTTP call.
    co_await asio::post(co_await asio::this_coro::executor, use_awaitable);
    ++state.handled;
    std::cout << "handled " << m.key().value_or("-") << " (offset " << m.offset().value_or("?")
              << "): " << m.value() << std::endl;
}
//]

// --demo: the orders to consume, published by the same program.
template <class Bus>
asio::awaitable<void> publish_orders(Bus& bus, int count) {
    for (int i = 1; i <= count; ++i) {
        const std::string key = "order-" + std::to_string(i);
        const std::string value =
            R"({"order_id":")" + std::to_string(i) + R"(","status":"created"})";
        co_await bus.async_publish(orders_topic, key, value, use_awaitable);
    }
}

template <class Bus>
asio::awaitable<int> consume(Bus& bus, consumer_state& state) {
    auto ex = co_await asio::this_coro::executor;

    //[coroutine_consumer_subscribe
    // Created before anything is published: until a signal_set holds SIGTERM, it kills the process.
    asio::signal_set signals(ex, SIGINT, SIGTERM);
    auto orders = bus.subscribe(orders_topic, consumer_group, [&state](const eb::event_message& m) {
        return handle_order(m, state);
    });
    co_await bus.async_start(use_awaitable);
    //]
    if (state.stop_after > 0)
        asio::co_spawn(ex, publish_orders(bus, state.stop_after), [](std::exception_ptr e) {
            if (e)
                std::rethrow_exception(e); // a failed publish ends the program, out of ioc.run()
        });

    //[coroutine_consumer_shutdown
    // Consume until a signal arrives; whichever completes first cancels the other.
    auto first =
        co_await (bus.async_start_consuming(use_awaitable) || signals.async_wait(use_awaitable));
    if (first.index() == 1)
        std::cout << "signal " << std::get<1>(first) << ": closing the bus" << std::endl;
    // No new message is delivered after this. On Kafka, it also waits for the message in hand,
    // commits the handled messages' offsets and leaves the group: a restart resumes right after.
    co_await bus.async_close(use_awaitable);
    // The in-memory bus's close does not wait for a handler still running; this does, on both.
    co_await orders.async_unsubscribe(use_awaitable);
    //]
    std::cout << "handled " << state.handled << " messages" << std::endl;
    co_return state.stop_after == 0 || state.handled == state.stop_after ? 0 : 1;
}

struct settings {
    int demo = 0;
    bool kafka_mock = false;
};

// Parses the command line; std::nullopt after --help.
std::optional<settings> parse(int argc, char* argv[]) {
    namespace po = boost::program_options;
    settings s;
    po::options_description options("onex-example-coroutine_consumer options");
    options.add_options()("help", "this text")(
        "demo", po::value(&s.demo), "publish N orders, then SIGTERM itself after handling them")(
        "kafka-mock", po::bool_switch(&s.kafka_mock),
        "use a Kafka bus on an embedded mock cluster");
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << options;
        return std::nullopt;
    }
    return s;
}

} // namespace

int main(int argc, char* argv[]) {
    try {
        const auto s = parse(argc, argv);
        if (!s)
            return 0;
        asio::io_context ioc;
        const std::initializer_list<std::string_view> topics{orders_topic};
        return onex::examples::with_example_bus(ioc, s->kafka_mock, topics, [&](auto& bus) {
            consumer_state state{.stop_after = s->demo};
            int status = 1;
            asio::co_spawn(ioc, consume(bus, state), [&](std::exception_ptr e, int result) {
                if (e)
                    std::rethrow_exception(e);
                status = result;
            });
            ioc.run();
            return status;
        });
    } catch (const std::exception& e) {
        std::cerr << "onex-example-coroutine_consumer: " << e.what() << "\n";
        return 1;
    }
}
