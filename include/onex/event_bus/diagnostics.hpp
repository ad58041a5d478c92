// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_DIAGNOSTICS_HPP
#define ONEX_EVENT_BUS_DIAGNOSTICS_HPP

#include <onex/event_bus/circuit_state.hpp>

#include <boost/uuid/uuid.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace onex::event_bus {

/// Context of a failure, carried beside an `error_code` (as out-parameter of an async operation)
/// or inside an @ref infra_error, so that callers read fields instead of parsing text.
///
/// Every field is optional; an empty string means "not applicable".
struct diagnostics {
    /// Human-readable description, e.g. "Event bus not started. Call start() first."
    std::string message;

    /// "kafka" or "inmemory".
    std::string transport;

    /// The operation that failed, e.g. "publish", "start", "subscribe", "config".
    std::string operation;

    /// What the operation was aimed at, e.g. "event_bus.local" or "kafka.prod".
    std::string target;

    /// The topic involved, if any.
    std::string topic;

    /// Bootstrap servers, with credentials removed.
    std::string servers;

    /// Number of attempts made before giving up.
    std::optional<std::uint32_t> attempts;

    /// When an open circuit breaker is expected to let requests through again.
    std::optional<std::chrono::seconds> retry_after;

    /// The circuit breaker's state, when one was involved.
    std::optional<event_bus::circuit_state> circuit_state;

    /// The configuration parameter (field, variable or YAML key) that was rejected.
    std::string parameter;

    /// The rejected value, as text.
    std::string value;

    /// The correlation id of the message involved.
    std::optional<boost::uuids::uuid> correlation_id;

    /// Resets every field.
    void clear() { *this = diagnostics{}; }
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_DIAGNOSTICS_HPP
