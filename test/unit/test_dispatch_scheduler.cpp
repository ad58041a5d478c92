// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/dispatch_scheduler.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

using onex::event_bus::detail::consumer_ordering;
using onex::event_bus::detail::dispatch_actions;
using onex::event_bus::detail::dispatch_item;
using onex::event_bus::detail::dispatch_limits;
using onex::event_bus::detail::dispatch_scheduler;

BOOST_AUTO_TEST_SUITE(test_dispatch_scheduler)

namespace {

// "partition:offset" for each message to run, in order: what the tests compare.
std::string text(const std::vector<dispatch_item>& items) {
    std::string out;
    for (const auto& i : items)
        out +=
            (out.empty() ? "" : " ") + std::to_string(i.partition) + ":" + std::to_string(i.offset);
    return out;
}

std::string text(const std::vector<std::int32_t>& partitions) {
    std::string out;
    for (const auto p : partitions)
        out += (out.empty() ? "" : " ") + std::to_string(p);
    return out;
}

dispatch_item message(std::int32_t partition, std::int64_t offset,
                      std::optional<std::uint64_t> key = std::nullopt) {
    return {partition, offset, key};
}

// A scheduler and the actions of its last input.
struct scheduler {
    dispatch_scheduler s;
    dispatch_actions out;

    explicit scheduler(dispatch_limits limits)
        : s(limits) {}

