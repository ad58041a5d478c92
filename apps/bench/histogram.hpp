// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_HISTOGRAM_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_HISTOGRAM_HPP

#include <array>
#include <cstdint>
#include <vector>

namespace onex::bench {

/// Latencies in nanoseconds, counted in log-linear buckets (64 per power of two, so any value is
/// known within 1.6 %): recording is two shifts and an increment, and the memory is fixed
/// (30 KiB) however many values are recorded.
class histogram {
public:
    void record(std::uint64_t ns) noexcept {
        ++counts_[index_of(ns)];
        ++total_;
        if (ns > max_)
            max_ = ns;
    }

    std::uint64_t count() const noexcept { return total_; }
    std::uint64_t max() const noexcept { return max_; }

    /// The value below which a fraction `q` (0..1) of the recorded values lie (a bucket's
    /// midpoint, capped by the exact maximum); 0 when empty.
    std::uint64_t quantile(double q) const noexcept;

    /// (value, fraction of values ≤ value) at each non-empty bucket, for plotting.
    std::vector<std::pair<double, double>> cumulative() const;

    void merge(const histogram& other) noexcept;

private:
    static constexpr int sub_bits = 7;
    static constexpr std::uint64_t half = std::uint64_t{1} << (sub_bits - 1);
    static constexpr std::size_t buckets = (64 - sub_bits + 2) * half;

    static std::size_t index_of(std::uint64_t v) noexcept;
    static std::uint64_t midpoint_of(std::size_t index) noexcept;

    std::array<std::uint64_t, buckets> counts_{};
    std::uint64_t total_ = 0;
    std::uint64_t max_ = 0;
};

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_HISTOGRAM_HPP
