// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "captured_log.hpp"
#include "kafka_fixture.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/infra_error.hpp>
#include <onex/event_bus/kafka_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace kafka_bus_test;

BOOST_AUTO_TEST_SUITE(test_kafka_consumer)

namespace {

config_tweak with_dlq(bool auto_commit = true) {
    return [auto_commit](kafka_config& c) {
        c.dead_letter_topic = "orders.dlq";
        c.enable_auto_commit = auto_commit;
    };
}

} // namespace

BOOST_DATA_TEST_CASE(a_failing_handler_is_retried_then_dead_lettered_and_committed,
                     boost::unit_test::data::make({true, false}), auto_commit) {
    auto cluster = kafka_fixture::make_cluster(1);
    int calls = 0;
    std::vector<received> dead;
    {
        kafka_fixture f(*cluster, with_dlq(auto_commit));
        auto sub = f.bus.subscribe("orders.events", "failing", [&](const event_message&) {
            ++calls;
            throw std::runtime_error("payment declined");
        });
        auto dlq = f.bus.subscribe("orders.dlq", "dlq-reader",
                                   [&](const event_message& m) { dead.push_back(copy(m)); });
        f.run(f.bus.async_start());
        event_headers h;
        h.source = "test";
        h.event_type = "order.created";
        h.retry_count = 1;
        h.max_retries = 3;
        f.run(f.bus.async_publish("orders.events", "order-7", "\xff-bad-utf8", h));
        BOOST_REQUIRE(run_until(f.ioc, [&] { return dead.size() == 1; }));
        // The dead-letter reader can fetch the record before the producer's delivery report
        // reaches the bus, so the counter is awaited rather than read at once.
        BOOST_TEST(run_until(f.ioc, [&] { return f.bus.health().dead_lettered == 1u; }));
        BOOST_TEST(calls == 3); // the first call and max_retries - retry_count = 2 retries

        const auto payload = boost::json::parse(dead.front().value).as_object();
        std::vector<std::string> keys;
        for (const auto& kv : payload)
            keys.emplace_back(kv.key());
        const std::vector<std::string> expected_keys{
            "original_topic", "original_message", "failure_reason", "failure_timestamp",
            "correlation_id", "retry_count",      "error_type"};
        BOOST_TEST(keys == expected_keys, boost::test_tools::per_element());
        BOOST_TEST(payload.at("original_topic").as_string() == "orders.events");
        const auto& original = payload.at("original_message").as_object();
        BOOST_TEST(original.at("key").as_string() == "order-7");
        BOOST_TEST(original.at("value").as_string() == "\xef\xbf\xbd-bad-utf8");
        BOOST_TEST(original.at("offset").as_string() == "0");
        BOOST_TEST(original.at("partition").as_int64() == 0);
        BOOST_TEST(payload.at("failure_reason").as_string() ==
                   "std::runtime_error: payment declined");
        BOOST_TEST(payload.at("correlation_id").as_string() ==
                   boost::uuids::to_string(h.correlation_id));
        BOOST_TEST(payload.at("retry_count").as_int64() == 1);
        BOOST_TEST(payload.at("error_type").as_string() == "std::runtime_error");
        BOOST_TEST((dead.front().key == std::optional<std::string>("order-7")));
        BOOST_TEST(dead.front().headers.event_type == "dlq_message");
        BOOST_TEST(dead.front().headers.correlation_id == h.correlation_id);
    }
    // A new consumer in the same group, on the same cluster, starts after the dead letter.
    kafka_fixture f(*cluster, with_dlq(auto_commit));
    std::vector<std::string> seen;
    auto sub = f.bus.subscribe("orders.events", "failing",
                               [&](const event_message& m) { seen.emplace_back(m.value()); });
    f.run(f.bus.async_start());
    f.run(f.bus.async_publish("orders.events", std::nullopt, "marker"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return !seen.empty(); }));
    const std::vector<std::string> expected{"marker"};
    BOOST_TEST(seen == expected, boost::test_tools::per_element());
}

