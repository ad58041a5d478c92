// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/consumer_reconcile.hpp"

namespace onex::event_bus::detail {

consumer_changes reconcile_consumers(const wanted_groups& wanted, const held_consumers& held) {
    consumer_changes changes;
    for (const auto& [group, topics] : wanted) {
        const auto it = held.find(group);
        if (it == held.end())
            changes.start.emplace_back(group, topics);
        else if (!it->second.closing && it->second.topics != topics)
            changes.resubscribe.emplace_back(group, topics);
    }
    for (const auto& [group, consumer] : held)
        if (!consumer.closing && !wanted.contains(group))
            changes.close.push_back(group);
    return changes;
}

} // namespace onex::event_bus::detail
