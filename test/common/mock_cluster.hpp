// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TEST_COMMON_MOCK_CLUSTER_HPP
#define ONEX_EVENT_BUS_TEST_COMMON_MOCK_CLUSTER_HPP

#include "../../apps/common/embedded_cluster.hpp"

#include <onex/event_bus/kafka_config.hpp>
#include <onex/event_bus/logger.hpp>

#include <boost/asio/io_context.hpp>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace onex::event_bus::test {

/// The apps' embedded cluster (apps/common/embedded_cluster.hpp).
using mock_cluster = onex::apps::embedded_cluster;

/// Settings that make the mock cluster fast to test against: short timeouts and retries, reads
/// from the beginning. The session timeout stays at the brokers' minimum (6 s): librdkafka 2.0.2's
/// mock cluster never answered a JoinGroup with 1.5 s. Its first join takes about 3 s.
inline kafka_config mock_config(const std::string& servers) {
    kafka_config c;
    c.bootstrap_servers = servers;
    c.environment = "test";
    c.timeout_seconds = 5;
    c.max_retry_attempts = 2;
    c.retry_backoff_base = 0.01;
    c.circuit_breaker_threshold = 3;
    c.circuit_breaker_reset_timeout = 0.5;
    c.auto_offset_reset = "earliest";
    c.session_timeout_ms = 6000;
    c.heartbeat_interval_ms = 1000;
    c.max_poll_interval_ms = 10000;
    c.reconnect_backoff_ms = 10;
    c.reconnect_backoff_max_ms = 100;
    c.librdkafka["fetch.wait.max.ms"] = "10";
    c.librdkafka["linger.ms"] = "1";
    c.librdkafka["topic.metadata.refresh.interval.ms"] = "1000";
    if (const char* debug = std::getenv("ONEX_TEST_RDKAFKA_DEBUG"))
        c.librdkafka["debug"] = debug;
    return c;
}

/// Only errors reach stderr: librdkafka's warnings about producer-only properties on consumers
/// (the shared passthrough map) would drown the test log.
/// ONEX_TEST_LOG=debug|info|warning shows more, and ONEX_TEST_RDKAFKA_DEBUG=<contexts> turns on
/// librdkafka's debug output (see mock_config).
inline std::shared_ptr<logger> quiet_logger() {
    const char* level = std::getenv("ONEX_TEST_LOG");
    const std::string l = level ? level : "";
    const auto min = l == "debug"     ? log_level::debug
                     : l == "info"    ? log_level::info
                     : l == "warning" ? log_level::warning
                                      : log_level::error;
    return std::make_shared<logger>(logger::to_stderr(min));
}

/// Runs `ioc` until `done()` holds (checked after every handler), at most `limit`.
inline bool run_until(boost::asio::io_context& ioc, const std::function<bool()>& done,
                      std::chrono::steady_clock::duration limit = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    if (ioc.stopped())
        ioc.restart();
    while (!done()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline)
            return false;
        if (ioc.run_one_for(deadline - now) == 0 && ioc.stopped())
            return done(); // out of work: nothing can change any more
    }
    return true;
}

} // namespace onex::event_bus::test

#endif // ONEX_EVENT_BUS_TEST_COMMON_MOCK_CLUSTER_HPP
