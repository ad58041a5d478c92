// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/inmemory_health.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>

namespace onex::event_bus {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const inmemory_health& h) {
    // Counts go out as signed integers, like every JSON number the guide's dictionaries hold.
    const auto count = [](auto n) { return static_cast<std::int64_t>(n); };
    jv = boost::json::object{
        {"healthy", h.healthy},
        {"started", h.started},
        {"environment", h.environment},
        {"group", h.group},
        {"subscriber_count", count(h.subscriber_count)},
        {"topic_count", count(h.topic_count)},
        {"history_size", count(h.history_size)},
    };
}

} // namespace onex::event_bus
