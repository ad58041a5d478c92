// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_SOAK_FORENSICS_HPP
#define ONEX_EVENT_BUS_APPS_SOAK_FORENSICS_HPP

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace onex::soak {

/// Where a message is in the topic's log.
struct log_position {
    std::uint64_t id;
    std::int32_t partition;
    std::int64_t offset;
};

/// What the log holds: `low` > 0 means the broker's retention deleted the messages before it
/// (the mock keeps 5 MiB per partition), so absent ids may be the broker's doing.
struct partition_extent {
    std::int32_t partition;
    std::int64_t low;
    std::int64_t high;
};

struct log_search {
    std::vector<log_position> found;
    std::vector<partition_extent> extents;
};

/// Reads `partitions` partitions of `topic` from their start to their end with a consumer of its
/// own (no group) and returns where the messages keyed by `ids` are. It tells a message the
/// consumers skipped (in the log) from one that was acknowledged but never written (absent).
/// \throws std::runtime_error when the log cannot be read within `timeout`.
log_search find_in_log(const std::string& servers, const std::string& topic, int partitions,
                       const std::vector<std::uint64_t>& ids, std::chrono::milliseconds timeout);

} // namespace onex::soak

#endif // ONEX_EVENT_BUS_APPS_SOAK_FORENSICS_HPP
