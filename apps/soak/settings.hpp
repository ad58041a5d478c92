// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_SOAK_SETTINGS_HPP
#define ONEX_EVENT_BUS_APPS_SOAK_SETTINGS_HPP

#include "../common/usage_error.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace onex::soak {

/// What one soak run does. The defaults are the long form (5 minutes, 300 k messages);
/// `--short` is the one-minute form CI runs.
struct settings {
    std::uint64_t messages = 300'000;
    double rate = 1000; // messages per second
    int brokers = 3;
    int partitions = 24; // the mock keeps 5 MiB per partition: room for a consumer's backlog
    int payload_bytes = 64;
    /// Messages whose handler always throws (so they are retried, then dead-lettered), and
    /// messages whose handler throws on the first call only, per thousand.
    int failing_permille = 5;
    int flaky_permille = 20;
    /// Once the last publish completed: how long the consumers may go without accounting for
    /// one more message before what is missing counts as lost.
    double drain_seconds = 60;
    /// A hard bound on the whole run; 0 = 1.25 × publishing time + 3 minutes.
    double max_seconds = 0;
    /// Also fail Produce requests with retriable errors. Off by default: librdkafka 2.0.2's
    /// idempotent producer then acknowledges messages its mock broker never wrote, with or
    /// without the bus (README "Fault soak"); with `idempotence = false` nothing is lost.
    bool produce_errors = false;
    /// The producer's enable.idempotence.
    bool idempotence = true;
    std::string json;
    bool verbose = false;
    bool short_form = false;

    double publish_seconds() const { return static_cast<double>(messages) / rate; }
    double deadline_seconds() const {
        return max_seconds > 0 ? max_seconds : publish_seconds() * 1.25 + 180;
    }
};

/// A bad command line; the message names the option.
using usage_error = apps::usage_error;

/// The settings from the command line, or nothing when only --help was asked for (the usage
/// was printed).
/// \throws usage_error naming the option.
std::optional<settings> parse_settings(int argc, char** argv);

} // namespace onex::soak

#endif // ONEX_EVENT_BUS_APPS_SOAK_SETTINGS_HPP
