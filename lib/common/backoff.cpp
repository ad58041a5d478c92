// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/backoff.hpp"

#include <cmath>

namespace onex::event_bus::detail {
namespace {

std::uint64_t random_seed() {
    std::random_device device;
    const std::uint64_t high = device();
    return (high << 32) ^ device();
}

} // namespace

std::chrono::nanoseconds backoff_delay(double base_seconds, int attempt, double jitter) noexcept {
    using seconds = std::chrono::duration<double>;
    // ldexp saturates to infinity instead of overflowing, and the comparisons below are written
    // so that NaN (e.g. 0 * infinity) falls on the "no delay" side.
    const double delay = base_seconds * std::ldexp(1.0, attempt) * jitter;
    if (!(delay > 0.0))
        return std::chrono::nanoseconds::zero();
    if (!(delay < seconds(max_backoff_delay).count()))
        return max_backoff_delay;
    return std::chrono::nanoseconds(std::llround(delay * 1e9));
}

backoff_jitter::backoff_jitter()
    : backoff_jitter(random_seed()) {}

backoff_jitter::backoff_jitter(std::uint64_t seed) noexcept
    : engine_(seed) {}

double backoff_jitter::operator()() noexcept {
    // 52 random bits make 0.5 + u exact, so the result can never round up to 1.5 (which
    // std::uniform_real_distribution allows) and is the same on every standard library.
    const double u = std::ldexp(static_cast<double>(engine_() >> 12), -52);
    return 0.5 + u;
}

} // namespace onex::event_bus::detail
