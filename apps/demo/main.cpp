// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

/** This example publishes three order events on the in-memory bus to two subscriptions — one
 *  plain handler, one coroutine — and prints what each received, then the bus's health. Then it
 *  does the same through the Kafka bus against a librdkafka mock cluster started in this process,
 *  and shows that a started, idle Kafka bus costs its io thread no CPU (no polling loop).
 *  It is the README's first command until the bench app replaces it.
 */

#include "../common/embedded_cluster.hpp"

#include <onex/event_bus.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <ctime>
#include <exception>
#include <iomanip>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <sys/resource.h>

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

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double process_cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    auto seconds = [](const timeval& tv) {
        return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
    };
    return seconds(ru.ru_utime) + seconds(ru.ru_stime);
}

asio::awaitable<void> run_kafka_demo(bus_ns::kafka_event_bus& bus) {
    int delivered = 0;
    asio::steady_timer all_delivered(co_await asio::this_coro::executor,
                                     asio::steady_timer::time_point::max());
    auto audit =
        bus.subscribe("dev.orders.events.v1", "audit-group", [&](const bus_ns::event_message& m) {
            std::cout << "kafka     got partition " << m.partition().value_or(-1) << " offset "
                      << m.offset().value_or("?") << " key " << m.key().value_or("<none>") << ": "
                      << m.value() << "\n";
            if (++delivered == 3)
                all_delivered.cancel();
        });
    co_await bus.async_start(asio::use_awaitable);
    for (const char* id : {"1", "2", "3"}) {
        const std::string value = std::string(R"({"order_id":")") + id + R"("})";
        co_await bus.async_publish("dev.orders.events.v1", std::string("order-") + id, value,
                                   asio::use_awaitable);
    }
    std::cout << "kafka: published 3, acknowledged by the broker\n";
    // The consumer group's first join takes a few seconds on the mock cluster.
    co_await all_delivered.async_wait(asio::as_tuple(asio::use_awaitable));
    std::cout << "kafka: delivered " << delivered << "\n";

    // Idle: nothing to do, so the io thread should sleep in epoll until a timer or an eventfd.
    constexpr double idle_seconds = 2.0;
    const double thread_before = thread_cpu_seconds();
    const double process_before = process_cpu_seconds();
    asio::steady_timer idle(co_await asio::this_coro::executor,
                            std::chrono::milliseconds(static_cast<int>(idle_seconds * 1000)));
    co_await idle.async_wait(asio::use_awaitable);
    const double thread_used = thread_cpu_seconds() - thread_before;
    const double process_used = process_cpu_seconds() - process_before;
    std::cout << std::fixed << std::setprecision(4) << "kafka: idle for " << idle_seconds
              << " s, the io thread used " << thread_used << " s of CPU ("
              << 100.0 * thread_used / idle_seconds << " %); the whole process " << process_used
              << " s (librdkafka's own threads and the mock broker)\n";
    std::cout << "kafka health: " << boost::json::serialize(bus.health_check()) << "\n";
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

        onex::apps::embedded_cluster cluster;
        cluster.create_topic("dev.orders.events.v1", 3);
        bus_ns::kafka_config config =
            onex::apps::embedded_cluster_config(cluster.bootstrap_servers());
        config.environment = "dev";
        bus_ns::kafka_event_bus kafka(
            ioc.get_executor(), config,
            std::make_shared<bus_ns::logger>(bus_ns::logger::to_stderr(bus_ns::log_level::error)));
        ioc.restart();
        asio::co_spawn(ioc, run_kafka_demo(kafka), [&](std::exception_ptr e) { failure = e; });
        ioc.run();
        if (failure)
            std::rethrow_exception(failure);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "onex-demo: " << e.what() << "\n";
        return 1;
    }
}
