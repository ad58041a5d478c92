// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_CIRCUIT_STATUS_HPP
#define ONEX_EVENT_BUS_CIRCUIT_STATUS_HPP

#include <onex/event_bus/circuit_state.hpp>

#include <boost/json/value_from.hpp>

#include <chrono>
#include <cstdint>
#include <optional>

namespace onex::event_bus {

/// A snapshot of one circuit breaker: what @ref circuit_breaker::status,
/// @ref strand_circuit_breaker::async_status and a bus's `circuit_breaker_status()` report.
struct circuit_status {
    /// The state now. An open circuit whose reset timeout has passed is reported as
    /// `half_open`, although it changes only at its next check.
    circuit_state state = circuit_state::closed;

    /// Consecutive failures counted since the last success, reset or move to half-open.
    std::uint32_t failures = 0;

    /// Consecutive failures that open the circuit.
    std::uint32_t threshold = 0;

    /// How long an open circuit refuses requests.
    std::chrono::steady_clock::duration reset_timeout{};

    /// Successes in half-open state that close the circuit.
    std::uint32_t half_open_successes_required = 1;

    /// While open (and not yet expired): the time left before it becomes half-open.
    std::optional<std::chrono::steady_clock::duration> until_half_open;

    /// In half-open state: the successes counted so far.
    std::optional<std::uint32_t> half_open_success_count;

    /// Set by @ref strand_circuit_breaker only: whether a timer moves an open circuit to
    /// half-open, and whether that timer is running now.
    std::optional<bool> active_recovery_enabled;
    std::optional<bool> active_recovery_running;

    friend bool operator==(const circuit_status&, const circuit_status&) = default;
};

/// Boost.JSON, the guide's `get_circuit_breaker_state()` dictionary: `initialized` (true),
/// `state`, `failures`, `threshold`, `reset_timeout_seconds`, `half_open_successes_required`;
/// `seconds_until_half_open` (rounded to 2 decimals), `half_open_success_count`,
/// `active_recovery_enabled` and `active_recovery_running` when set.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const circuit_status& s);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_CIRCUIT_STATUS_HPP