    std::string fetch(dispatch_item i) {
        out.clear();
        s.fetched(i, out);
        return text(out.run);
    }
    std::string finish(dispatch_item i) {
        out.clear();
        s.finished(i, out);
        return text(out.run);
    }
    std::string revoke(std::int32_t partition) {
        out.clear();
        s.revoked(partition, out);
        return text(out.run);
    }
};

dispatch_limits limits(std::size_t in_flight, consumer_ordering ordering,
                       std::size_t queued = 1000) {
    dispatch_limits l;
    l.max_in_flight = in_flight;
    l.max_queued_per_partition = queued;
    l.ordering = ordering;
    return l;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_partition_runs_one_message_at_a_time_in_offset_order) {
    scheduler s(limits(64, consumer_ordering::partition));
    BOOST_TEST(s.fetch(message(0, 10)) == "0:10");
    BOOST_TEST(s.fetch(message(0, 11)) == "");
    BOOST_TEST(s.fetch(message(0, 12)) == "");
    BOOST_TEST(s.s.queued() == 2U);
    BOOST_TEST(s.finish(message(0, 10)) == "0:11");
    BOOST_TEST(s.finish(message(0, 11)) == "0:12");
    BOOST_TEST(s.finish(message(0, 12)) == "");
    BOOST_TEST(s.s.in_flight() == 0U);
}

BOOST_AUTO_TEST_CASE(partitions_run_at_once) {
    scheduler s(limits(64, consumer_ordering::partition));
    BOOST_TEST(s.fetch(message(0, 0)) == "0:0");
    BOOST_TEST(s.fetch(message(1, 0)) == "1:0");
    BOOST_TEST(s.fetch(message(2, 5)) == "2:5");
    BOOST_TEST(s.s.in_flight() == 3U);
    // Finished out of order: each frees only its own partition.
    BOOST_TEST(s.fetch(message(1, 1)) == "");
    BOOST_TEST(s.finish(message(2, 5)) == "");
    BOOST_TEST(s.finish(message(1, 0)) == "1:1");
}

BOOST_AUTO_TEST_CASE(at_the_in_flight_bound_partitions_wait_for_a_slot_in_turn) {
    scheduler s(limits(2, consumer_ordering::partition));
    BOOST_TEST(s.fetch(message(0, 0)) == "0:0");
    BOOST_TEST(s.fetch(message(0, 1)) == ""); // behind 0:0
    BOOST_TEST(s.fetch(message(1, 0)) == "1:0");
    BOOST_TEST(s.fetch(message(2, 0)) == ""); // no slot: waits
    BOOST_TEST(s.s.in_flight() == 2U);
    // 0:0 frees a slot: partition 2 waited first, partition 0's next waits behind it.
    BOOST_TEST(s.finish(message(0, 0)) == "2:0");
    BOOST_TEST(s.finish(message(1, 0)) == "0:1");
    BOOST_TEST(s.s.in_flight() == 2U);
}

BOOST_AUTO_TEST_CASE(a_busy_partition_does_not_starve_the_others) {
    scheduler s(limits(1, consumer_ordering::partition));
    BOOST_TEST(s.fetch(message(0, 0)) == "0:0");
    for (std::int64_t o = 1; o < 3; ++o)
        BOOST_TEST(s.fetch(message(0, o)) == "");
    for (std::int64_t o = 0; o < 3; ++o)
        BOOST_TEST(s.fetch(message(1, o)) == "");
    std::vector<std::string> order{"0:0"};
    for (int i = 0; i < 5; ++i) {
        const auto& last = order.back();
        const auto colon = last.find(':');
        order.push_back(s.finish(
            message(std::stoi(last.substr(0, colon)), std::stoll(last.substr(colon + 1)))));
    }
    BOOST_TEST(order == (std::vector<std::string>{"0:0", "1:0", "0:1", "1:1", "0:2", "1:2"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(with_key_ordering_keys_of_one_partition_overlap_and_each_key_keeps_order) {
    scheduler s(limits(64, consumer_ordering::key));
    BOOST_TEST(s.fetch(message(0, 0, 7)) == "0:0");
    BOOST_TEST(s.fetch(message(0, 1, 8)) == "0:1");
    BOOST_TEST(s.fetch(message(0, 2, 7)) == ""); // behind 0:0, same key
    BOOST_TEST(s.fetch(message(0, 3, 9)) == "0:3");
    BOOST_TEST(s.fetch(message(0, 4, 7)) == ""); // behind 0:2
    BOOST_TEST(s.finish(message(0, 1, 8)) == "");
    BOOST_TEST(s.finish(message(0, 0, 7)) == "0:2");
    BOOST_TEST(s.finish(message(0, 2, 7)) == "0:4");
}

BOOST_AUTO_TEST_CASE(with_key_ordering_a_message_without_a_key_runs_alone_in_its_partition) {
    scheduler s(limits(64, consumer_ordering::key));
    BOOST_TEST(s.fetch(message(0, 0, 1)) == "0:0");
    BOOST_TEST(s.fetch(message(0, 1)) == "");       // waits for 0:0
    BOOST_TEST(s.fetch(message(0, 2, 2)) == "");    // may not pass the keyless message
    BOOST_TEST(s.fetch(message(1, 0, 2)) == "1:0"); // another partition is not held
    BOOST_TEST(s.finish(message(0, 0, 1)) == "0:1");
    BOOST_TEST(s.finish(message(0, 1)) == "0:2");
}

BOOST_AUTO_TEST_CASE(a_partition_with_a_full_queue_pauses_and_resumes_at_half) {
    scheduler s(limits(1, consumer_ordering::partition, 4));
    BOOST_TEST(s.fetch(message(0, 0)) == "0:0");
    for (std::int64_t o = 1; o <= 3; ++o) {
        s.fetch(message(0, o));
        BOOST_TEST(s.out.pause.empty());
    }
    s.fetch(message(0, 4)); // the fourth queued
    BOOST_TEST(text(s.out.pause) == "0");
    BOOST_TEST(s.s.paused(0));
    s.fetch(message(0, 5)); // fetched before the pause took effect: kept, not paused again
    BOOST_TEST(s.out.pause.empty());
    BOOST_TEST(s.s.queued() == 5U);
    BOOST_TEST(s.finish(message(0, 0)) == "0:1");
    BOOST_TEST(s.out.resume.empty());
    BOOST_TEST(s.finish(message(0, 1)) == "0:2");
    BOOST_TEST(s.out.resume.empty());
    BOOST_TEST(s.finish(message(0, 2)) == "0:3"); // two left queued: half of four
    BOOST_TEST(text(s.out.resume) == "0");
    BOOST_TEST(!s.s.paused(0));
}

BOOST_AUTO_TEST_CASE(a_revoked_partition_forgets_its_queue_and_its_running_message_holds_it) {
    scheduler s(limits(2, consumer_ordering::partition, 2));
    BOOST_TEST(s.fetch(message(0, 0)) == "0:0");
    s.fetch(message(0, 1));
    s.fetch(message(0, 2));
    BOOST_TEST(s.s.paused(0));
    BOOST_TEST(s.fetch(message(1, 0)) == "1:0");
    BOOST_TEST(s.fetch(message(2, 0)) == ""); // waits for a slot
    BOOST_TEST(s.revoke(0) == "");
    BOOST_TEST(s.s.queued() == 1U); // 2:0 only
    BOOST_TEST(!s.s.paused(0));
    BOOST_TEST(s.s.in_flight() == 2U);
    // Assigned again, 0:0 comes back from the committed offset while the first delivery runs.
    BOOST_TEST(s.fetch(message(0, 0)) == "");
    BOOST_TEST(s.finish(message(0, 0)) == "2:0"); // the first delivery; 2:0 waited longest
    BOOST_TEST(s.finish(message(1, 0)) == "0:0"); // the second delivery, alone
}

BOOST_AUTO_TEST_CASE(finishing_a_message_not_running_changes_nothing) {
    scheduler s(limits(1, consumer_ordering::key));
    BOOST_TEST(s.fetch(message(0, 0, 1)) == "0:0");
    BOOST_TEST(s.fetch(message(1, 0, 1)) == "");
    BOOST_TEST(s.finish(message(0, 0, 2)) == ""); // a key that does not run
    BOOST_TEST(s.finish(message(0, 0)) == "");    // no keyless message runs
    BOOST_TEST(s.finish(message(5, 0, 1)) == ""); // a partition never seen
    BOOST_TEST(s.s.in_flight() == 1U);
    BOOST_TEST(s.finish(message(0, 0, 1)) == "1:0");
    BOOST_TEST(s.finish(message(0, 0, 1)) == ""); // twice
    BOOST_TEST(s.s.in_flight() == 1U);
}

// Random fetches and finishes on both orderings: the bound is never passed, every message runs
// exactly once, a partition's (or key's) messages start in offset order and never overlap.
BOOST_AUTO_TEST_CASE(random_traffic_keeps_every_rule) {
    for (const auto ordering : {consumer_ordering::partition, consumer_ordering::key}) {
        for (unsigned seed = 1; seed <= 100; ++seed) {
            BOOST_TEST_CONTEXT("seed " << seed << " key ordering "
                                       << (ordering == consumer_ordering::key)) {
                const bool by_key = ordering == consumer_ordering::key;
                std::mt19937 random(seed);
                const auto bound = std::uniform_int_distribution<std::size_t>(1, 6)(random);
                dispatch_scheduler s(limits(bound, ordering, 8));
                dispatch_actions out;
                std::map<std::int32_t, std::int64_t> next_offset;
                std::map<std::int32_t, std::map<std::int64_t, std::optional<std::uint64_t>>>
                    pending;
                std::vector<dispatch_item> running;
                std::set<std::pair<std::int32_t, std::int64_t>> started;
                std::size_t fetched = 0;
                const auto check = [&] {
                    for (const auto& r : out.run) {
                        BOOST_TEST_REQUIRE(started.insert({r.partition, r.offset}).second);
                        for (const auto& other : running) {
                            if (other.partition != r.partition)
                                continue;
                            // Overlap in a partition only between two different keys.
                            BOOST_TEST_REQUIRE(by_key);
                            BOOST_TEST_REQUIRE(r.key.has_value());
                            BOOST_TEST_REQUIRE(other.key.has_value());
                            BOOST_TEST_REQUIRE(*r.key != *other.key);
                        }
                        // What was fetched before it and has not started: nothing with
                        // partition ordering or for a keyless message; with key ordering, no
                        // message of its key and none without a key.
                        auto& waiting = pending[r.partition];
                        for (auto it = waiting.begin(); it != waiting.end() && it->first < r.offset;
                             ++it) {
                            BOOST_TEST_REQUIRE(by_key);
                            BOOST_TEST_REQUIRE(r.key.has_value());
                            BOOST_TEST_REQUIRE(it->second.has_value());
                            BOOST_TEST_REQUIRE(*it->second != *r.key);
                        }
                        waiting.erase(r.offset);
                        running.push_back(r);
                    }
                    BOOST_TEST_REQUIRE(running.size() <= bound);
                    BOOST_TEST_REQUIRE(s.in_flight() == running.size());
                };
                for (int step = 0; step < 400; ++step) {
                    if (running.empty() || std::uniform_int_distribution<int>(0, 2)(random) > 0) {
                        const auto p = std::uniform_int_distribution<std::int32_t>(0, 3)(random);
                        std::optional<std::uint64_t> key;
                        if (std::uniform_int_distribution<int>(0, 4)(random) > 0)
                            key = std::uniform_int_distribution<std::uint64_t>(0, 3)(random);
                        pending[p][next_offset[p]] = key;
                        out.clear();
                        s.fetched({p, next_offset[p]++, key}, out);
                        ++fetched;
                    } else {
                        const auto i = std::uniform_int_distribution<std::size_t>(
                            0, running.size() - 1)(random);
                        const auto done = running[i];
                        running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
                        out.clear();
                        s.finished(done, out);
                    }
                    check();
                }
                while (!running.empty()) {
                    const auto done = running.front();
                    running.erase(running.begin());
                    out.clear();
                    s.finished(done, out);
                    check();
                }
                BOOST_TEST(started.size() == fetched);
                BOOST_TEST(s.queued() == 0U);
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
