// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/backoff.hpp"
#include "kafka/dead_letter_policy.hpp"

#include <algorithm>
#include <limits>

namespace onex::event_bus::detail {

std::int64_t allowed_handler_retries(std::int64_t max_retries, std::int64_t retry_count,
                                     std::int64_t cap) noexcept {
    cap = std::max<std::int64_t>(0, cap);
    // Saturating: the headers come from any producer and may hold any 64-bit value.
    using limits = std::numeric_limits<std::int64_t>;
    if (retry_count < 0 && max_retries > limits::max() + retry_count)
        return cap;
    if (retry_count > 0 && max_retries < limits::min() + retry_count)
        return 0;
    return std::clamp<std::int64_t>(max_retries - retry_count, 0, cap);
}

handler_failure_action after_handler_failure(std::int64_t calls, std::int64_t allowed_retries,
                                             bool acknowledged) noexcept {
    if (acknowledged)
        return handler_failure_action::skip_acknowledged;
    if (calls - 1 < allowed_retries)
        return handler_failure_action::retry;
    return handler_failure_action::dead_letter;
}

std::chrono::nanoseconds dead_letter_retry_delay(double backoff_base_seconds,
                                                 std::uint32_t failed_writes,
                                                 double jitter) noexcept {
    constexpr std::uint32_t max_attempt = 10;
    constexpr std::chrono::nanoseconds max_delay = std::chrono::seconds(30);
    const int attempt = static_cast<int>(std::min(failed_writes, max_attempt));
    return std::min(backoff_delay(backoff_base_seconds, attempt, jitter), max_delay);
}

} // namespace onex::event_bus::detail
