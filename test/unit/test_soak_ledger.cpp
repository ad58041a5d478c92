// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The fault soak's accounting (apps/soak/ledger.hpp): if it miscounted, onex-soak could report
// 0 lost for a bus that loses messages.

#include "../../apps/soak/ledger.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <vector>

using onex::soak::ledger;

namespace test_soak_ledger {

bool never(std::uint64_t) {
    return false;
}

} // namespace test_soak_ledger

BOOST_AUTO_TEST_SUITE(test_soak_ledger)

BOOST_AUTO_TEST_CASE(an_acknowledged_message_nobody_saw_is_lost) {
    ledger l(4);
    for (std::uint64_t id = 0; id < 4; ++id) {
        l.published(id);
        l.acknowledged(id);
    }
    l.consumed(0);
    l.dead_lettered(2);
    const auto t = l.sum(never);
    BOOST_TEST(t.acknowledged == 4U);
    BOOST_TEST(t.consumed == 1U);
    BOOST_TEST(t.dead_lettered == 1U);
    BOOST_TEST(t.lost == 2U);
    BOOST_TEST(t.lost_ids == (std::vector<std::uint64_t>{1, 3}), boost::test_tools::per_element());
    BOOST_TEST(l.unaccounted() == 2U);
}

BOOST_AUTO_TEST_CASE(a_failed_or_unfinished_publish_is_not_lost) {
    ledger l(3);
    l.published(0);
    l.failed(0, "event bus unavailable: Circuit breaker is open");
    l.published(1);
    l.published(2);
    l.failed(2, "event bus unavailable: Circuit breaker is open");
    const auto t = l.sum(never);
    BOOST_TEST(t.failed == 2U);
    BOOST_TEST(t.failures.at("event bus unavailable: Circuit breaker is open") == 2U);
    BOOST_TEST(t.lost == 0U);
    BOOST_TEST(l.publishes_pending() == 1U);
    BOOST_TEST(l.pending(1));
    BOOST_TEST(!l.pending(0));
}

BOOST_AUTO_TEST_CASE(redeliveries_count_as_duplicates_not_as_more_messages) {
    ledger l(2);
    for (std::uint64_t id = 0; id < 2; ++id) {
        l.published(id);
        l.acknowledged(id);
    }
    l.consumed(0);
    l.consumed(0);
    l.consumed(0);
    l.dead_lettered(1);
    l.dead_lettered(1);
    const auto t = l.sum(never);
    BOOST_TEST(t.consumed == 1U);
    BOOST_TEST(t.duplicates == 2U);
    BOOST_TEST(t.dead_lettered == 1U);
    BOOST_TEST(t.dead_letter_duplicates == 1U);
    BOOST_TEST(t.lost == 0U);
    BOOST_TEST(l.unaccounted() == 0U);
}

BOOST_AUTO_TEST_CASE(a_message_seen_before_its_acknowledgement_is_accounted_for) {
    // The consumer can be faster than the delivery report.
    ledger l(1);
    l.published(0);
    l.consumed(0);
    BOOST_TEST(l.unaccounted() == 0U);
    l.acknowledged(0);
    BOOST_TEST(l.unaccounted() == 0U);
    BOOST_TEST(l.sum(never).lost == 0U);
}

BOOST_AUTO_TEST_CASE(a_failed_publish_that_arrived_anyway_is_reported) {
    ledger l(1);
    l.published(0);
    l.failed(0, "timeout");
    l.consumed(0);
    const auto t = l.sum(never);
    BOOST_TEST(t.failed_but_delivered == 1U);
    BOOST_TEST(t.lost == 0U);
}

BOOST_AUTO_TEST_CASE(ids_out_of_range_and_always_failing_ones_accepted_are_flagged) {
    ledger l(2);
    l.published(0);
    l.acknowledged(0);
    l.consumed(0);
    l.consumed(7);
    l.dead_lettered(9);
    const auto t = l.sum([](std::uint64_t id) { return id == 0; });
    BOOST_TEST(t.foreign == 2U);
    BOOST_TEST(t.failing_consumed == 1U);
}

BOOST_AUTO_TEST_CASE(a_second_outcome_of_one_publish_is_ignored) {
    ledger l(1);
    l.published(0);
    l.acknowledged(0);
    l.failed(0, "late");
    l.acknowledged(0);
    const auto t = l.sum(never);
    BOOST_TEST(t.acknowledged == 1U);
    BOOST_TEST(t.failed == 0U);
    BOOST_TEST(t.lost == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
