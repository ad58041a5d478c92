// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_REPORT_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_REPORT_HPP

#include "run_result.hpp"
#include "settings.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace onex::bench {

/// Everything one run of the bench measured.
struct report {
    std::vector<scenario_result> scenarios;
    std::optional<idle_result> idle;
    std::uint64_t peak_rss_bytes = 0;
};

/// The table: one line per side with throughput, latency quantiles and CPU, the ratio and the
/// target on the bus's line.
void print_table(std::ostream& os, const report& r);

/// `{"settings", "scenarios": [{"name", "bus", "baseline", "ratio", ...}], "idle", ...}`.
boost::json::object to_json(const settings& s, const report& r);

/// The latency distribution (cumulative, log time axis) of bus and baseline per scenario.
std::string to_svg(const report& r);

/// Writes `text` to `path`; throws `std::runtime_error` naming the file when that fails.
void write_file(const std::string& path, const std::string& text);

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_REPORT_HPP
