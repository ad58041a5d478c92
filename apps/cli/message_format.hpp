// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_CLI_MESSAGE_FORMAT_HPP
#define ONEX_EVENT_BUS_APPS_CLI_MESSAGE_FORMAT_HPP

#include "options.hpp"

#include <onex/event_bus/event_message.hpp>

#include <string>

namespace onex::cli {

/// One line for `message`, without the newline.
///
/// text: `partition=P offset=O key="K" value="V"` then `name=value` for each header that is set,
/// in the order the bus writes them. Key and value are always JSON strings (a missing key is
/// `key=null`), header values only when they hold a blank, a quote, a backslash or a control
/// character, so that each message stays on one line.
///
/// json: `boost::json::value_from(message)`, compact.
std::string format_message(const event_bus::event_message& message, output_format format);

} // namespace onex::cli

#endif // ONEX_EVENT_BUS_APPS_CLI_MESSAGE_FORMAT_HPP
