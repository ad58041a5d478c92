// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_INMEMORY_OPTIONS_HPP
#define ONEX_EVENT_BUS_INMEMORY_OPTIONS_HPP

#include <onex/event_bus/logger.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace onex::event_bus {

/// Settings of an @ref inmemory_event_bus, with the guide's defaults.
struct inmemory_options {
    /// Environment name; default headers carry `source = "{environment}.{group}"`.
    std::string environment = "local";

    /// Group name of this bus (not a subscription's group id).
    std::string group = "default";

    /// How many published messages @ref inmemory_event_bus::event_history keeps; 0 keeps none.
    std::size_t max_history = 1000;

    /// Consecutive failures after which a (topic, group_id) subscriber is skipped until
    /// `reset_subscriber_circuit` or `close`. Must be at least 1.
    std::int64_t circuit_breaker_threshold = 5;

    /// Where this bus logs; when empty, the global logger (see @ref set_global_logger).
    std::optional<event_bus::logger> log;
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_INMEMORY_OPTIONS_HPP
