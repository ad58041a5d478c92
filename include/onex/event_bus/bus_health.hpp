// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_BUS_HEALTH_HPP
#define ONEX_EVENT_BUS_BUS_HEALTH_HPP

#include <cstddef>
#include <string>

namespace onex::event_bus {

/// What every bus's `health()` reports; @ref kafka_health and @ref inmemory_health add their
/// bus's own figures.
struct bus_health {
    /// The bus is started.
    bool healthy = false;

    /// The bus is started (the guide reports both).
    bool started = false;

    /// The bus's environment name.
    std::string environment;

    /// Subscriptions registered now.
    std::size_t subscriber_count = 0;

    /// Topics with subscriptions (see each bus for which ones count).
    std::size_t topic_count = 0;

    friend bool operator==(const bus_health&, const bus_health&) = default;
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_BUS_HEALTH_HPP
