// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// A user of an installed onex_event_bus, built by test/install/run.sh through the CMake package
// and through pkg-config. It exits 0 only when an in-memory publish reached its subscriber and a
// Kafka bus could be configured from YAML and constructed; the Kafka part makes yaml-cpp and
// librdkafka necessary at link time, which is what the packages must get right.

#include <onex/event_bus.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

namespace bus = onex::event_bus;

namespace {

bool in_memory_round_trip() {
    boost::asio::io_context io;
    bus::inmemory_event_bus memory_bus(io);
    std::string received;
    auto sub = memory_bus.subscribe("install.check", "consumer",
                                    [&](const bus::event_message& m) { received = m.value(); });
    boost::system::error_code publish_result = boost::asio::error::would_block;
    memory_bus.async_start([&](boost::system::error_code ec) {
        if (ec) {
            publish_result = ec;
            return;
        }
        memory_bus.async_publish(
            "install.check", std::nullopt, "ping",
            [&](boost::system::error_code published) { publish_result = published; });
    });
    io.run();
    if (publish_result || received != "ping") {
        std::cerr << "in-memory round trip failed: " << publish_result.message() << ", received \""
                  << received << "\"\n";
        return false;
    }
    return true;
}

bool kafka_bus_constructs() {
    const auto no_environment = [](std::string_view) { return std::optional<std::string>(); };
    const auto config = bus::kafka_config::from_yaml_string(
        "bootstrap_servers: broker.invalid:9092\nenvironment: install\n", "main.cpp",
        no_environment);
    boost::asio::io_context io;
    bool ok = false;
    {
        bus::kafka_event_bus kafka_bus(io, config);
        ok = !kafka_bus.is_started() && kafka_bus.environment() == "install" &&
             kafka_bus.config().bootstrap_servers == "broker.invalid:9092";
    }
    io.run();
    if (!ok)
        std::cerr << "kafka_event_bus does not hold the configuration it was given\n";
    return ok;
}

} // namespace

int main() {
    try {
        const bool memory_ok = in_memory_round_trip();
        const bool kafka_ok = kafka_bus_constructs();
        return memory_ok && kafka_ok ? EXIT_SUCCESS : EXIT_FAILURE;
    } catch (const std::exception& e) {
        std::cerr << "unexpected exception: " << e.what() << '\n';
        return EXIT_FAILURE;
    }
}
