// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_PRIORITY_HPP
#define ONEX_EVENT_BUS_PRIORITY_HPP

#include <optional>
#include <string_view>

namespace onex::event_bus {

/// A message's priority header.
enum class priority { low, normal, high, critical };

/// "low", "normal", "high" or "critical".
std::string_view to_string(priority p) noexcept;

/// Parses the exact lowercase names of @ref to_string; anything else gives `std::nullopt`.
std::optional<priority> priority_from_string(std::string_view s) noexcept;

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_PRIORITY_HPP
