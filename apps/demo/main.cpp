// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

/** This example publishes three order events on the in-memory bus to two subscriptions — one
 *  plain handler, one coroutine — and prints what each received, then the bus's health.
 *  It is the README's first command until the bench app replaces it.
 */

#include <onex/event_bus.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <exception>
#include <iostream>
#include <string>

namespace asio = boost::asio;
namespace bus_ns = onex::event_bus;

namespace {

struct order_created {
    std::string order_id;
    double amount;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const order_created& o) {
    jv = {{"order_id", o.order_id}, {"amount", o.amount}};
}

asio::awaitable<void> run_demo(bus_ns::inmemory_event_bus& bus) {
    int delivered = 0;

    // A plain handler: called once per message, on the io_context's thread.
    auto email =
        bus.subscribe("dev.orders.events.v1", "email-group", [&](const bus_ns::event_message& m) {
            ++delivered;
            std::cout << "email     got offset " << m.offset().value_or("?") << " key "
                      << m.key().value_or("<none>") << ": " << m.value() << "\n";
        });

    // A coroutine handler: the publish waits for it to finish.
    auto analytics = bus.subscribe("dev.orders.events.v1", "analytics-group",
                                   [&](const bus_ns::event_message& m) -> asio::awaitable<void> {
                                       ++delivered;
                                       std::cout << "analytics got " << m.headers().event_type
                                                 << " from " << m.headers().source
                                                 << " (correlation " << m.headers().correlation_id
                                                 << ")\n";
                                       co_return;
                                   });

    co_await bus.async_start(asio::use_awaitable);

    co_await bus.async_publish("dev.orders.events.v1", "order-1",
                               R"({"order_id":"1","status":"created"})", asio::use_awaitable);
    // A named envelope: g++ 12 mis-destroys aggregate temporaries inside co_await expressions.
    const order_created order{"2", 99.99};
    co_await bus.async_publish_envelope(order, "dev.orders.events.v1", asio::use_awaitable);
    bus_ns::event_headers headers;
    headers.source = "order-service";
    headers.event_type = "order.cancelled";
    headers.priority = bus_ns::priority::high;
    co_await bus.async_publish("dev.orders.events.v1", "order-1",
                               R"({"order_id":"1","status":"cancelled"})", headers,
                               asio::use_awaitable);

    std::cout << "published " << bus.topic_offset("dev.orders.events.v1") << ", delivered "
              << delivered << "\n";
    std::cout << "health: " << boost::json::serialize(bus.health_check()) << "\n";
    co_await bus.async_close(asio::use_awaitable);
}

} // namespace

int main() {
    try {
        asio::io_context ioc;
        bus_ns::inmemory_options options;
        options.environment = "dev";
        options.group = "demo";
        bus_ns::inmemory_event_bus bus(ioc.get_executor(), options);

        std::exception_ptr failure;
        asio::co_spawn(ioc, run_demo(bus), [&](std::exception_ptr e) { failure = e; });
        ioc.run();
        if (failure)
            std::rethrow_exception(failure);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "onex-demo: " << e.what() << "\n";
        return 1;
    }
}
