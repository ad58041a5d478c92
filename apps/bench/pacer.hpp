// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_PACER_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_PACER_HPP

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace onex::bench {

/// A steady send rate: how many of `total` messages should have been sent by a given time, in
/// 1 ms ticks (bus and baseline use the same ticks, so their bursts match).
class pacer {
public:
    using clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds tick{1};

    pacer(double rate, std::uint64_t total)
        : rate_(rate)
        , total_(total)
        , begin_(clock::now()) {}

    /// 0 rate: everything is due at once.
    std::uint64_t due(clock::time_point now) const {
        if (rate_ <= 0)
            return total_;
        const double seconds = std::chrono::duration<double>(now - begin_).count();
        return std::min(total_, static_cast<std::uint64_t>(seconds * rate_) + 1);
    }

    clock::time_point next_tick(clock::time_point now) const {
        const auto ticks = (now - begin_) / tick + 1;
        return begin_ + ticks * tick;
    }

private:
    double rate_;
    std::uint64_t total_;
    clock::time_point begin_;
};

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_PACER_HPP
