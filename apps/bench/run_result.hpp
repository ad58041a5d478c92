// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_RUN_RESULT_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_RUN_RESULT_HPP

#include "histogram.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace onex::bench {

/// What one side (the bus, or its baseline) of a scenario measured.
struct side_result {
    explicit side_result(std::string l = {})
        : label(std::move(l)) {}

    std::string label; ///< "bus", "librdkafka", "asio::post"
    std::uint64_t messages = 0;
    std::uint64_t bytes = 0; ///< payload bytes
    double seconds = 0;
    double cpu_seconds = 0;
    /// Empty when the scenario measures no latency (a consumer reading a backlog).
    std::shared_ptr<histogram> latency;

    double msgs_per_s() const { return seconds > 0 ? static_cast<double>(messages) / seconds : 0; }
    double mb_per_s() const { return seconds > 0 ? static_cast<double>(bytes) / seconds / 1e6 : 0; }
};

/// One scenario: the bus and its baseline under the same settings, with the target it is held to.
struct scenario_result {
    std::string name;       ///< memory, kafka-produce, kafka-consume, kafka-roundtrip
    std::string latency_of; ///< what the latency spans, e.g. "publish -> handler"
    side_result bus;
    side_result baseline;
    double min_ratio = 0;                ///< target: bus ÷ baseline throughput at least this
    std::optional<double> max_p99_ratio; ///< target: bus p99 ÷ baseline p99 at most this
    boost::json::object extra;           ///< scenario-specific figures (RSS growth, ...)

    double ratio() const {
        const double b = baseline.msgs_per_s();
        return b > 0 ? bus.msgs_per_s() / b : 0;
    }
    std::optional<double> p99_ratio() const {
        if (!bus.latency || !baseline.latency || baseline.latency->quantile(0.99) == 0)
            return std::nullopt;
        return static_cast<double>(bus.latency->quantile(0.99)) /
               static_cast<double>(baseline.latency->quantile(0.99));
    }
    bool meets_targets() const {
        const auto p = p99_ratio();
        return ratio() >= min_ratio && (!max_p99_ratio || (p && *p <= *max_p99_ratio));
    }
};

/// The idle measurement: a started Kafka bus against a 1 ms polling loop, side by side.
struct idle_result {
    double seconds = 0;
    double bus_cpu_percent = 0;       ///< the bus's io thread
    double poll_loop_cpu_percent = 0; ///< a thread calling rd_kafka_poll(rk, 1) in a loop
    double process_cpu_percent = 0;   ///< every thread (librdkafka's, the embedded broker's)
};

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_RUN_RESULT_HPP
