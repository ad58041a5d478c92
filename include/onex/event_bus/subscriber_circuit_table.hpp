// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_SUBSCRIBER_CIRCUIT_TABLE_HPP
#define ONEX_EVENT_BUS_SUBSCRIBER_CIRCUIT_TABLE_HPP

#include <boost/json/value_from.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace onex::event_bus {

/// The in-memory bus's per-subscriber circuits (@ref inmemory_event_bus::subscriber_circuits):
/// one entry per (topic, group_id) pair whose handlers failed since their last success, sorted
/// by topic, then group id. A pair at `circuit_breaker_threshold` failures or more is open: its
/// subscriptions are skipped until @ref inmemory_event_bus::reset_subscriber_circuit or a close.
struct subscriber_circuit_table {
    struct entry {
        std::string topic;
        std::string group_id;
        /// Consecutive failures, at least 1.
        std::uint32_t failures = 0;
        /// `failures` reached the threshold.
        bool open = false;

        friend bool operator==(const entry&, const entry&) = default;
    };

    std::vector<entry> entries;

    /// The entry of (topic, group_id), or null when that pair has no failures. Not on a
    /// temporary table, whose entries would be gone by the time the pointer is read.
    const entry* find(std::string_view topic, std::string_view group_id) const& noexcept;
    const entry* find(std::string_view topic, std::string_view group_id) const&& = delete;

    /// How many entries are open.
    std::size_t open_count() const noexcept;

    friend bool operator==(const subscriber_circuit_table&,
                           const subscriber_circuit_table&) = default;
};

/// Boost.JSON, the guide's in-memory `get_circuit_breaker_status()` dictionary:
/// `{"open_circuits": [{"topic", "group_id"}...], "failure_counts": {"topic:group_id": n...}}`.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const subscriber_circuit_table& t);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_SUBSCRIBER_CIRCUIT_TABLE_HPP
