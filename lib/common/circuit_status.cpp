// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/circuit_state.hpp>
#include <onex/event_bus/circuit_status.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <cmath>
#include <ostream>

namespace onex::event_bus {

std::string_view to_string(circuit_state s) noexcept {
    switch (s) {
    case circuit_state::closed:
        return "closed";
    case circuit_state::open:
        return "open";
    case circuit_state::half_open:
        return "half_open";
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& os, circuit_state s) {
    return os << to_string(s);
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const circuit_status& s) {
    using seconds = std::chrono::duration<double>;
    boost::json::object o;
    o["initialized"] = true;
    o["state"] = to_string(s.state);
    o["failures"] = s.failures;
    o["threshold"] = s.threshold;
    o["reset_timeout_seconds"] = seconds(s.reset_timeout).count();
    o["half_open_successes_required"] = s.half_open_successes_required;
    if (s.until_half_open)
        o["seconds_until_half_open"] =
            std::round(seconds(*s.until_half_open).count() * 100.0) / 100.0;
    if (s.half_open_success_count)
        o["half_open_success_count"] = *s.half_open_success_count;
    if (s.active_recovery_enabled)
        o["active_recovery_enabled"] = *s.active_recovery_enabled;
    if (s.active_recovery_running)
        o["active_recovery_running"] = *s.active_recovery_running;
    jv = std::move(o);
}

} // namespace onex::event_bus
