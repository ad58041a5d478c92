// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_SOAK_FAULT_PLAN_HPP
#define ONEX_EVENT_BUS_APPS_SOAK_FAULT_PLAN_HPP

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <functional>
#include <string>
#include <vector>

namespace onex::soak {

/// One scripted fault, `at` seconds after publishing began.
struct fault {
    double at;
    std::string what;
    std::function<void()> apply;
};

/// The length of one cycle of the plan, in seconds.
inline constexpr double fault_cycle_seconds = 40;

/// `cycles` rounds of: added round-trip time on broker 1, injected Fetch (and optionally Produce)
/// errors,
/// broker 2 down for 5 s, `restart_consumer`, and every broker down for 9 s (longer than the
/// bus's 5 s publish timeout, so that publishes fail and the publish circuit opens).
/// What the plan does to whom.
struct fault_plan_options {
    int brokers = 3;
    int cycles = 1;
    /// Fails Produce requests with retriable errors (see `settings::produce_errors`).
    bool produce_errors = false;
};

std::vector<fault> make_fault_plan(rd_kafka_mock_cluster_t* cluster,
                                   const fault_plan_options& options,
                                   std::function<void()> restart_consumer);

} // namespace onex::soak

#endif // ONEX_EVENT_BUS_APPS_SOAK_FAULT_PLAN_HPP
