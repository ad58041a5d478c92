// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace onex::bench {

// Values below 2^sub_bits have a bucket each; above, a value with e extra bits past sub_bits - 1
// lands in one of `half` buckets of width 2^e.
std::size_t histogram::index_of(std::uint64_t v) noexcept {
    if (v < 2 * half)
        return static_cast<std::size_t>(v);
    const int e = std::bit_width(v) - sub_bits;
    return static_cast<std::size_t>(e) * half + static_cast<std::size_t>(v >> e);
}

std::uint64_t histogram::midpoint_of(std::size_t index) noexcept {
    if (index < 2 * half)
        return index;
    const auto e = static_cast<int>(index / half) - 1;
    const std::uint64_t mantissa = index - static_cast<std::size_t>(e) * half;
    return (mantissa << e) + (std::uint64_t{1} << e) / 2;
}

std::uint64_t histogram::quantile(double q) const noexcept {
    if (total_ == 0)
        return 0;
    const auto rank = static_cast<std::uint64_t>(
        std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(total_)));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < buckets; ++i) {
        seen += counts_[i];
        if (seen >= std::max<std::uint64_t>(rank, 1))
            return std::min(midpoint_of(i), max_);
    }
    return max_;
}

std::vector<std::pair<double, double>> histogram::cumulative() const {
    std::vector<std::pair<double, double>> out;
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < buckets; ++i) {
        if (counts_[i] == 0)
            continue;
        seen += counts_[i];
        out.emplace_back(static_cast<double>(std::min(midpoint_of(i), max_)),
                         static_cast<double>(seen) / static_cast<double>(total_));
    }
    return out;
}

void histogram::merge(const histogram& other) noexcept {
    for (std::size_t i = 0; i < buckets; ++i)
        counts_[i] += other.counts_[i];
    total_ += other.total_;
    max_ = std::max(max_, other.max_);
}

} // namespace onex::bench
