// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka_fixture.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/infra_error.hpp>
#include <onex/event_bus/kafka_event_bus.hpp>
#include <onex/event_bus/logger.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace kafka_bus_test;

namespace {

// Starts a bus on `servers` with a 1 s timeout, returning the error and the diagnostics.
std::pair<boost::system::error_code, diagnostics> try_start(const std::string& servers) {
    asio::io_context ioc;
    auto cfg = mock_config(servers);
    cfg.timeout_seconds = 1;
    kafka_event_bus bus(ioc, cfg, test::quiet_logger());
    diagnostics diag;
    std::optional<boost::system::error_code> result;
    bus.async_start(diag, [&](boost::system::error_code ec) { result = ec; });
    BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
    BOOST_TEST(bus.circuit_breaker_status().failures == 1u);
    BOOST_TEST(!bus.is_started());
    return {*result, diag};
}

} // namespace

BOOST_AUTO_TEST_SUITE(test_kafka_event_bus)

BOOST_AUTO_TEST_CASE(starts_and_closes_against_the_mock_cluster) {
    kafka_fixture f;
    BOOST_TEST(!f.bus.is_started());
    f.run(f.bus.async_start());
    BOOST_TEST(f.bus.is_started());
    auto health = f.bus.health_check();
    BOOST_TEST(health.at("healthy").as_bool());
    BOOST_TEST(health.at("circuit_state").as_string() == "closed");
    BOOST_TEST(health.at("bootstrap_servers").as_string() == f.cluster.bootstrap_servers());
    const kafka_health typed = f.bus.health();
    BOOST_TEST(typed.healthy);
    BOOST_TEST(typed.publish_circuit == circuit_state::closed);
    BOOST_TEST(typed.bootstrap_servers == f.cluster.bootstrap_servers());
    BOOST_TEST(typed.consumer_count == 0u);
    BOOST_TEST(typed.publishes_in_flight == 0u);
    f.run(f.bus.async_start()); // a no-op
    f.run(f.bus.async_close());
    BOOST_TEST(!f.bus.is_started());
    BOOST_TEST(!f.bus.health().healthy);
    f.run(f.bus.async_close()); // idempotent
}

BOOST_AUTO_TEST_CASE(a_start_against_a_refusing_address_fails_and_counts_against_the_circuit) {
    const auto [ec, diag] = try_start("127.0.0.1:1");
    BOOST_TEST(ec == make_error_code(errc::connection_failed));
    BOOST_TEST(diag.message.starts_with("Failed to connect to Kafka: "));
    BOOST_TEST(diag.message.find("Connection refused") != std::string::npos);
    BOOST_TEST(diag.servers == "127.0.0.1:1");
}

