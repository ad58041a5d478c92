// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_KAFKA_HEALTH_HPP
#define ONEX_EVENT_BUS_KAFKA_HEALTH_HPP

#include <onex/event_bus/bus_health.hpp>
#include <onex/event_bus/circuit_state.hpp>

#include <boost/json/value_from.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace onex::event_bus {

/// What @ref kafka_event_bus::health reports. Counters count since the bus was constructed.
struct kafka_health : bus_health {
    /// `bootstrap_servers`, credentials removed (see @ref kafka_config::sanitized_servers).
    std::string bootstrap_servers;

    /// The publish circuit's state.
    circuit_state publish_circuit = circuit_state::closed;

    /// Kafka consumers running: one per consumer group with subscriptions.
    std::size_t consumer_count = 0;

    /// Publishes and dead-letter writes not yet acknowledged or failed.
    std::size_t publishes_in_flight = 0;

    /// Messages written to the dead-letter topic.
    std::uint64_t dead_lettered = 0;

    /// Dead-letter writes that failed (each is retried; the message stays uncommitted).
    std::uint64_t dead_letter_failures = 0;

    /// (topic, group) circuits open now, whose partitions are paused.
    std::size_t open_subscriber_circuits = 0;

    /// Messages no handler could process and that, without a `dead_letter_topic`, were logged
    /// and committed.
    std::uint64_t unhandled_without_dead_letter_topic = 0;

    /// Offset commits that failed, wholly or for some partitions (each logged at error level):
    /// those offsets stay uncommitted, and their messages come again after a restart.
    std::uint64_t commit_failures = 0;

    friend bool operator==(const kafka_health&, const kafka_health&) = default;
};

/// Boost.JSON: the guide's `health_check()` dictionary, keys `healthy`, `started`,
/// `environment`, `bootstrap_servers`, `circuit_state`, `subscriber_count`, `topic_count`,
/// `consumer_count`, then `publishes_in_flight`, `dead_lettered`, `dead_letter_failures`,
/// `open_subscriber_circuits`, `unhandled_without_dead_letter_topic`, `commit_failures`; counts as
/// signed integers.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const kafka_health& h);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_KAFKA_HEALTH_HPP
