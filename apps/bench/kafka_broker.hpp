// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_KAFKA_BROKER_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_KAFKA_BROKER_HPP

#include "../common/embedded_cluster.hpp"
#include "raw_kafka.hpp"
#include "settings.hpp"

#include <onex/event_bus/kafka_event_bus.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace onex::bench {

namespace eb = onex::event_bus;

/// Where the Kafka runs go: the embedded mock cluster, or the user's brokers.
struct broker {
    std::unique_ptr<apps::embedded_cluster> embedded;
    eb::kafka_config config;
    std::string run_id;

    std::string topic(const std::string& what) const {
        return "onex.evt.bench." + what + (run_id.empty() ? "" : "-" + run_id) + ".v1";
    }
    properties props(eb::client_kind kind) const { return config.to_librdkafka(kind); }
};

/// Errors only: librdkafka warns about every property meant for the other kind of client.
std::shared_ptr<eb::logger> bench_logger();

/// The header set the bus puts on a message, for the raw producer to send as many bytes (none
/// with `--raw-headers none`).
std::vector<eb::kafka_header> bus_like_headers(const settings& s, const std::string& topic);

/// Runs `body(bus)` on a started bus on `ioc`, then closes it; rethrows what failed.
template <class Body>
void with_bus(boost::asio::io_context& ioc, const broker& b, Body body) {
    eb::kafka_event_bus bus(ioc, b.config, bench_logger());
    std::exception_ptr failure;
    boost::asio::co_spawn(
        ioc,
        [&]() -> boost::asio::awaitable<void> {
            eb::diagnostics diag;
            auto [ec] =
                co_await bus.async_start(diag, boost::asio::as_tuple(boost::asio::use_awaitable));
            if (ec)
                throw std::runtime_error("kafka: cannot start the bus on " +
                                         b.config.bootstrap_servers + ": " + diag.message);
            std::exception_ptr inner;
            try {
                co_await body(bus);
            } catch (...) {
                inner = std::current_exception();
            }
            co_await bus.async_close(boost::asio::as_tuple(boost::asio::use_awaitable));
            if (inner)
                std::rethrow_exception(inner);
        },
        [&](std::exception_ptr e) { failure = e; });
    ioc.run();
    ioc.restart();
    if (failure)
        std::rethrow_exception(failure);
}

/// The broker the Kafka runs use (checked through a bus first when it is the user's), with the
/// topics `names` created (through `broker::topic`).
broker make_broker(const settings& s, const std::vector<std::string>& names);

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_KAFKA_BROKER_HPP
