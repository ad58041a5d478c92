// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_CLI_JSON_PRINT_HPP
#define ONEX_EVENT_BUS_APPS_CLI_JSON_PRINT_HPP

#include <boost/json/value.hpp>

#include <string>

namespace onex::cli {

/// `value` as JSON for people: one member or element per line, indented by two spaces, and
/// doubles in their shortest form (`0.1`, `30.0`) rather than Boost.JSON's `1E-1`.
std::string pretty_json(const boost::json::value& value);

} // namespace onex::cli

#endif // ONEX_EVENT_BUS_APPS_CLI_JSON_PRINT_HPP
