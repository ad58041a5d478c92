// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/backoff.hpp"
#include "kafka/dead_letter_policy.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <ostream>

using namespace onex::event_bus::detail;
using namespace std::chrono_literals;

namespace onex::event_bus::detail {
std::ostream& operator<<(std::ostream& os, handler_failure_action a) {
    return os << static_cast<int>(a);
}
} // namespace onex::event_bus::detail

BOOST_AUTO_TEST_SUITE(test_dead_letter_policy)

BOOST_AUTO_TEST_CASE(the_headers_budget_is_max_retries_minus_retry_count) {
    BOOST_TEST(allowed_handler_retries(3, 0, 100) == 3);
    BOOST_TEST(allowed_handler_retries(3, 2, 100) == 1);
    BOOST_TEST(allowed_handler_retries(3, 3, 100) == 0);
    BOOST_TEST(allowed_handler_retries(3, 7, 100) == 0); // spent upstream: never negative
    BOOST_TEST(allowed_handler_retries(0, 0, 100) == 0);
}

BOOST_AUTO_TEST_CASE(the_consumer_caps_what_the_headers_ask) {
    BOOST_TEST(allowed_handler_retries(1000000, 0, 3) == 3);
    BOOST_TEST(allowed_handler_retries(1000000, 999999, 3) == 1);
    BOOST_TEST(allowed_handler_retries(5, 1, 4) == 4);
    BOOST_TEST(allowed_handler_retries(5, 1, 0) == 0);
    BOOST_TEST(allowed_handler_retries(5, 1, -2) == 0); // a cap below zero allows no retry
}

BOOST_AUTO_TEST_CASE(extreme_header_values_saturate_instead_of_overflowing) {
    using limits = std::numeric_limits<std::int64_t>;
    BOOST_TEST(allowed_handler_retries(limits::max(), -1, 100) == 100);
    BOOST_TEST(allowed_handler_retries(limits::max(), limits::min(), 100) == 100);
    BOOST_TEST(allowed_handler_retries(limits::min(), 1, 100) == 0);
    BOOST_TEST(allowed_handler_retries(limits::min(), limits::max(), 100) == 0);
    BOOST_TEST(allowed_handler_retries(limits::max(), 0, limits::max()) == limits::max());
}

BOOST_AUTO_TEST_CASE(a_failing_handler_is_retried_then_dead_lettered) {
    // Three retries allowed: calls 1 to 3 are followed by a retry, call 4 by the dead letter.
    BOOST_TEST(after_handler_failure(1, 3, false) == handler_failure_action::retry);
    BOOST_TEST(after_handler_failure(3, 3, false) == handler_failure_action::retry);
    BOOST_TEST(after_handler_failure(4, 3, false) == handler_failure_action::dead_letter);
    BOOST_TEST(after_handler_failure(1, 0, false) == handler_failure_action::dead_letter);
}

BOOST_AUTO_TEST_CASE(an_acknowledged_message_is_neither_retried_nor_dead_lettered) {
    BOOST_TEST(after_handler_failure(1, 3, true) == handler_failure_action::skip_acknowledged);
    BOOST_TEST(after_handler_failure(4, 3, true) == handler_failure_action::skip_acknowledged);
}

BOOST_AUTO_TEST_CASE(dead_letter_retries_back_off_up_to_thirty_seconds) {
    // With the median jitter (1.0) the delay doubles from the base...
    BOOST_TEST((dead_letter_retry_delay(0.5, 0, 1.0) == 500ms));
    BOOST_TEST((dead_letter_retry_delay(0.5, 3, 1.0) == 4s));
    // ...stops growing after the tenth failure...
    BOOST_TEST((dead_letter_retry_delay(0.01, 10, 1.0) == backoff_delay(0.01, 10, 1.0)));
    BOOST_TEST((dead_letter_retry_delay(0.01, 50, 1.0) == backoff_delay(0.01, 10, 1.0)));
    // ...and never waits longer than 30 s, however large the base.
    BOOST_TEST((dead_letter_retry_delay(1.0, 10, 1.4) == 30s));
    BOOST_TEST((dead_letter_retry_delay(60.0, 0, 1.0) == 30s));
}

BOOST_AUTO_TEST_SUITE_END()
