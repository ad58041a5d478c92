// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_SCENARIOS_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_SCENARIOS_HPP

#include "progress.hpp"
#include "run_result.hpp"
#include "settings.hpp"

#include <vector>

namespace onex::bench {

/// Publish → handler through `inmemory_event_bus`, against a bare `asio::post` + invoke per
/// delivery on the same kind of `io_context`.
scenario_result run_memory(const settings& s, progress_bar& progress);

/// Produce, consume and publish → handler through `kafka_event_bus`, each against raw librdkafka
/// at its best on the same broker; then the idle cost of a started bus against a 1 ms polling
/// loop. Throws `std::runtime_error` naming what failed (a broker that cannot be reached fails
/// within `timeout_seconds` with the bus's error).
std::vector<scenario_result> run_kafka(const settings& s, progress_bar& progress,
                                       idle_result& idle);

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_SCENARIOS_HPP