// A producer's headers may ask for any number of retries: the consumer's max_handler_retries
// caps them, so that one message cannot hold its partition for days.
BOOST_AUTO_TEST_CASE(the_retries_a_message_asks_for_are_capped_by_max_handler_retries) {
    kafka_fixture f(1, [](kafka_config& c) {
        with_dlq()(c);
        c.max_handler_retries = 2;
    });
    int calls = 0;
    std::vector<received> dead;
    auto sub = f.bus.subscribe("orders.events", "capped", [&](const event_message&) {
        ++calls;
        throw std::runtime_error("always");
    });
    auto dlq = f.bus.subscribe("orders.dlq", "dlq-reader",
                               [&](const event_message& m) { dead.push_back(copy(m)); });
    f.run(f.bus.async_start());
    event_headers h;
    h.max_retries = 1000000;
    f.run(f.bus.async_publish("orders.events", std::nullopt, "stubborn", h));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return dead.size() == 1; }));
    BOOST_TEST(calls == 3); // the first call and two retries
}

// A commit the broker refuses is not silent: it is logged at error level and counted, and what
// it would have committed comes again to the group's next consumer.
BOOST_AUTO_TEST_CASE(a_refused_commit_is_logged_and_counted_and_its_message_comes_again) {
    auto cluster = kafka_fixture::make_cluster(1);
    const auto manual_commit = [](kafka_config& c) { c.enable_auto_commit = false; };
    onex::event_bus::test::captured_log lines;
    std::vector<std::string> first;
    {
        asio::io_context ioc;
        kafka_event_bus bus(ioc, kafka_fixture::make_config(*cluster, manual_commit),
                            lines.make(log_level::error));
        auto sub = bus.subscribe("orders.events", "refused",
                                 [&](const event_message& m) { first.emplace_back(m.value()); });
        testing::run(ioc, bus.async_start());
        rd_kafka_mock_push_request_errors(cluster->get(), 8 /* ApiKey OffsetCommit */, 1,
                                          RD_KAFKA_RESP_ERR_OFFSET_METADATA_TOO_LARGE);
        testing::run(ioc, bus.async_publish("orders.events", std::nullopt, "once"));
        BOOST_REQUIRE(run_until(ioc, [&] { return bus.health().commit_failures == 1U; }));
        BOOST_TEST(first == std::vector<std::string>{"once"}, boost::test_tools::per_element());
        const auto failures =
            lines.starting_with("error: Consumer group 'refused': offset commit failed: ");
        BOOST_TEST_REQUIRE(failures.size() == 1U);
        BOOST_TEST(failures.front().find("OFFSET_METADATA_TOO_LARGE") != std::string::npos);
        BOOST_TEST(failures.front().find("orders.events[0]@1") != std::string::npos);
        testing::run(ioc, bus.async_close());
    }
    kafka_fixture f(*cluster, manual_commit);
    std::vector<std::string> again;
    auto sub = f.bus.subscribe("orders.events", "refused",
                               [&](const event_message& m) { again.emplace_back(m.value()); });
    f.run(f.bus.async_start());
    BOOST_REQUIRE(run_until(f.ioc, [&] { return !again.empty(); }));
    BOOST_TEST(again == std::vector<std::string>{"once"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(without_a_dead_letter_topic_an_exhausted_message_is_counted_and_logged) {
    kafka_fixture f;
    int calls = 0;
    std::vector<std::string> after;
    auto sub = f.bus.subscribe("orders.events", "no-dlq", [&](const event_message& m) {
        ++calls;
        if (m.value() == "bad")
            throw std::logic_error("cannot handle");
        after.emplace_back(m.value());
    });
    f.run(f.bus.async_start());
    const event_headers h = no_retry_headers();
    f.run(f.bus.async_publish("orders.events", std::nullopt, "bad", h));
    f.run(f.bus.async_publish("orders.events", std::nullopt, "good"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return after.size() == 1; }));
    BOOST_TEST(calls == 2);
    BOOST_TEST(f.bus.health().unhandled_without_dead_letter_topic == 1u);
}

BOOST_AUTO_TEST_CASE(a_message_with_corrupt_headers_is_dead_lettered_and_the_consumer_goes_on) {
    kafka_fixture f(1, with_dlq());
    std::vector<received> good, dead;
    auto sub = f.bus.subscribe("orders.events", "decoder",
                               [&](const event_message& m) { good.push_back(copy(m)); });
    auto dlq = f.bus.subscribe("orders.dlq", "dlq-reader",
                               [&](const event_message& m) { dead.push_back(copy(m)); });
    f.run(f.bus.async_start());
    produce_raw(f.cluster.bootstrap_servers(), "orders.events", "raw",
                {{"source", "\xc3\x28"}, {"event_type", "x"}});
    f.run(f.bus.async_publish("orders.events", std::nullopt, "after"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return good.size() == 1 && dead.size() == 1; }));
    BOOST_TEST(good.front().value == "after");
    const auto payload = boost::json::parse(dead.front().value).as_object();
    BOOST_TEST(payload.at("failure_type").as_string() == "deserialization_error");
    BOOST_TEST(payload.at("original_message").as_object().at("offset").as_int64() == 0);
    BOOST_TEST(dead.front().headers.event_type == "dlq_raw_message");
}

BOOST_AUTO_TEST_CASE(a_failed_dead_letter_write_commits_nothing_and_the_message_comes_again) {
    auto cluster = kafka_fixture::make_cluster(1);
    auto fast_failing_dlq = [](kafka_config& c) {
        c.dead_letter_topic = "orders.dlq";
        c.timeout_seconds = 1;
        c.max_retry_attempts = 0;
        c.librdkafka["topic.metadata.propagation.max.ms"] = "10";
    };
    rd_kafka_mock_topic_set_error(cluster->get(), "orders.dlq",
                                  RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
    int first_calls = 0;
    {
        kafka_fixture f(*cluster, fast_failing_dlq);
        auto sub = f.bus.subscribe("orders.events", "dlq-down", [&](const event_message&) {
            ++first_calls;
            throw std::runtime_error("always");
        });
        f.run(f.bus.async_start());
        const event_headers h = no_retry_headers();
        f.run(f.bus.async_publish("orders.events", std::nullopt, "doomed", h));
        BOOST_REQUIRE(run_until(f.ioc, [&] { return f.bus.health().dead_letter_failures >= 2u; }));
        BOOST_TEST(f.bus.health().dead_lettered == 0u);
    }
    BOOST_TEST(first_calls == 1);

    rd_kafka_mock_topic_set_error(cluster->get(), "orders.dlq", RD_KAFKA_RESP_ERR_NO_ERROR);
    kafka_fixture f(*cluster, fast_failing_dlq);
    std::vector<std::string> again;
    auto sub = f.bus.subscribe("orders.events", "dlq-down", [&](const event_message& m) {
        again.emplace_back(m.value());
        throw std::runtime_error("always");
    });
    f.run(f.bus.async_start());
    // The new member's join waits for the mock's rebalance; a loaded sanitizer run once took
    // over 30 s here (10 s is usual).
    BOOST_REQUIRE(run_until(
        f.ioc, [&] { return f.bus.health().dead_lettered == 1u; }, std::chrono::seconds(90)));
    const std::vector<std::string> expected{"doomed"};
    BOOST_TEST(again == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_open_subscriber_circuit_pauses_its_topic_until_half_open) {
    kafka_fixture f(1, [](kafka_config& c) {
        c.circuit_breaker_threshold = 2;
        c.circuit_breaker_reset_timeout = 0.5;
    });
    using clock = std::chrono::steady_clock;
    std::vector<std::pair<std::string, clock::time_point>> calls;
    auto sub = f.bus.subscribe("orders.events", "breaker", [&](const event_message& m) {
        calls.emplace_back(std::string(m.value()), clock::now());
        if (m.value().starts_with("bad"))
            throw std::runtime_error("bad message");
    });
    f.run(f.bus.async_start());
    const event_headers h = no_retry_headers();
    f.run(f.bus.async_publish("orders.events", std::nullopt, "bad-1", h));
    f.run(f.bus.async_publish("orders.events", std::nullopt, "bad-2", h));
    f.run(f.bus.async_publish("orders.events", std::nullopt, "good", h));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return f.bus.health().open_subscriber_circuits == 1u; }));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return calls.size() == 3; }));
    BOOST_TEST(calls[2].first == "good");
    // "good" waited for the half-open trial, which closed the circuit again.
    const auto waited =
        std::chrono::duration_cast<std::chrono::milliseconds>(calls[2].second - calls[1].second);
    BOOST_TEST(waited.count() >= 450);
    BOOST_TEST(f.bus.health().open_subscriber_circuits == 0u);
}

