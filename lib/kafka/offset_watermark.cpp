// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/offset_watermark.hpp"

#include <algorithm>

namespace onex::event_bus::detail {

bool offset_watermark::take(std::int64_t offset) {
    if (offset < 0 || (last_taken_ && offset <= *last_taken_))
        return false;
    window_.push_back({offset, false});
    last_taken_ = offset;
    ++unfinished_;
    if (window_.size() == 1)
        watermark_ = offset;
    return true;
}

std::optional<std::int64_t> offset_watermark::finish(std::int64_t offset) {
    // Offsets rise along the window: a binary search finds the message among thousands in flight.
    const auto it = std::lower_bound(window_.begin(), window_.end(), offset,
                                     [](const entry& e, std::int64_t o) { return e.offset < o; });
    if (it == window_.end() || it->offset != offset || it->finished)
        return std::nullopt;
    it->finished = true;
    --unfinished_;
    if (it != window_.begin())
        return std::nullopt;
    while (!window_.empty() && window_.front().finished)
        window_.pop_front();
    watermark_ = window_.empty() ? *last_taken_ + 1 : window_.front().offset;
    return watermark_;
}

void offset_watermark::reset() noexcept {
    window_.clear();
    last_taken_.reset();
    watermark_.reset();
    unfinished_ = 0;
}

} // namespace onex::event_bus::detail
