// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_COMMON_BACKOFF_HPP
#define ONEX_EVENT_BUS_LIB_COMMON_BACKOFF_HPP

#include <chrono>
#include <cstdint>
#include <random>

namespace onex::event_bus::detail {

/// The longest delay @ref backoff_delay returns.
inline constexpr std::chrono::nanoseconds max_backoff_delay = std::chrono::hours(1);

/// The pause before retrying a publish after failed attempt number `attempt` (counted from 0):
/// `base_seconds * 2^attempt * jitter`, rounded to the nanosecond, where `jitter` is a sample
/// from @ref backoff_jitter. A zero (or negative, or NaN) product means no delay; the result is
/// capped at @ref max_backoff_delay, so a large `attempt` cannot overflow.
std::chrono::nanoseconds backoff_delay(double base_seconds, int attempt, double jitter) noexcept;

/// Uniform samples in [0.5, 1.5) for @ref backoff_delay. Not thread-safe: give each retry
/// loop (or strand) its own instance.
class backoff_jitter {
public:
    /// Seeded from `std::random_device`.
    backoff_jitter();

    /// Seeded with `seed`, for reproducible sequences.
    explicit backoff_jitter(std::uint64_t seed) noexcept;

    /// The next sample, a multiple of 2^-52 in [0.5, 1.5).
    double operator()() noexcept;

private:
    std::mt19937_64 engine_;
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_COMMON_BACKOFF_HPP
