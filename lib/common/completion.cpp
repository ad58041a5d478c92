// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/completion.hpp"

#include <boost/asio/append.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

namespace onex::event_bus::detail {

void deliver(const boost::asio::any_io_executor& ex, completion_handler h,
             boost::system::error_code ec, bool initiating) {
    // Both run `h` on its associated executor, `ex` when it has none.
    if (initiating)
        boost::asio::post(ex, boost::asio::append(std::move(h), ec));
    else
        boost::asio::dispatch(ex, boost::asio::append(std::move(h), ec));
}

} // namespace onex::event_bus::detail
