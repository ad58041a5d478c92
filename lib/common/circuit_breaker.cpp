// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/circuit_breaker.hpp>
#include <onex/event_bus/error.hpp>

#include <array>
#include <charconv>
#include <string>

namespace onex::event_bus {
namespace {

// Python's repr of a float ("30.0", "-0.5"), so that messages read like the Python services'.
std::string python_float(double v) {
    std::array<char, 64> buf{};
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    std::string s(buf.data(), end);
    if (s.find_first_of(".en") == std::string::npos)
        s += ".0";
    return s;
}

double to_seconds(circuit_breaker::duration d) {
    return std::chrono::duration<double>(d).count();
}

[[noreturn]] void reject(const circuit_breaker_options& o, std::string parameter, std::string value,
                         std::string_view rule) {
    diagnostics d;
    d.message = "Circuit breaker " + parameter + " must be " + std::string(rule) + ", got " + value;
    d.operation = "init_circuit_breaker";
    d.target = o.service_name;
    d.parameter = std::move(parameter);
    d.value = std::move(value);
    throw protocol_configuration_error(errc::configuration, std::move(d));
}

void validate(const circuit_breaker_options& o) {
    if (o.threshold < 1)
        reject(o, "threshold", std::to_string(o.threshold), ">= 1");
    if (o.reset_timeout < circuit_breaker::duration::zero())
        reject(o, "reset_timeout", python_float(to_seconds(o.reset_timeout)), ">= 0");
    if (o.half_open_successes < 1)
        reject(o, "half_open_successes", std::to_string(o.half_open_successes), ">= 1");
}

} // namespace

circuit_breaker::circuit_breaker(circuit_breaker_options options, clock_function clock)
    : options_(std::move(options))
    , clock_(clock ? std::move(clock) : clock_function(&clock_type::now)) {
    validate(options_);
}

circuit_check_result circuit_breaker::check() {
    return check(clock_());
}

circuit_check_result circuit_breaker::check(time_point now) {
    if (state_ != circuit_state::open)
        return {};
    if (expired(now)) {
        failures_ = 0;
        half_open_successes_ = 0;
        open_until_.reset();
        move_to(circuit_state::half_open);
        return {};
    }
    return {false, std::chrono::duration_cast<std::chrono::seconds>(*open_until_ - now)};
}

void circuit_breaker::record_failure() {
    record_failure(clock_());
}

void circuit_breaker::record_failure(time_point now) {
    ++failures_;
    if (state_ == circuit_state::half_open ||
        (state_ == circuit_state::closed && failures_ >= options_.threshold))
        open(now);
}

void circuit_breaker::record_success() {
    record_success(clock_());
}

void circuit_breaker::record_success(time_point) {
    if (state_ == circuit_state::half_open && ++half_open_successes_ < options_.half_open_successes)
        return;
    reset();
}

void circuit_breaker::reset() {
    failures_ = 0;
    half_open_successes_ = 0;
    open_until_.reset();
    move_to(circuit_state::closed);
}

circuit_state circuit_breaker::state() const {
    return state(clock_());
}

circuit_state circuit_breaker::state(time_point now) const {
    return expired(now) ? circuit_state::half_open : state_;
}

circuit_status circuit_breaker::status() const {
    return status(clock_());
}

circuit_status circuit_breaker::status(time_point now) const {
    circuit_status s;
    s.state = state(now);
    s.failures = failures_;
    s.threshold = options_.threshold;
    s.reset_timeout = options_.reset_timeout;
    s.half_open_successes_required = options_.half_open_successes;
    if (s.state == circuit_state::open)
        s.until_half_open = *open_until_ - now;
    if (s.state == circuit_state::half_open)
        s.half_open_success_count = half_open_successes_;
    return s;
}

void circuit_breaker::open(time_point now) {
    open_until_ = now + options_.reset_timeout;
    half_open_successes_ = 0;
    move_to(circuit_state::open);
}

void circuit_breaker::move_to(circuit_state to) {
    const circuit_state from = state_;
    state_ = to;
    if (from == to || !on_transition_)
        return;
    // A copy, so that the callback may replace itself.
    const circuit_transition_callback cb = on_transition_;
    try {
        cb({options_.service_name, from, to, failures_, options_.threshold});
    } catch (...) {
        // An observer must not be able to break the breaker: the state is already consistent.
    }
}

} // namespace onex::event_bus
