// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/backoff.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <ostream>

using namespace onex::event_bus::detail;
using namespace std::chrono_literals;

namespace test_backoff {

struct delay_case {
    double base_seconds;
    int attempt;
    double jitter;
    std::chrono::nanoseconds expected;
};

std::ostream& operator<<(std::ostream& os, const delay_case& c) {
    return os << c.base_seconds << "s * 2^" << c.attempt << " * " << c.jitter;
}

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr int int_max = std::numeric_limits<int>::max();

const delay_case delay_cases[] = {
    // base * 2^attempt * jitter.
    {1.0, 0, 1.0, 1s},
    {0.1, 0, 1.0, 100ms},
    {0.1, 1, 1.0, 200ms},
    {0.1, 3, 1.0, 800ms},
    {0.1, 2, 0.5, 200ms},
    {0.1, 2, 1.5, 600ms},
    {0.5, 2, 0.5, 1s},
    {0.25, 1, 1.5, 750ms},
    {0.001, 0, 0.5, 500us},
    {1.0, 10, 1.0, 1024s},
    {60.0, 5, 1.0, 1920s},
    {1.0, 11, 1.5, 3072s},
    {1e-9, 0, 1.0, 1ns},
    {1e-9, 0, 0.4, 0ns}, // below half a nanosecond rounds to nothing
    {1e-9, 0, 0.6, 1ns},
    // Exactly one hour is not cut.
    {3600.0, 0, 1.0, 1h},
    {1800.0, 1, 1.0, 1h},
    // Capped at one hour.
    {60.0, 6, 1.0, 1h},
    {1.0, 12, 1.0, 1h},
    {3600.0, 0, 1.5, 1h},
    {1.0, 1000, 1.0, 1h},
    {60.0, 1000, 1.5, 1h},
    {60.0, 5000, 1.5, 1h}, // 2^5000 is infinite in double
    {60.0, int_max, 1.5, 1h},
    {inf, 0, 1.0, 1h},
    // No delay.
    {0.0, 0, 1.0, 0ns},
    {0.0, 1000, 1.0, 0ns},
    {0.0, 5000, 1.0, 0ns}, // 0 * infinity is NaN
    {1.0, 3, 0.0, 0ns},
    {-1.0, 3, 1.0, 0ns},
    {1.0, 3, -0.5, 0ns},
    {-60.0, 5000, 1.5, 0ns},
    {nan, 0, 1.0, 0ns},
    {1.0, 0, nan, 0ns},
    {1.0, std::numeric_limits<int>::min(), 1.0, 0ns},
};

} // namespace test_backoff

BOOST_AUTO_TEST_SUITE(test_backoff)

BOOST_DATA_TEST_CASE(delay_is_base_times_two_to_the_attempt_times_jitter,
                     boost::unit_test::data::make(delay_cases), c) {
    BOOST_TEST(backoff_delay(c.base_seconds, c.attempt, c.jitter).count() == c.expected.count());
}

BOOST_AUTO_TEST_CASE(delay_lies_between_half_and_one_and_a_half_of_the_nominal_delay) {
    for (const double base : {0.001, 0.1, 0.5, 1.0, 60.0}) {
        for (int attempt = 0; attempt < 10; ++attempt) {
            const std::chrono::duration<double> nominal(base * (1 << attempt));
            if (nominal * 1.5 >= max_backoff_delay)
                continue;
            const auto lo = backoff_delay(base, attempt, 0.5);
            const auto hi = backoff_delay(base, attempt, 1.5);
            BOOST_TEST(std::chrono::abs(lo - nominal * 0.5) <= 1ns);
            BOOST_TEST(std::chrono::abs(hi - nominal * 1.5) <= 1ns);
            BOOST_TEST((lo < backoff_delay(base, attempt, 1.0)));
            BOOST_TEST((backoff_delay(base, attempt, 1.0) < hi));
        }
    }
}

BOOST_AUTO_TEST_CASE(delay_never_decreases_with_the_attempt_and_stays_within_bounds) {
    for (const double base : {0.0, 1e-6, 0.1, 60.0}) {
        std::chrono::nanoseconds previous = 0ns;
        for (int attempt = 0; attempt <= 2000; ++attempt) {
            const auto delay = backoff_delay(base, attempt, 1.5);
            BOOST_TEST(delay.count() >= previous.count());
            BOOST_TEST(delay.count() <= max_backoff_delay.count());
            previous = delay;
        }
        BOOST_TEST(previous.count() == (base > 0 ? max_backoff_delay.count() : 0));
    }
}

BOOST_AUTO_TEST_CASE(seeded_jitter_stays_in_range_and_centres_on_one) {
    backoff_jitter jitter(42);
    constexpr int samples = 100000;
    double min = 2.0;
    double max = 0.0;
    double sum = 0.0;
    for (int i = 0; i < samples; ++i) {
        const double j = jitter();
        min = std::min(min, j);
        max = std::max(max, j);
        sum += j;
    }
    BOOST_TEST(min >= 0.5);
    BOOST_TEST(max < 1.5);
    // The standard error of the mean is about 0.001; the bounds are far looser, and the seed is
    // fixed, so this cannot flake.
    BOOST_TEST(sum / samples > 0.98);
    BOOST_TEST(sum / samples < 1.02);
    // The samples spread over the whole interval rather than clustering.
    BOOST_TEST(min < 0.51);
    BOOST_TEST(max > 1.49);
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_samples) {
    backoff_jitter a(7);
    backoff_jitter b(7);
    for (int i = 0; i < 100; ++i)
        BOOST_TEST(a() == b());
}

BOOST_AUTO_TEST_CASE(different_seeds_give_different_samples) {
    backoff_jitter a(1);
    backoff_jitter b(2);
    int equal = 0;
    for (int i = 0; i < 100; ++i)
        equal += a() == b() ? 1 : 0;
    BOOST_TEST(equal == 0);
}

BOOST_AUTO_TEST_CASE(randomly_seeded_jitter_stays_in_range) {
    backoff_jitter jitter;
    for (int i = 0; i < 10000; ++i) {
        const double j = jitter();
        BOOST_TEST_REQUIRE(j >= 0.5);
        BOOST_TEST_REQUIRE(j < 1.5);
    }
}

BOOST_AUTO_TEST_SUITE_END()
