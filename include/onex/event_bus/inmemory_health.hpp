// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_INMEMORY_HEALTH_HPP
#define ONEX_EVENT_BUS_INMEMORY_HEALTH_HPP

#include <onex/event_bus/bus_health.hpp>

#include <boost/json/value_from.hpp>

#include <cstddef>
#include <string>

namespace onex::event_bus {

/// What @ref inmemory_event_bus::health reports. `topic_count` counts every topic that had a
/// subscription since the last close, even one whose subscriptions are all gone, as the guide's
/// in-memory bus does.
struct inmemory_health : bus_health {
    /// The bus's group name (@ref inmemory_options::group).
    std::string group;

    /// Messages kept in the event history.
    std::size_t history_size = 0;

    friend bool operator==(const inmemory_health&, const inmemory_health&) = default;
};

/// Boost.JSON: the guide's `health_check()` dictionary, keys `healthy`, `started`,
/// `environment`, `group`, `subscriber_count`, `topic_count`, `history_size`; counts as signed
/// integers.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const inmemory_health& h);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_INMEMORY_HEALTH_HPP
