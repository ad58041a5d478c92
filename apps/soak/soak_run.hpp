// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_SOAK_SOAK_RUN_HPP
#define ONEX_EVENT_BUS_APPS_SOAK_SOAK_RUN_HPP

#include "forensics.hpp"
#include "ledger.hpp"
#include "settings.hpp"

#include <string>
#include <vector>

namespace onex::soak {

/// Something that happened during a run, `at` seconds after publishing began.
struct timed_event {
    double at;
    std::string what;
};

struct soak_result {
    totals sums;
    std::vector<timed_event> faults;
    /// The publish circuit's transitions and the subscriber circuits' pauses, as the buses
    /// logged them.
    std::vector<timed_event> breaker_transitions;
    double seconds = 0;
    /// Whether every acknowledged message was accounted for before the drain deadline.
    bool drained = false;
    /// Where the lost messages are in the topic's log (absent ones were never written).
    log_search lost_in_log;
    /// Set when the log could not be searched.
    std::string forensics_error;
    /// Set when the run could not be carried out (the buses did not start, ...).
    std::string error;
};

/// Runs the soak described by `s` on an embedded mock cluster; bounded by
/// `s.deadline_seconds()`.
soak_result run_soak(const settings& s);

} // namespace onex::soak

#endif // ONEX_EVENT_BUS_APPS_SOAK_SOAK_RUN_HPP
