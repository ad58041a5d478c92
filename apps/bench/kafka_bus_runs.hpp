// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_KAFKA_BUS_RUNS_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_KAFKA_BUS_RUNS_HPP

#include "kafka_broker.hpp"
#include "progress.hpp"
#include "run_result.hpp"
#include "settings.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace onex::bench {

/// `--kafka-messages` publishes to `topic` through a bus, `--concurrency` in flight; latency is
/// publish -> acknowledged.
side_result bus_produce(const settings& s, const broker& b, const std::string& topic,
                        progress_bar& progress);

/// Subscriptions to `topics` in a group of their own reading `messages` messages, timed from the
/// first to the last.
side_result bus_consume(const settings& s, const broker& b, const std::vector<std::string>& topics,
                        std::uint64_t messages, progress_bar& progress);

/// Publish -> handler through two buses, each on an io_context of its own thread (as the raw
/// baseline's producer and consumer threads). Then, both still started and idle, measures the
/// subscriber bus's io thread against a 1 ms polling loop into `idle`.
side_result bus_roundtrip(const settings& s, const broker& b, const std::string& topic,
                          progress_bar& progress, idle_result& idle);

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_KAFKA_BUS_RUNS_HPP
