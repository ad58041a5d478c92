// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/event_publisher.hpp>
#include <onex/event_bus/publisher_metrics.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace onex::event_bus {

event_publisher::~event_publisher() = default;

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const publisher_metrics& m) {
    jv = boost::json::object{{"events_published", m.events_published},
                             {"events_failed", m.events_failed},
                             {"events_sent_to_dlq", m.events_sent_to_dlq},
                             {"total_publish_time_ms", m.total_publish_time_ms},
                             {"avg_publish_time_ms", m.avg_publish_time_ms},
                             {"circuit_breaker_opens", m.circuit_breaker_opens},
                             {"retries_attempted", m.retries_attempted},
                             {"circuit_breaker_status", to_string(m.circuit_breaker_status)},
                             {"current_failures", m.current_failures}};
}

} // namespace onex::event_bus
