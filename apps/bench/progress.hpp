// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_PROGRESS_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_PROGRESS_HPP

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace onex::bench {

/// A live progress line on stderr, redrawn ten times a second by a thread of its own, so that the
/// measured loops only store a counter. Disabled (no thread at all) when stderr is not a terminal.
class progress_bar {
public:
    explicit progress_bar(bool enabled)
        : enabled_(enabled) {}
    ~progress_bar() { finish(); }
    progress_bar(const progress_bar&) = delete;
    progress_bar& operator=(const progress_bar&) = delete;

    /// Shows `label` and done/total until @ref finish; `done` is written by the measured loop.
    void start(std::string label, std::uint64_t total, const std::atomic<std::uint64_t>& done);

    /// Clears the line.
    void finish();

private:
    void draw(std::uint64_t done, double seconds) const;

    bool enabled_;
    std::string label_;
    std::uint64_t total_ = 0;
    const std::atomic<std::uint64_t>* done_ = nullptr;
    std::mutex mutex_;
    std::condition_variable stop_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_PROGRESS_HPP
