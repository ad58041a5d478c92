// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_DEAD_LETTER_POLICY_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_DEAD_LETTER_POLICY_HPP

#include <chrono>
#include <cstdint>

namespace onex::event_bus::detail {

/// The calls a consumed message's headers allow a handler after its first one:
/// `max_retries - retry_count` (the producer's budget minus what earlier hops spent), never
/// negative, and never more than `cap` (the consumer's `max_handler_retries`).
std::int64_t allowed_handler_retries(std::int64_t max_retries, std::int64_t retry_count,
                                     std::int64_t cap) noexcept;

/// What the consumer does once a subscription's handler failed on a message.
enum class handler_failure_action {
    /// Call the handler again, after the publish backoff of the failed call.
    retry,
    /// Write the message to the dead-letter topic (or, without one, log and count it); its
    /// offset is stored only once that is done.
    dead_letter,
    /// The handler had acknowledged the message (its offset is stored already): log the failure
    /// and go on with the next subscription, neither retrying nor dead-lettering.
    skip_acknowledged,
};

/// The dead-letter rule for call number `calls` (from 1) of one handler on one message, which
/// failed.
handler_failure_action after_handler_failure(std::int64_t calls, std::int64_t allowed_retries,
                                             bool acknowledged) noexcept;

/// A dead-letter write that failed is retried until it succeeds or the consumer closes (the
/// message is never committed before): after `failed_writes` failures (from 0), it waits the
/// publish backoff of attempt `min(failed_writes, 10)`, at most 30 s, so that a long outage
/// neither hammers the broker nor stretches the waits without bound.
std::chrono::nanoseconds dead_letter_retry_delay(double backoff_base_seconds,
                                                 std::uint32_t failed_writes,
                                                 double jitter) noexcept;

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_DEAD_LETTER_POLICY_HPP
