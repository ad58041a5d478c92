// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_COMMON_TIMESTAMP_TEXT_HPP
#define ONEX_EVENT_BUS_LIB_COMMON_TIMESTAMP_TEXT_HPP

#include <array>
#include <chrono>
#include <string_view>

namespace onex::event_bus::detail {

using timestamp_text = std::array<char, 40>;

// format_timestamp without an allocation: the text lives in `out`.
std::string_view format_timestamp_to(std::chrono::system_clock::time_point tp, timestamp_text& out);

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_COMMON_TIMESTAMP_TEXT_HPP