BOOST_AUTO_TEST_CASE(a_start_that_hears_nothing_times_out_and_counts_against_the_circuit) {
    // A listening socket that never answers: the client connects, then waits.
    asio::io_context ioc;
    asio::ip::tcp::acceptor silent(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    const auto [ec, diag] =
        try_start("127.0.0.1:" + std::to_string(silent.local_endpoint().port()));
    BOOST_TEST(ec == make_error_code(errc::timeout));
    BOOST_TEST(diag.message == "Timeout connecting to Kafka after 1s");
}

BOOST_AUTO_TEST_CASE(a_close_during_the_start_aborts_it_and_completes) {
    asio::io_context ioc;
    asio::ip::tcp::acceptor silent(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    kafka_config c = mock_config("127.0.0.1:" + std::to_string(silent.local_endpoint().port()));
    c.timeout_seconds = 30; // the close, not the timeout, must end the start
    kafka_event_bus bus(ioc, c, test::quiet_logger());
    std::optional<boost::system::error_code> started, closed;
    bus.async_start([&](boost::system::error_code ec) { started = ec; });
    bus.async_close([&](boost::system::error_code ec) { closed = ec; });
    BOOST_REQUIRE(run_until(
        ioc, [&] { return started && closed; }, std::chrono::seconds(20)));
    BOOST_TEST(*started == boost::asio::error::operation_aborted);
    BOOST_TEST(!*closed);
    BOOST_TEST(!bus.is_started());
}

BOOST_AUTO_TEST_CASE(the_factories_validate_and_name_the_bad_field) {
    asio::io_context ioc;
    kafka_config bad;
    bad.timeout_seconds = 0;
    BOOST_CHECK_EXCEPTION(
        kafka_event_bus::from_config(ioc.get_executor(), bad), protocol_configuration_error,
        [](const protocol_configuration_error& e) { return e.parameter() == "timeout_seconds"; });
    BOOST_CHECK_THROW(kafka_event_bus::from_yaml(ioc.get_executor(), "/nonexistent/onex.yaml"),
                      protocol_configuration_error);
    auto bus = kafka_event_bus::from_config(ioc.get_executor(), mock_config("broker:9092"));
    BOOST_TEST(bus.config().bootstrap_servers == "broker:9092");
    BOOST_TEST(bus.environment() == "test");
}

BOOST_AUTO_TEST_CASE(publishing_before_start_fails_as_unavailable) {
    kafka_fixture f;
    BOOST_TEST(f.publish("orders.events", std::nullopt, "x") == make_error_code(errc::unavailable));
}

BOOST_AUTO_TEST_CASE(an_invalid_topic_name_fails_with_the_name_of_the_rule) {
    kafka_fixture f;
    f.run(f.bus.async_start());
    diagnostics diag;
    std::optional<boost::system::error_code> result;
    f.bus.async_publish("bad topic!", std::nullopt, "x", event_headers{}, diag,
                        [&](boost::system::error_code ec) { result = ec; });
    BOOST_REQUIRE(run_until(f.ioc, [&] { return result.has_value(); }));
    BOOST_TEST(*result == make_error_code(errc::configuration));
    BOOST_TEST(diag.parameter == "topic");
    BOOST_TEST(diag.message.find("contains invalid characters") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_message_round_trips_with_every_header_field) {
    kafka_fixture f;
    std::vector<received> got;
    auto sub = f.bus.subscribe("orders.events", "round-trip",
                               [&](const event_message& m) { got.push_back(copy(m)); });
    f.run(f.bus.async_start());

    event_headers h;
    h.source = "orders-service";
    h.event_type = "order.created";
    h.content_type = "application/x-test";
    h.schema_version = "2.1.0";
    h.destination = "billing";
    h.trace_id = "trace-1";
    h.span_id = "span-1";
    h.parent_span_id = "parent-1";
    h.operation_name = "create";
    h.routing_key = "route";
    h.partition_key = "pk";
    h.priority = priority::high;
    h.retry_count = 1;
    h.max_retries = 7;
    h.ttl_seconds = 0;
    f.run(f.bus.async_publish("orders.events", "order-1", R"({"id":1})", h));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return got.size() == 1; }));

    const auto& m = got.front();
    BOOST_TEST(m.topic == "orders.events");
    BOOST_TEST((m.key == std::optional<std::string>("order-1")));
    BOOST_TEST(m.value == R"({"id":1})");
    BOOST_TEST((m.partition == std::optional<std::int32_t>(0)));
    BOOST_TEST((m.offset == std::optional<std::string>("0")));
    BOOST_TEST(m.headers.correlation_id == h.correlation_id);
    BOOST_TEST(m.headers.message_id == h.message_id);
    BOOST_TEST(format_timestamp(m.headers.timestamp) == format_timestamp(h.timestamp));
    BOOST_TEST(m.headers.source == h.source);
    BOOST_TEST(m.headers.event_type == h.event_type);
    BOOST_TEST(m.headers.content_type == h.content_type);
    BOOST_TEST(m.headers.schema_version == h.schema_version);
    BOOST_TEST((m.headers.destination == h.destination));
    BOOST_TEST((m.headers.trace_id == h.trace_id));
    BOOST_TEST((m.headers.span_id == h.span_id));
    BOOST_TEST((m.headers.parent_span_id == h.parent_span_id));
    BOOST_TEST((m.headers.operation_name == h.operation_name));
    BOOST_TEST((m.headers.routing_key == h.routing_key));
    BOOST_TEST((m.headers.partition_key == h.partition_key));
    BOOST_TEST((m.headers.priority == h.priority));
    BOOST_TEST(m.headers.retry_count == 1);
    BOOST_TEST(m.headers.max_retries == 7);
    BOOST_TEST((m.headers.ttl_seconds == std::optional<std::int64_t>(0)));
}

BOOST_AUTO_TEST_CASE(default_headers_name_the_environment_and_the_topic) {
    kafka_fixture f;
    std::vector<received> got;
    auto sub = f.bus.subscribe("orders.events", "defaults",
                               [&](const event_message& m) { got.push_back(copy(m)); });
    f.run(f.bus.async_start());
    f.run(f.bus.async_publish("orders.events", std::nullopt, "no key"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return got.size() == 1; }));
    BOOST_TEST(!got.front().key.has_value());
    BOOST_TEST(got.front().headers.source == "test");
    BOOST_TEST(got.front().headers.event_type == "orders.events");
}

