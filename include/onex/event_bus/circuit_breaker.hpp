// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_CIRCUIT_BREAKER_HPP
#define ONEX_EVENT_BUS_CIRCUIT_BREAKER_HPP

#include <onex/event_bus/circuit_state.hpp>
#include <onex/event_bus/circuit_status.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace onex::event_bus {

/// Settings of a @ref circuit_breaker, checked by its constructor.
struct circuit_breaker_options {
    /// Consecutive failures that open the circuit. Must be at least 1.
    std::uint32_t threshold = 5;

    /// How long an open circuit refuses requests before it lets trial requests through.
    /// Must not be negative; zero means an open circuit becomes half-open at the next check.
    std::chrono::steady_clock::duration reset_timeout = std::chrono::seconds(30);

    /// Successes in half-open state that close the circuit. Must be at least 1.
    std::uint32_t half_open_successes = 1;

    /// Names the protected service in transitions and errors, e.g. `"kafka.dev"`.
    std::string service_name = "unknown";
};

/// A state change of a @ref circuit_breaker, as given to its transition callback.
struct circuit_transition {
    /// The breaker's `service_name`; valid only during the callback.
    std::string_view service_name;

    circuit_state from;
    circuit_state to;

    /// The failure count after the change.
    std::uint32_t failures;

    std::uint32_t threshold;
};

/// Called on every state change of a breaker.
using circuit_transition_callback = std::function<void(const circuit_transition&)>;

/// The answer of @ref circuit_breaker::check.
struct circuit_check_result {
    /// Whether the request may proceed.
    bool allowed = true;

    /// When refused: the time left before the circuit becomes half-open, truncated to whole
    /// seconds (so 29 right after opening with a 30 s timeout, and 0 in its last second).
    std::optional<std::chrono::seconds> retry_after;
};

/// The ONEX services' circuit breaker as a sans-I/O state machine: it does no I/O, starts no
/// timer and takes no lock; time is read from an injectable clock, or passed explicitly to each
/// operation.
///
/// Rules:
/// - Failures are consecutive: any success in closed state clears them. At `threshold` failures
///   the circuit opens until `now + reset_timeout`.
/// - Failures while open are counted but neither extend the deadline nor change anything else.
/// - An open circuit whose deadline has passed becomes half-open at the next @ref check, which
///   clears the failure count; @ref state and @ref status already report it as half-open.
/// - In half-open state every request passes; one failure re-opens the circuit at once with a
///   new deadline, and `half_open_successes` successes close it.
///
/// The transition callback runs synchronously inside the operation that changed the state,
/// after the change; an exception it throws is swallowed.
///
/// \par Thread safety
/// Distinct objects: safe. \n
/// Shared objects: unsafe. Share one through @ref strand_circuit_breaker.
class circuit_breaker {
public:
    using clock_type = std::chrono::steady_clock;
    using time_point = clock_type::time_point;
    using duration = clock_type::duration;

    /// Returns the current time; tests pass a fake one.
    using clock_function = std::function<time_point()>;

    /// A closed breaker with `options`, reading time from `clock` (`steady_clock::now` when
    /// empty) in the overloads that take no time.
    /// \throws protocol_configuration_error naming `threshold`, `reset_timeout` or
    /// `half_open_successes` when it is out of range.
    explicit circuit_breaker(circuit_breaker_options options = {}, clock_function clock = {});

    /// Whether a request may proceed now; moves an expired open circuit to half-open.
    circuit_check_result check();
    circuit_check_result check(time_point now);

    /// Counts a failed request; may open the circuit.
    void record_failure();
    void record_failure(time_point now);

    /// Counts a successful request: closes the circuit (at once, or after `half_open_successes`
    /// successes in half-open state) and clears the failure count.
    void record_success();
    void record_success(time_point now);

    /// Back to closed, with no failures.
    void reset();

    /// The state at `now`: an open circuit whose deadline has passed reports `half_open`,
    /// though it only changes at the next @ref check.
    circuit_state state() const;
    circuit_state state(time_point now) const;

    /// Failures counted since the last success, reset or move to half-open.
    std::uint32_t failures() const noexcept { return failures_; }

    std::uint32_t threshold() const noexcept { return options_.threshold; }

    /// Successes counted in the current half-open state (0 in the other states).
    std::uint32_t half_open_success_count() const noexcept { return half_open_successes_; }

    const circuit_breaker_options& options() const noexcept { return options_; }

    /// While open: when the circuit may become half-open. Empty in the other states.
    std::optional<time_point> open_until() const noexcept { return open_until_; }

    /// A snapshot: state, counts and options, the time left while open, the successes counted
    /// while half-open (its JSON form is the guide's `get_circuit_breaker_state()`).
    circuit_status status() const;
    circuit_status status(time_point now) const;

    /// Replaces the transition callback; an empty one removes it.
    void set_transition_callback(circuit_transition_callback cb) { on_transition_ = std::move(cb); }

private:
    void open(time_point now);
    void move_to(circuit_state to);
    bool expired(time_point now) const { return open_until_ && now >= *open_until_; }

    circuit_breaker_options options_;
    clock_function clock_;
    circuit_transition_callback on_transition_;
    circuit_state state_ = circuit_state::closed;
    std::uint32_t failures_ = 0;
    std::uint32_t half_open_successes_ = 0;
    std::optional<time_point> open_until_;
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_CIRCUIT_BREAKER_HPP
