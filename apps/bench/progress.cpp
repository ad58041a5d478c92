// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "progress.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace onex::bench {

void progress_bar::start(std::string label, std::uint64_t total,
                         const std::atomic<std::uint64_t>& done) {
    if (!enabled_)
        return;
    finish();
    label_ = std::move(label);
    total_ = total;
    done_ = &done;
    stopping_ = false;
    thread_ = std::thread([this] {
        const auto begin = std::chrono::steady_clock::now();
        std::unique_lock lock(mutex_);
        while (!stop_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stopping_; }))
            draw(done_->load(std::memory_order_relaxed),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count());
    });
}

void progress_bar::finish() {
    if (!thread_.joinable())
        return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    stop_.notify_one();
    thread_.join();
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
}

void progress_bar::draw(std::uint64_t done, double seconds) const {
    constexpr int width = 30;
    const double fraction =
        total_ ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total_)) : 0;
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(width - filled), '.');
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    std::fprintf(stderr, "\r\033[K%-28s [%s] %3.0f%%  %llu/%llu  %.0f msg/s", label_.c_str(),
                 bar.c_str(), fraction * 100, static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total_), rate);
    std::fflush(stderr);
}

} // namespace onex::bench
