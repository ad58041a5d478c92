// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TEST_COMMON_TEST_CONFIG_HPP
#define ONEX_EVENT_BUS_TEST_COMMON_TEST_CONFIG_HPP

#include "../../apps/common/embedded_cluster_config.hpp"

#include <onex/event_bus/kafka_config.hpp>
#include <onex/event_bus/logger.hpp>

#include <cstdlib>
#include <memory>
#include <string>

namespace onex::event_bus::test {

/// The embedded cluster's settings (apps/common/embedded_cluster_config.hpp) with the tests' own:
/// short timeouts, few and fast retries, a circuit that opens after 3 failures and half-opens after
/// 0.5 s. ONEX_TEST_RDKAFKA_DEBUG=<contexts> turns on librdkafka's debug output.
inline kafka_config mock_config(const std::string& servers) {
    kafka_config c = onex::apps::embedded_cluster_config(servers);
    c.environment = "test";
    c.timeout_seconds = 5;
    c.max_retry_attempts = 2;
    c.retry_backoff_base = 0.01;
    c.circuit_breaker_threshold = 3;
    c.circuit_breaker_reset_timeout = 0.5;
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

} // namespace onex::event_bus::test

#endif // ONEX_EVENT_BUS_TEST_COMMON_TEST_CONFIG_HPP
