// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_COMMON_UUID_TEXT_HPP
#define ONEX_EVENT_BUS_LIB_COMMON_UUID_TEXT_HPP

#include <boost/uuid/uuid.hpp>

#include <optional>
#include <string_view>

namespace onex::event_bus::detail {

// Parses a UUID as Python's `uuid.UUID(text)` does: "urn:" and "uuid:" are removed, braces are
// stripped from both ends, hyphens are removed anywhere, and exactly 32 hex digits (either case)
// must remain. Python's int() extras ("0x", '+', '_', blanks inside those 32 characters) are not
// accepted. Never throws.
std::optional<boost::uuids::uuid> parse_uuid(std::string_view text);

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_COMMON_UUID_TEXT_HPP
