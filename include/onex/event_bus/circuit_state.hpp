// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_CIRCUIT_STATE_HPP
#define ONEX_EVENT_BUS_CIRCUIT_STATE_HPP

#include <iosfwd>
#include <string_view>

namespace onex::event_bus {

/// The state of a circuit breaker (@ref circuit_breaker, a bus's publish circuit, a subscriber's
/// circuit).
enum class circuit_state {
    /// Requests pass; failures are counted.
    closed,

    /// Requests are refused until `reset_timeout` has passed.
    open,

    /// Trial requests pass (all of them, without limit); the next failure re-opens the circuit,
    /// `half_open_successes` successes close it.
    half_open,
};

/// `"closed"`, `"open"` or `"half_open"`.
std::string_view to_string(circuit_state s) noexcept;

/// Writes @ref to_string of `s`.
std::ostream& operator<<(std::ostream& os, circuit_state s);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_CIRCUIT_STATE_HPP
