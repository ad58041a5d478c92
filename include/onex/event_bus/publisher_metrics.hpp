// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_PUBLISHER_METRICS_HPP
#define ONEX_EVENT_BUS_PUBLISHER_METRICS_HPP

#include <onex/event_bus/circuit_state.hpp>

#include <boost/json/value_from.hpp>

#include <cstdint>

namespace onex::event_bus {

/// What an @ref event_publisher counted since it was made or its metrics were reset (the guide's
/// `ModelPublisherMetrics`).
struct publisher_metrics {
    /// Publishes that completed without error.
    std::uint64_t events_published = 0;
    /// Publishes that completed with an error (publishing after close is not counted: it is a
    /// usage error, not a failed publish).
    std::uint64_t events_failed = 0;
    /// Always 0: the publish path has no dead-letter topic.
    std::uint64_t events_sent_to_dlq = 0;
    /// Time from `async_publish` to completion, summed over successful publishes.
    double total_publish_time_ms = 0.0;
    /// `total_publish_time_ms / events_published` (0 before the first).
    double avg_publish_time_ms = 0.0;
    /// The underlying bus's consecutive publish failures, despite the name: the Python services
    /// report that here, and dashboards are built on it. 0 for the in-memory bus, which has no
    /// publish circuit.
    std::uint64_t circuit_breaker_opens = 0;
    /// Always 0: the bus retries internally and does not report its retries per publish.
    std::uint64_t retries_attempted = 0;
    /// The bus's publish circuit; always `closed` for the in-memory bus.
    circuit_state circuit_breaker_status = circuit_state::closed;
    /// Failed publishes since the last success.
    std::uint64_t current_failures = 0;

    friend bool operator==(const publisher_metrics&, const publisher_metrics&) = default;
};

/// Boost.JSON: an object with the field names above as keys, in that order (the circuit state as
/// its name).
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const publisher_metrics& m);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_PUBLISHER_METRICS_HPP
