// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_COMMON_UTF8_HPP
#define ONEX_EVENT_BUS_LIB_COMMON_UTF8_HPP

#include <string>
#include <string_view>

namespace onex::event_bus::detail {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF),
// i.e. when Python's `bytes.decode("utf-8")` would succeed.
bool is_valid_utf8(std::string_view s) noexcept;

// `s` with every ill-formed sequence replaced by U+FFFD, exactly as Python's
// `bytes.decode("utf-8", errors="replace")`: one U+FFFD per maximal subpart (the longest prefix
// of a well-formed sequence), and one per byte that cannot start any sequence.
std::string utf8_decode_replace(std::string_view s);

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_COMMON_UTF8_HPP
