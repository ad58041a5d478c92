// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_SETTINGS_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_SETTINGS_HPP

#include "../common/usage_error.hpp"

#include <onex/event_bus/kafka_config.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onex::bench {

/// What the bench runs, from the command line. Defaults make the whole run take well under a
/// minute on two cores against the embedded broker.
struct settings {
    bool run_memory = true;
    bool run_kafka = true;
    std::string kafka_only; ///< one of kafka-produce, kafka-consume, kafka-roundtrip; empty = all

    std::uint64_t memory_messages = 10'000'000;
    std::uint64_t kafka_messages = 100'000;
    std::uint64_t roundtrip_messages = 20'000;
    double roundtrip_rate = 10'000; ///< messages per second; 0 = as fast as `concurrency` allows
    std::size_t payload_bytes = 100;
    std::size_t keys = 1000; ///< distinct keys cycled through; 0 = no key
    int subscribers = 1;     ///< in-memory subscriptions of the topic
    int partitions = 16;
    std::size_t concurrency = 10'000;    ///< publishes in flight (Kafka)
    std::size_t memory_concurrency = 64; ///< publishes in flight (in-memory)
    std::size_t max_history = 1000;
    int runs = 3; ///< kafka-produce runs per side, alternating; the median is reported

    event_bus::acks_policy acks = event_bus::acks_policy::all;
    int linger_ms = 5;
    int batch_messages = 10'000;
    bool idempotence = true;
    bool raw_headers = true; ///< the raw producer sends a header set as large as the bus's

    std::string bootstrap; ///< empty = the embedded mock cluster
    int timeout_seconds = 10;
    double idle_seconds = 10;

    std::optional<std::string> json_path;
    std::optional<std::string> svg_path;
    bool progress = false;

    /// Everything above, for the JSON report.
    boost::json::object to_json() const;
};

/// How long a consumer may wait for its first message: its group join comes first, and on a
/// loaded machine (the mock cluster's broker threads share the cores) a join can take longer
/// than the `stall` allowed between two messages. The same for the bus and the raw baseline.
inline std::chrono::seconds join_timeout(std::chrono::seconds stall) {
    return 6 * stall;
}

/// Thrown for a bad option or value; the message is one line naming it.
using usage_error = apps::usage_error;

/// Parses the command line (and KAFKA_BOOTSTRAP_SERVERS). Returns std::nullopt after printing the
/// help when asked for it.
std::optional<settings> parse_settings(int argc, char** argv);

/// The usage text.
std::string usage();

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_SETTINGS_HPP
