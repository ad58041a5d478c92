// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/consumer_reconcile.hpp"

#include <boost/test/unit_test.hpp>

#include <ostream>

using namespace onex::event_bus::detail;

namespace onex::event_bus::detail {
std::ostream& operator<<(std::ostream& os, const consumer_changes& c) {
    os << "start:";
    for (const auto& [group, topics] : c.start)
        os << ' ' << group << '(' << topics.size() << ')';
    os << " resubscribe:";
    for (const auto& [group, topics] : c.resubscribe)
        os << ' ' << group << '(' << topics.size() << ')';
    os << " close:";
    for (const auto& group : c.close)
        os << ' ' << group;
    return os;
}
} // namespace onex::event_bus::detail

BOOST_AUTO_TEST_SUITE(test_consumer_reconcile)

BOOST_AUTO_TEST_CASE(a_new_group_gets_a_consumer_of_its_topics) {
    const auto changes = reconcile_consumers({{"g", {"a", "b"}}}, {});
    consumer_changes expected;
    expected.start = {{"g", {"a", "b"}}};
    BOOST_TEST(changes == expected);
}

BOOST_AUTO_TEST_CASE(a_running_consumer_of_the_same_topics_is_left_alone) {
    BOOST_TEST(reconcile_consumers({{"g", {"a"}}}, {{"g", {{"a"}, false}}}).empty());
}

BOOST_AUTO_TEST_CASE(a_running_consumer_whose_topics_changed_resubscribes) {
    const auto changes = reconcile_consumers({{"g", {"a", "b"}}}, {{"g", {{"a"}, false}}});
    consumer_changes expected;
    expected.resubscribe = {{"g", {"a", "b"}}};
    BOOST_TEST(changes == expected);
}

BOOST_AUTO_TEST_CASE(a_group_nobody_wants_closes_its_consumer) {
    const auto changes = reconcile_consumers({}, {{"g", {{"a"}, false}}});
    consumer_changes expected;
    expected.close = {"g"};
    BOOST_TEST(changes == expected);
}

BOOST_AUTO_TEST_CASE(a_closing_consumer_is_not_closed_twice) {
    BOOST_TEST(reconcile_consumers({}, {{"g", {{"a"}, true}}}).empty());
}

// The case of a re-subscription during a consumer's close: nothing until that consumer is
// gone (it cannot take topics back), then a start like any new group.
BOOST_AUTO_TEST_CASE(a_group_wanted_again_while_its_consumer_closes_waits_then_starts) {
    BOOST_TEST(reconcile_consumers({{"g", {"a"}}}, {{"g", {{"a"}, true}}}).empty());
    BOOST_TEST(reconcile_consumers({{"g", {"b"}}}, {{"g", {{"a"}, true}}}).empty());
    const auto once_closed = reconcile_consumers({{"g", {"b"}}}, {});
    consumer_changes expected;
    expected.start = {{"g", {"b"}}};
    BOOST_TEST(once_closed == expected);
}

BOOST_AUTO_TEST_CASE(groups_change_independently) {
    const auto changes = reconcile_consumers(
        {{"keep", {"a"}}, {"more", {"a", "b"}}, {"new", {"c"}}, {"back", {"d"}}},
        {{"keep", {{"a"}, false}},
         {"more", {{"a"}, false}},
         {"gone", {{"a"}, false}},
         {"back", {{"d"}, true}},
         {"leaving", {{"e"}, true}}});
    consumer_changes expected;
    expected.start = {{"new", {"c"}}};
    expected.resubscribe = {{"more", {"a", "b"}}};
    expected.close = {"gone"};
    BOOST_TEST(changes == expected);
}

BOOST_AUTO_TEST_SUITE_END()
