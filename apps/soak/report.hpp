// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_SOAK_REPORT_HPP
#define ONEX_EVENT_BUS_APPS_SOAK_REPORT_HPP

#include "settings.hpp"
#include "soak_run.hpp"

#include <boost/json/object.hpp>

#include <ostream>

namespace onex::soak {

/// Whether the run proves what it should: it ran, something was acknowledged, nothing was lost,
/// no always-failing message was accepted by a handler.
bool passed(const soak_result& r);

/// The accounting as a table, with the faults and the circuit transitions.
void print_report(std::ostream& os, const settings& s, const soak_result& r);

/// Top level: `acknowledged`, `failed`, `consumed`, `duplicates`, `dead_lettered`, `lost`,
/// `breaker_transitions`, and the rest of the accounting, the faults and the settings.
boost::json::object to_json(const settings& s, const soak_result& r);

} // namespace onex::soak

#endif // ONEX_EVENT_BUS_APPS_SOAK_REPORT_HPP
