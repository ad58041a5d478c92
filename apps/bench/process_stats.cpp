// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "process_stats.hpp"

#include <ctime>
#include <fstream>
#include <sys/resource.h>
#include <unistd.h>

namespace onex::bench {
namespace {

double seconds_of(const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

} // namespace

double process_cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return seconds_of(ru.ru_utime) + seconds_of(ru.ru_stime);
}

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::uint64_t current_rss_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size = 0;
    std::uint64_t resident = 0;
    statm >> size >> resident;
    return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

std::uint64_t peak_rss_bytes() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<std::uint64_t>(ru.ru_maxrss) * 1024; // Linux reports KiB
}

void stopwatch::restart() noexcept {
    wall_ = std::chrono::steady_clock::now();
    cpu_ = process_cpu_seconds();
}

double stopwatch::seconds() const noexcept {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count();
}

double stopwatch::cpu_seconds() const noexcept {
    return process_cpu_seconds() - cpu_;
}

} // namespace onex::bench