BOOST_AUTO_TEST_CASE(two_buses_in_one_group_split_the_partitions) {
    kafka_fixture f(4);
    kafka_event_bus other(f.ioc, kafka_fixture::make_config(f.cluster, {}),
                          onex::event_bus::test::quiet_logger());
    std::set<std::int32_t> pa, pb;
    auto sa = f.bus.subscribe("orders.events", "split",
                              [&](const event_message& m) { pa.insert(*m.partition()); });
    auto sb = other.subscribe("orders.events", "split",
                              [&](const event_message& m) { pb.insert(*m.partition()); });
    f.run(f.bus.async_start());
    f.run(other.async_start());
    // The second member joins with a rebalance: keep publishing to every partition until both
    // buses have received something.
    for (int round = 0; round < 100 && (pa.empty() || pb.empty()); ++round) {
        for (int k = 0; k < 8; ++k)
            f.run(
                f.bus.async_publish("orders.events", "key-" + std::to_string(round * 8 + k), "v"));
        run_until(
            f.ioc, [&] { return !pa.empty() && !pb.empty(); }, std::chrono::milliseconds(200));
    }
    BOOST_TEST(!pa.empty());
    BOOST_TEST(!pb.empty());
    f.run(other.async_close());
    // After the rebalance, no partition was owned by both at once; with 4 partitions, each
    // received from a partition the other did not.
    BOOST_TEST(pa.size() + pb.size() >= 2U);
}

