// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/offset_watermark.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <vector>

using onex::event_bus::detail::offset_watermark;

BOOST_AUTO_TEST_SUITE(test_offset_watermark)

namespace {
// What a test prints and compares: the offset, or -1 for nothing.
constexpr std::int64_t none = -1;
std::int64_t got(std::optional<std::int64_t> offset) {
    return offset.value_or(none);
}

offset_watermark taken(std::initializer_list<std::int64_t> offsets) {
    offset_watermark w;
    for (const auto o : offsets)
        BOOST_TEST_REQUIRE(w.take(o));
    return w;
}
} // namespace

BOOST_AUTO_TEST_CASE(nothing_is_stored_before_the_first_message) {
    offset_watermark w;
    BOOST_TEST(!w.watermark().has_value());
    BOOST_TEST(w.unfinished() == 0U);
    BOOST_TEST(got(w.finish(0)) == none);
}

BOOST_AUTO_TEST_CASE(messages_finished_in_order_move_it_one_by_one) {
    auto w = taken({0, 1, 2});
    BOOST_TEST(got(w.watermark()) == 0);
    BOOST_TEST(got(w.finish(0)) == 1);
    BOOST_TEST(got(w.finish(1)) == 2);
    BOOST_TEST(got(w.finish(2)) == 3);
    BOOST_TEST(w.unfinished() == 0U);
}

BOOST_AUTO_TEST_CASE(a_later_message_finished_first_stores_nothing_until_the_earlier_one_ends) {
    auto w = taken({0, 1, 2, 3, 4});
    BOOST_TEST(got(w.finish(3)) == none);
    BOOST_TEST(got(w.finish(1)) == none);
    BOOST_TEST(got(w.finish(4)) == none);
    BOOST_TEST(got(w.watermark()) == 0);
    BOOST_TEST(w.unfinished() == 2U);
    // 0 ends: 1 was done already, 2 is not: a restart must see 2 again.
    BOOST_TEST(got(w.finish(0)) == 2);
    BOOST_TEST(got(w.finish(2)) == 5);
}

BOOST_AUTO_TEST_CASE(offsets_with_gaps_move_it_to_the_next_message_taken) {
    // A compacted topic, or transaction markers: offsets 11, 12 and 14 to 19 never come.
    auto w = taken({10, 13, 20});
    BOOST_TEST(got(w.finish(13)) == none);
    BOOST_TEST(got(w.finish(10)) == 20);
    BOOST_TEST(got(w.finish(20)) == 21);
}

BOOST_AUTO_TEST_CASE(a_message_finished_twice_or_never_taken_changes_nothing) {
    auto w = taken({5, 6});
    BOOST_TEST(got(w.finish(5)) == 6);
    BOOST_TEST(got(w.finish(5)) == none); // below the watermark already
    BOOST_TEST(got(w.finish(7)) == none); // past the last taken
    BOOST_TEST(got(w.finish(4)) == none); // before the first
    BOOST_TEST(got(w.finish(6)) == 7);
    BOOST_TEST(got(w.finish(6)) == none);
    BOOST_TEST(got(w.watermark()) == 7);
}

BOOST_AUTO_TEST_CASE(a_message_finished_twice_out_of_order_counts_once) {
    auto w = taken({0, 1, 2});
    BOOST_TEST(got(w.finish(1)) == none);
    BOOST_TEST(got(w.finish(1)) == none);
    BOOST_TEST(w.unfinished() == 2U);
    BOOST_TEST(got(w.finish(0)) == 2);
}

BOOST_AUTO_TEST_CASE(an_offset_not_past_the_last_taken_is_refused) {
    auto w = taken({3, 4});
    BOOST_TEST(!w.take(4));
    BOOST_TEST(!w.take(2));
    BOOST_TEST(!w.take(-1001)); // librdkafka's logical offsets are no messages
    BOOST_TEST(w.unfinished() == 2U);
    BOOST_TEST(got(w.watermark()) == 3);
}

BOOST_AUTO_TEST_CASE(after_all_finished_a_new_message_holds_it_again) {
    auto w = taken({0});
    BOOST_TEST(got(w.finish(0)) == 1);
    BOOST_TEST(w.take(1));
    BOOST_TEST(got(w.watermark()) == 1);
    BOOST_TEST(got(w.finish(1)) == 2);
}

BOOST_AUTO_TEST_CASE(a_reset_forgets_the_partition) {
    auto w = taken({8, 9});
    BOOST_TEST(got(w.finish(9)) == none);
    w.reset();
    BOOST_TEST(!w.watermark().has_value());
    BOOST_TEST(w.unfinished() == 0U);
    BOOST_TEST(got(w.finish(8)) == none);
    BOOST_TEST(w.take(2)); // a seek back, after the reset
    BOOST_TEST(got(w.finish(2)) == 3);
}

// Any order of completions over offsets with random gaps: after each one the watermark is the
// first unfinished offset (or one past the last), it never moves back, and it is reported
// exactly when it moved.
BOOST_AUTO_TEST_CASE(whatever_the_completion_order_the_watermark_is_the_first_unfinished) {
    for (unsigned seed = 1; seed <= 200; ++seed) {
        BOOST_TEST_CONTEXT("seed " << seed) {
            std::mt19937 random(seed);
            std::vector<std::int64_t> offsets;
            std::int64_t next = std::uniform_int_distribution<std::int64_t>(0, 1000)(random);
            const auto count = std::uniform_int_distribution<int>(1, 300)(random);
            for (int i = 0; i < count; ++i) {
                offsets.push_back(next);
                next += std::uniform_int_distribution<std::int64_t>(1, 3)(random);
            }
            offset_watermark w;
            for (const auto o : offsets)
                BOOST_TEST_REQUIRE(w.take(o));
            std::set<std::int64_t> unfinished(offsets.begin(), offsets.end());
            auto order = offsets;
            std::shuffle(order.begin(), order.end(), random);
            std::int64_t stored = offsets.front();
            for (const auto o : order) {
                const auto moved = w.finish(o);
                unfinished.erase(o);
                const std::int64_t expected =
                    unfinished.empty() ? offsets.back() + 1 : *unfinished.begin();
                BOOST_TEST_REQUIRE(got(w.watermark()) == expected);
                BOOST_TEST_REQUIRE(moved.has_value() == (expected != stored));
                BOOST_TEST_REQUIRE(expected >= stored);
                stored = expected;
                BOOST_TEST_REQUIRE(w.unfinished() == unfinished.size());
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
