// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_COMMON_COMPLETION_HPP
#define ONEX_EVENT_BUS_LIB_COMMON_COMPLETION_HPP

#include <onex/event_bus/detail/basic_event_bus.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/system/error_code.hpp>

namespace onex::event_bus::detail {

using completion_handler = bus_completion_handler;

/// Sends `ec` to `h` on its associated executor (`ex` when it has none): posted when
/// `initiating`, since a completion must never run inside its initiating function; dispatched
/// otherwise, which saves a trip through the queue when we already run there.
void deliver(const boost::asio::any_io_executor& ex, completion_handler h,
             boost::system::error_code ec, bool initiating);

/// `deliver(ex, h, ec, true)`.
inline void post_completion(const boost::asio::any_io_executor& ex, completion_handler h,
                            boost::system::error_code ec) {
    deliver(ex, std::move(h), ec, true);
}

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_COMMON_COMPLETION_HPP
