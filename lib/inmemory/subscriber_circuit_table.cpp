// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/subscriber_circuit_table.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstdint>

namespace onex::event_bus {

const subscriber_circuit_table::entry*
subscriber_circuit_table::find(std::string_view topic, std::string_view group_id) const& noexcept {
    const auto it = std::find_if(entries.begin(), entries.end(), [&](const entry& e) {
        return e.topic == topic && e.group_id == group_id;
    });
    return it == entries.end() ? nullptr : &*it;
}

std::size_t subscriber_circuit_table::open_count() const noexcept {
    return static_cast<std::size_t>(
        std::count_if(entries.begin(), entries.end(), [](const entry& e) { return e.open; }));
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const subscriber_circuit_table& t) {
    boost::json::array open;
    boost::json::object counts;
    for (const auto& e : t.entries) {
        counts[e.topic + ":" + e.group_id] = static_cast<std::int64_t>(e.failures);
        if (e.open)
            open.push_back(boost::json::object{{"topic", e.topic}, {"group_id", e.group_id}});
    }
    jv = boost::json::object{{"open_circuits", std::move(open)},
                             {"failure_counts", std::move(counts)}};
}

} // namespace onex::event_bus
