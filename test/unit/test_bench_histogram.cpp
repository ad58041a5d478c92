// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The bench app's latency histogram: its figures are only as good as these properties.

#include "../../apps/bench/histogram.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using onex::bench::histogram;

BOOST_AUTO_TEST_SUITE(test_bench_histogram)

BOOST_AUTO_TEST_CASE(an_empty_histogram_reports_zero) {
    histogram h;
    BOOST_TEST(h.count() == 0u);
    BOOST_TEST(h.quantile(0.5) == 0u);
    BOOST_TEST(h.max() == 0u);
    BOOST_TEST(h.cumulative().empty());
}

BOOST_AUTO_TEST_CASE(small_values_are_exact) {
    histogram h;
    for (std::uint64_t v = 0; v < 128; ++v)
        h.record(v);
    BOOST_TEST(h.quantile(0.0) == 0u);
    BOOST_TEST(h.quantile(0.5) == 63u); // the 64th of 128 values
    BOOST_TEST(h.quantile(1.0) == 127u);
}

// Against the exact quantiles of a sorted copy, over seven decades of spread.
BOOST_DATA_TEST_CASE(quantiles_are_within_two_percent,
                     boost::unit_test::data::make({0.5, 0.9, 0.99, 0.999, 1.0}), q) {
    std::mt19937_64 random(42);
    std::lognormal_distribution<double> latency(10.0, 2.0); // ~22 us median, long tail
    histogram h;
    std::vector<std::uint64_t> all;
    for (int i = 0; i < 200'000; ++i) {
        const auto v = static_cast<std::uint64_t>(latency(random));
        h.record(v);
        all.push_back(v);
    }
    std::sort(all.begin(), all.end());
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(all.size())));
    const double exact = static_cast<double>(all[std::max<std::size_t>(rank, 1) - 1]);
    const double got = static_cast<double>(h.quantile(q));
    BOOST_TEST(std::abs(got - exact) <= 0.016 * exact + 1,
               "q " << q << ": " << got << " vs " << exact);
    BOOST_TEST(h.max() == all.back());
}

BOOST_AUTO_TEST_CASE(the_largest_values_do_not_overflow) {
    histogram h;
    h.record(UINT64_MAX);
    h.record(std::uint64_t{1} << 63);
    BOOST_TEST(h.count() == 2u);
    BOOST_TEST(h.max() == UINT64_MAX);
    BOOST_TEST(h.quantile(0.5) >= std::uint64_t{1} << 63);
}

BOOST_AUTO_TEST_CASE(merging_adds_the_counts) {
    histogram a;
    histogram b;
    for (std::uint64_t v = 1; v <= 1000; ++v)
        (v % 2 ? a : b).record(v * 1000);
    a.merge(b);
    BOOST_TEST(a.count() == 1000u);
    BOOST_TEST(a.max() == 1'000'000u);
    BOOST_TEST(std::abs(static_cast<double>(a.quantile(0.5)) - 500'000.0) <= 0.016 * 500'000);
}

BOOST_AUTO_TEST_CASE(the_cumulative_curve_rises_to_one) {
    histogram h;
    for (std::uint64_t v : {5u, 500u, 50'000u, 5'000'000u})
        h.record(v);
    const auto curve = h.cumulative();
    BOOST_REQUIRE(curve.size() == 4u);
    for (std::size_t i = 1; i < curve.size(); ++i) {
        BOOST_TEST(curve[i].first > curve[i - 1].first);
        BOOST_TEST(curve[i].second > curve[i - 1].second);
    }
    BOOST_TEST(curve.back().second == 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
