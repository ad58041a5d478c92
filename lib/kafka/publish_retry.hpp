// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_PUBLISH_RETRY_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_PUBLISH_RETRY_HPP

#include <boost/system/error_code.hpp>

#include <librdkafka/rdkafka.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace onex::event_bus::detail {

/// How one produce attempt ended, as its delivery report (or a produce call refused at once)
/// tells it.
enum class delivery_outcome {
    /// The broker acknowledged the message.
    delivered,
    /// A close purged it before the broker acknowledged it.
    purged,
    /// The topic (or partition) does not exist: a mistake of the caller, not a broker failure.
    unknown_topic,
    /// The message is larger than the producer or the broker accepts.
    too_large,
    /// No acknowledgement within the message timeout.
    timed_out,
    /// Any other error: the broker or the connection failed.
    failed,
};

delivery_outcome classify_delivery(rd_kafka_resp_err_t err) noexcept;

/// What the producer does next with a publish whose attempt ended with an outcome.
struct publish_step {
    enum class action {
        /// Complete the publish with success.
        complete,
        /// Produce it again after the backoff of its failed attempt.
        retry,
        /// Complete it with `error`.
        fail,
    };
    action what = action::complete;
    boost::system::error_code error;
    /// The attempt counts as a failure of the publish circuit (only timeouts and broker failures
    /// do; a delivered attempt counts as a success).
    bool breaker_failure = false;
    /// For a failure caused by the request itself: the part to blame, "topic" or "value".
    std::string_view parameter;
};

/// The publish retry rule. `attempts` counts the attempts made so far (the one that just ended
/// included); `max_attempts` is `max_retry_attempts + 1`. Timeouts and broker failures are
/// retried until `max_attempts`, or until the bus closes, then fail with `errc::timeout` or
/// `errc::connection_failed`; a purge fails with `operation_aborted`; an unknown topic and an
/// oversized message fail at once with `errc::configuration`, without counting against the
/// circuit.
publish_step next_publish_step(delivery_outcome outcome, std::uint32_t attempts,
                               std::uint32_t max_attempts, bool closing) noexcept;

/// The message a publish that fails with `outcome` completes with (never `delivered`):
/// `err` is librdkafka's error, `value_size` the message's size in bytes.
std::string publish_failure_message(delivery_outcome outcome, std::string_view topic,
                                    std::size_t value_size, std::uint32_t attempts,
                                    rd_kafka_resp_err_t err);

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_PUBLISH_RETRY_HPP
