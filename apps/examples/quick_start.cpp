// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The README's first two programs: a publish and a subscriber on the in-memory bus, then a
// Kafka service (`--kafka-mock`: against a mock cluster started in this process) that charges one
// order and stops.

#include "example_bus.hpp"

#include <functional>
#include <iostream>
#include <string_view>

//[quick_start
#include <onex/event_bus.hpp>

#include <boost/asio.hpp>
#include <boost/uuid/uuid_io.hpp> // prints a uuid

#include <iostream>

namespace asio = boost::asio;
using namespace onex::event_bus;

asio::awaitable<void> demo(inmemory_event_bus& bus) {
    auto sub = bus.subscribe("orders.events", "order-processor", [](const event_message& m) {
        // runs on the bus's executor; throwing counts as a failure of this subscriber
        std::cout << m.topic() << " " << m.value() << " " << m.headers().correlation_id << "\n";
    });
    co_await bus.async_start(asio::use_awaitable);
    co_await bus.async_publish("orders.events", "order-123", R"({"status":"created"})",
                               asio::use_awaitable);
    co_await bus.async_close(asio::use_awaitable);
}

int run_inmemory() {
    asio::io_context ioc;
    inmemory_event_bus bus(ioc.get_executor()); // environment "local", group "default"
    asio::co_spawn(ioc, demo(bus), asio::detached);
    ioc.run();
    return 0;
}
//]

namespace {

// The demo's stand-in for real work; it stops the service after the first order.
std::function<void()> stop_service;
int charged = 0;

asio::awaitable<void> charge(std::string_view order) {
    std::cout << "charged " << order << "\n";
    ++charged;
    stop_service();
    co_return;
}

} // namespace

//[kafka_serve
asio::awaitable<void> serve(kafka_event_bus& bus) {
    // The Kafka consumer group id is exactly "billing"; subscribe works before and after start.
    auto sub = bus.subscribe("onex.evt.orders.created.v1", "billing",
                             [](const event_message& m) -> asio::awaitable<void> {
                                 co_await charge(m.value()); // throwing = failure: retried, then
                                                             // dead-lettered
                             });
    co_await bus.async_start(asio::use_awaitable); // bounded by timeout_seconds
    co_await bus.async_publish("onex.evt.orders.created.v1", "order-1", R"({"total":5})",
                               asio::use_awaitable);         // completes on the broker's ack
    co_await bus.async_start_consuming(asio::use_awaitable); // until async_close
}
//]

int run_kafka() {
    onex::apps::embedded_cluster cluster; // declared first: it must outlive the bus
    cluster.create_topic("onex.evt.orders.created.v1");
    asio::io_context ioc;
    kafka_event_bus bus(ioc, onex::examples::mock_cluster_config(cluster.bootstrap_servers()),
                        std::make_shared<logger>(logger::to_stderr(log_level::error)));
    stop_service = [&bus] { bus.async_close(asio::detached); };
    bool served = false;
    asio::co_spawn(ioc, serve(bus), [&](const std::exception_ptr& e) { served = !e; });
    ioc.run();
    return served && charged == 1 ? 0 : 1;
}

int main(int argc, char** argv) {
    if (argc > 1 && std::string_view(argv[1]) == "--kafka-mock")
        return run_kafka();
    return run_inmemory();
}
