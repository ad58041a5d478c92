// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TEST_COMMON_RUN_UNTIL_HPP
#define ONEX_EVENT_BUS_TEST_COMMON_RUN_UNTIL_HPP

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>

namespace onex::event_bus::test {

/// Runs `ioc` until `done()` holds (checked after every handler), at most `limit`.
inline bool run_until(boost::asio::io_context& ioc, const std::function<bool()>& done,
                      std::chrono::steady_clock::duration limit = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    if (ioc.stopped())
        ioc.restart();
    while (!done()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline)
            return false;
        if (ioc.run_one_for(deadline - now) == 0 && ioc.stopped())
            return done(); // out of work: nothing can change any more
    }
    return true;
}

} // namespace onex::event_bus::test

#endif // ONEX_EVENT_BUS_TEST_COMMON_RUN_UNTIL_HPP
