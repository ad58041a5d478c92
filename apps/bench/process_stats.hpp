// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_PROCESS_STATS_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_PROCESS_STATS_HPP

#include <chrono>
#include <cstdint>

namespace onex::bench {

/// CPU seconds (user + system) of every thread of this process so far: librdkafka's threads and
/// the embedded broker's included, which is why the bench runs bus and baseline against the same
/// broker.
double process_cpu_seconds();

/// CPU seconds of the calling thread so far.
double thread_cpu_seconds();

/// Resident set size now, in bytes.
std::uint64_t current_rss_bytes();

/// The largest resident set size of this process so far, in bytes.
std::uint64_t peak_rss_bytes();

/// Wall and CPU time of one measured run.
class stopwatch {
public:
    stopwatch() noexcept { restart(); }
    void restart() noexcept;
    double seconds() const noexcept;
    double cpu_seconds() const noexcept;

private:
    std::chrono::steady_clock::time_point wall_;
    double cpu_ = 0;
};

/// Nanoseconds on the steady clock, the timestamp the scenarios put in their payloads.
inline std::uint64_t now_ns() noexcept {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                          std::chrono::steady_clock::now().time_since_epoch())
                                          .count());
}

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_PROCESS_STATS_HPP