BOOST_AUTO_TEST_CASE(ack_stores_the_offset_before_the_handler_returns) {
    auto cluster = kafka_fixture::make_cluster(1);
    {
        kafka_fixture f(*cluster, {});
        int calls = 0;
        auto sub = f.bus.subscribe("orders.events", "acker", [&](const event_message& m) {
            ++calls;
            m.ack();
            throw std::runtime_error("after ack");
        });
        f.run(f.bus.async_start());
        f.run(f.bus.async_publish("orders.events", std::nullopt, "acked"));
        BOOST_REQUIRE(run_until(f.ioc, [&] { return calls == 1; }));
        f.run(f.bus.async_close());
        BOOST_TEST(calls == 1); // acknowledged: neither retried nor dead-lettered
    }
    kafka_fixture f(*cluster, {});
    std::vector<std::string> seen;
    auto sub = f.bus.subscribe("orders.events", "acker",
                               [&](const event_message& m) { seen.emplace_back(m.value()); });
    f.run(f.bus.async_start());
    f.run(f.bus.async_publish("orders.events", std::nullopt, "marker"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return !seen.empty(); }));
    BOOST_TEST(seen.front() == "marker");
}

BOOST_AUTO_TEST_CASE(start_consuming_runs_until_the_bus_closes) {
    kafka_fixture f;
    int got = 0;
    auto sub = f.bus.subscribe("orders.events", "runner", [&](const event_message&) { ++got; });
    std::optional<boost::system::error_code> done;
    f.bus.async_start_consuming([&](boost::system::error_code ec) { done = ec; });
    BOOST_REQUIRE(run_until(f.ioc, [&] { return f.bus.is_started(); }));
    f.run(f.bus.async_publish("orders.events", std::nullopt, "m"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return got == 1; }));
    BOOST_TEST(!done.has_value());
    f.run(f.bus.async_close());
    BOOST_REQUIRE(run_until(f.ioc, [&] { return done.has_value(); }));
    BOOST_TEST(!*done);
}

BOOST_AUTO_TEST_SUITE_END()
