// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_WINDOW_DRIVER_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_WINDOW_DRIVER_HPP

#include <cstddef>
#include <cstdint>
#include <functional>

namespace onex::bench {

/// Keeps `window` operations in flight until `total` were started: `start` begins `window` of
/// them, and each completion calls `next` to begin one more. Operation n is `begin(n)`.
class window_driver {
public:
    window_driver(std::uint64_t total, std::size_t window, std::function<void(std::uint64_t)> begin)
        : total_(total)
        , window_(window)
        , begin_(std::move(begin)) {}

    void start() {
        for (std::size_t i = 0; i < window_; ++i)
            next();
    }

    void next() {
        if (started_ < total_)
            begin_(started_++);
    }

private:
    std::uint64_t total_;
    std::size_t window_;
    std::function<void(std::uint64_t)> begin_;
    std::uint64_t started_ = 0;
};

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_WINDOW_DRIVER_HPP
