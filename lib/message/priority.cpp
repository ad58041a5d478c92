// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/priority.hpp>

#include <array>

namespace onex::event_bus {
namespace {

constexpr std::array all_priorities{priority::low, priority::normal, priority::high,
                                    priority::critical};

} // namespace

std::string_view to_string(priority p) noexcept {
    switch (p) {
    case priority::low:
        return "low";
    case priority::normal:
        return "normal";
    case priority::high:
        return "high";
    case priority::critical:
        return "critical";
    }
    return "normal";
}

std::optional<priority> priority_from_string(std::string_view s) noexcept {
    for (const priority p : all_priorities) {
        if (to_string(p) == s)
            return p;
    }
    return std::nullopt;
}

} // namespace onex::event_bus
