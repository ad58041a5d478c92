// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_CONSUMER_RECONCILE_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_CONSUMER_RECONCILE_HPP

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace onex::event_bus::detail {

/// The topics each group's subscriptions name, by group id.
using wanted_groups = std::map<std::string, std::vector<std::string>, std::less<>>;

/// What the bus holds for one group: a consumer subscribed to `topics`, or one leaving its group.
struct held_consumer {
    std::vector<std::string> topics;
    bool closing = false;

    friend bool operator==(const held_consumer&, const held_consumer&) = default;
};

using held_consumers = std::map<std::string, held_consumer, std::less<>>;

/// What brings the consumers in line with the subscriptions.
struct consumer_changes {
    /// Groups without a consumer: create one subscribed to these topics.
    std::vector<std::pair<std::string, std::vector<std::string>>> start;
    /// Running consumers whose topics changed.
    std::vector<std::pair<std::string, std::vector<std::string>>> resubscribe;
    /// Running consumers of groups nobody subscribes to any more.
    std::vector<std::string> close;

    bool empty() const noexcept { return start.empty() && resubscribe.empty() && close.empty(); }
    friend bool operator==(const consumer_changes&, const consumer_changes&) = default;
};

/// The changes from `held` to `wanted`, for a started bus that is not closing.
///
/// A group wanted again while its consumer is leaving gets nothing yet: librdkafka cannot take a
/// closing consumer back, and a second consumer of the group beside it would race its final
/// commit. The bus reconciles again when that consumer has closed, and only then starts the new
/// one, so that every group with a subscription is served once its old consumer is gone.
consumer_changes reconcile_consumers(const wanted_groups& wanted, const held_consumers& held);

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_CONSUMER_RECONCILE_HPP