BOOST_AUTO_TEST_CASE(messages_with_the_same_key_share_a_partition) {
    kafka_fixture f(4);
    std::vector<received> got;
    auto sub = f.bus.subscribe("orders.events", "keys",
                               [&](const event_message& m) { got.push_back(copy(m)); });
    f.run(f.bus.async_start());
    for (int i = 0; i < 10; ++i) {
        f.run(f.bus.async_publish("orders.events", "same-key", std::to_string(i)));
        f.run(f.bus.async_publish("orders.events", "key-" + std::to_string(i), "other"));
    }
    BOOST_REQUIRE(run_until(f.ioc, [&] { return got.size() == 20; }));
    std::set<std::int32_t> same, all;
    std::vector<std::string> order;
    for (const auto& m : got) {
        all.insert(*m.partition);
        if (m.key == std::optional<std::string>("same-key")) {
            same.insert(*m.partition);
            order.push_back(m.value);
        }
    }
    BOOST_TEST(same.size() == 1U);
    BOOST_TEST(all.size() > 1U);
    const std::vector<std::string> expected{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    BOOST_TEST(order == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(two_groups_each_receive_every_message) {
    kafka_fixture f;
    int a = 0, b = 0;
    auto sa = f.bus.subscribe("orders.events", "group-a", [&](const event_message&) { ++a; });
    auto sb = f.bus.subscribe("orders.events", "group-b", [&](const event_message&) { ++b; });
    f.run(f.bus.async_start());
    for (int i = 0; i < 5; ++i)
        f.run(f.bus.async_publish("orders.events", std::nullopt, "m"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return a == 5 && b == 5; }));
    BOOST_TEST(f.bus.health().consumer_count == 2u);
}

BOOST_AUTO_TEST_CASE(subscriptions_of_one_group_each_receive_every_message_in_order) {
    kafka_fixture f;
    std::vector<std::string> calls;
    auto s1 = f.bus.subscribe("orders.events", "shared", [&](const event_message& m) {
        calls.push_back("1:" + std::string(m.value()));
    });
    auto s2 = f.bus.subscribe("orders.events", "shared",
                              [&](const event_message& m) -> asio::awaitable<void> {
                                  calls.push_back("2:" + std::string(m.value()));
                                  co_return;
                              });
    f.run(f.bus.async_start());
    f.run(f.bus.async_publish("orders.events", std::nullopt, "a"));
    f.run(f.bus.async_publish("orders.events", std::nullopt, "b"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return calls.size() == 4; }));
    const std::vector<std::string> expected{"1:a", "2:a", "1:b", "2:b"};
    BOOST_TEST(calls == expected, boost::test_tools::per_element());
    BOOST_TEST(f.bus.health().consumer_count == 1u);
}

BOOST_AUTO_TEST_CASE(publishing_to_an_unknown_topic_fails_at_once_without_counting) {
    kafka_fixture f(
        1, [](kafka_config& c) { c.librdkafka["topic.metadata.propagation.max.ms"] = "10"; });
    rd_kafka_mock_topic_set_error(f.cluster.get(), "orders.missing",
                                  RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
    f.run(f.bus.async_start());
    diagnostics diag;
    std::optional<boost::system::error_code> result;
    f.bus.async_publish("orders.missing", std::nullopt, "x", event_headers{}, diag,
                        [&](boost::system::error_code ec) { result = ec; });
    BOOST_REQUIRE(run_until(f.ioc, [&] { return result.has_value(); }));
    BOOST_TEST(*result == make_error_code(errc::configuration));
    BOOST_TEST(diag.message ==
               "Topic 'orders.missing' not found on broker. Ensure the topic is provisioned "
               "before publishing.");
    BOOST_TEST(diag.parameter == "topic");
    BOOST_TEST((diag.attempts == std::optional<std::uint32_t>(1)));
    BOOST_TEST(f.bus.circuit_breaker_status().failures == 0u);
}

BOOST_AUTO_TEST_CASE(a_message_over_max_request_size_fails_at_once_as_configuration) {
    kafka_fixture f(1, [](kafka_config& c) { c.max_request_size = 1024; });
    f.run(f.bus.async_start());
    diagnostics diag;
    std::optional<boost::system::error_code> result;
    f.bus.async_publish("orders.events", std::nullopt, std::string(4096, 'x'), event_headers{},
                        diag, [&](boost::system::error_code ec) { result = ec; });
    BOOST_TEST(!result.has_value()); // never inside the initiating call
    BOOST_REQUIRE(run_until(f.ioc, [&] { return result.has_value(); }));
    BOOST_TEST(*result == make_error_code(errc::configuration));
    BOOST_TEST(diag.parameter == "value");
    BOOST_TEST(diag.message.find("too large (4096 bytes)") != std::string::npos);
    BOOST_TEST(f.bus.circuit_breaker_status().failures == 0u);
    BOOST_TEST(f.publish("orders.events", std::nullopt, "small") == boost::system::error_code());
}

BOOST_AUTO_TEST_CASE(injected_produce_errors_are_retried_and_succeed) {
    kafka_fixture f;
    f.run(f.bus.async_start());
    rd_kafka_mock_push_request_errors(f.cluster.get(), 0 /* ApiKey Produce */, 2,
                                      RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                      RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
    BOOST_TEST(!f.publish("orders.events", "k", "v"));
    BOOST_TEST(f.bus.circuit_breaker_status().state == circuit_state::closed);
}

BOOST_AUTO_TEST_CASE(a_downed_broker_opens_the_circuit_which_closes_once_it_is_back) {
    mock_cluster cluster;
    cluster.create_topic("orders.events");
    asio::io_context ioc;
    auto cfg = mock_config(cluster.bootstrap_servers());
    cfg.timeout_seconds = 1;
    cfg.max_retry_attempts = 1;
    cfg.circuit_breaker_threshold = 2;
    cfg.circuit_breaker_reset_timeout = 0.2;
    std::vector<std::string> transitions; // the bus's log lines about its circuit
    auto log = std::make_shared<logger>(log_level::info, [&](log_level, std::string_view m) {
        if (m.starts_with("Circuit breaker"))
            transitions.emplace_back(m);
    });
    kafka_event_bus bus(ioc, cfg, log);
    testing::run(ioc, bus.async_start());

    rd_kafka_mock_broker_set_down(cluster.get(), 1);
    diagnostics diag;
    std::optional<boost::system::error_code> result;
    bus.async_publish("orders.events", "k", "v", event_headers{}, diag,
                      [&](boost::system::error_code ec) { result = ec; });
    BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
    BOOST_TEST(*result == make_error_code(errc::timeout));
    BOOST_TEST((diag.attempts == std::optional<std::uint32_t>(2)));
    BOOST_TEST(bus.circuit_breaker_status().state == circuit_state::open);

    result.reset();
    bus.async_publish("orders.events", "k", "v", event_headers{}, diag,
                      [&](boost::system::error_code ec) { result = ec; });
    BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
    BOOST_TEST(*result == make_error_code(errc::unavailable));
    BOOST_TEST(diag.retry_after.has_value());
    BOOST_TEST((diag.circuit_state == circuit_state::open));

    rd_kafka_mock_broker_set_up(cluster.get(), 1);
    // Half-open after the reset timeout: the next publish is let through and closes the circuit.
    asio::steady_timer wait(ioc, std::chrono::milliseconds(250));
    testing::run(ioc, wait.async_wait(asio::deferred));
    BOOST_TEST(bus.circuit_breaker_status().state == circuit_state::half_open);
    testing::run(ioc, bus.async_publish("orders.events", "k", "v"));
    BOOST_TEST(bus.circuit_breaker_status().state == circuit_state::closed);
    testing::run(ioc, bus.async_close());
    const std::vector<std::string> expected{
        "Circuit breaker kafka.test: closed -> open (2/2 failures)",
        "Circuit breaker kafka.test: open -> half_open (0/2 failures)",
        "Circuit breaker kafka.test: half_open -> closed (0/2 failures)"};
    BOOST_TEST(transitions == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(closing_with_publishes_in_flight_completes_each_exactly_once) {
    kafka_fixture f;
    f.run(f.bus.async_start());
    constexpr int count = 200;
    std::vector<int> completions(count, 0);
    int failed = 0;
    for (int i = 0; i < count; ++i)
        f.bus.async_publish("orders.events", std::nullopt, "v",
                            [&, i](boost::system::error_code ec) {
                                ++completions[static_cast<std::size_t>(i)];
                                failed += ec ? 1 : 0;
                            });
    bool closed = false;
    f.bus.async_close([&](boost::system::error_code) { closed = true; });
    BOOST_REQUIRE(run_until(f.ioc, [&] { return closed; }));
    BOOST_TEST(std::ranges::all_of(completions, [](int c) { return c == 1; }));
    // After close: a fresh publish fails at once.
    BOOST_TEST(f.publish("orders.events", std::nullopt, "late") ==
               make_error_code(errc::unavailable));
    BOOST_TEST(failed == 0); // close flushed them all
}

BOOST_AUTO_TEST_CASE(destroying_the_bus_with_publishes_in_flight_completes_each_once) {
    mock_cluster cluster;
    cluster.create_topic("orders.events");
    asio::io_context ioc;
    constexpr int count = 100;
    std::vector<int> completions(count, 0);
    {
        kafka_event_bus bus(ioc, mock_config(cluster.bootstrap_servers()), test::quiet_logger());
        testing::run(ioc, bus.async_start());
        for (int i = 0; i < count; ++i)
            bus.async_publish(
                "orders.events", std::nullopt, "v",
                [&, i](boost::system::error_code) { ++completions[static_cast<std::size_t>(i)]; });
    } // the destructor starts the close; the io_context finishes it
    ioc.restart();
    ioc.run_for(std::chrono::seconds(30));
    BOOST_TEST(ioc.stopped()); // ran out of work: nothing of the bus is left waiting
    BOOST_TEST(std::ranges::all_of(completions, [](int c) { return c == 1; }));
}

BOOST_AUTO_TEST_SUITE_END()
