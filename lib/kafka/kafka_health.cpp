// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/kafka_health.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>

namespace onex::event_bus {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const kafka_health& h) {
    // Counts go out as signed integers, like every JSON number the guide's dictionaries hold.
    const auto count = [](auto n) { return static_cast<std::int64_t>(n); };
    jv = boost::json::object{
        {"healthy", h.healthy},
        {"started", h.started},
        {"environment", h.environment},
        {"bootstrap_servers", h.bootstrap_servers},
        {"circuit_state", to_string(h.publish_circuit)},
        {"subscriber_count", count(h.subscriber_count)},
        {"topic_count", count(h.topic_count)},
        {"consumer_count", count(h.consumer_count)},
        {"publishes_in_flight", count(h.publishes_in_flight)},
        {"dead_lettered", count(h.dead_lettered)},
        {"dead_letter_failures", count(h.dead_letter_failures)},
        {"open_subscriber_circuits", count(h.open_subscriber_circuits)},
        {"unhandled_without_dead_letter_topic", count(h.unhandled_without_dead_letter_topic)},
        {"commit_failures", count(h.commit_failures)},
    };
}

} // namespace onex::event_bus
