// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The rows of the README's "Bad input" table that need a broker (the embedded mock cluster): what
// a user gets for each bad input on the Kafka bus, exactly. The others are in
// test/unit/test_bad_input.cpp.

#include "captured_log.hpp"
#include "kafka_fixture.hpp"
#include "scoped_env.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/inmemory_event_bus.hpp>
#include <onex/event_bus/kafka_config.hpp>
#include <onex/event_bus/kafka_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <librdkafka/rdkafka_mock.h>

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace kafka_bus_test;
using onex::event_bus::test::captured_log;
using onex::event_bus::test::scoped_env;
namespace json = boost::json;

namespace bad_input_kafka_test {

// A Kafka bus on a mock cluster (topics "orders.events" and "orders.dlq") whose log is captured.
struct logged_kafka {
    captured_log log; // declared first: the bus's logger refers to it until the very end
    std::unique_ptr<mock_cluster> cluster = kafka_fixture::make_cluster(1);
    asio::io_context ioc;
    kafka_event_bus bus;

    explicit logged_kafka(const config_tweak& tweak = {}, log_level min = log_level::warning)
        : bus(ioc, kafka_fixture::make_config(*cluster, tweak), log.make(min)) {}
    ~logged_kafka() {
        try {
            testing::run(ioc, bus.async_close());
        } catch (const std::exception& e) {
            BOOST_ERROR("close failed: " << e.what());
        }
    }
    logged_kafka(const logged_kafka&) = delete;
    logged_kafka& operator=(const logged_kafka&) = delete;

    void run(auto&& op) { testing::run(ioc, std::forward<decltype(op)>(op)); }

    // Publishes and returns the completion's error code; `diag` gets the diagnostics.
    boost::system::error_code publish(std::string_view topic, std::string_view value,
                                      diagnostics& diag, const event_headers& h = {}) {
        std::optional<boost::system::error_code> result;
        bus.async_publish(topic, std::nullopt, value, h, diag,
                          [&](boost::system::error_code ec) { result = ec; });
        BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
        return *result;
    }
};

config_tweak with_dlq() {
    return [](kafka_config& c) { c.dead_letter_topic = "orders.dlq"; };
}

} // namespace bad_input_kafka_test

using namespace bad_input_kafka_test;

BOOST_AUTO_TEST_SUITE(test_bad_input_kafka)

// Reported: the start succeeds and only the log says that the group has no consumer.
BOOST_AUTO_TEST_CASE(a_consumer_property_librdkafka_rejects_leaves_the_group_unserved) {
    logged_kafka f([](kafka_config& c) { c.librdkafka["fetch.max.bytes"] = "1024"; },
                   log_level::error);
    auto sub = f.bus.subscribe("orders.events", "unserved", [](const event_message&) {});
    f.run(f.bus.async_start());
    const std::vector<std::string> expected{
        "error: Consumer for group 'unserved' failed to start: librdkafka could not create a "
        "client: `fetch.max.bytes` must be >= `message.max.bytes`: invalid configuration "
        "[onex.event_bus:4]"};
    BOOST_TEST(f.log.starting_with("error: Consumer for group") == expected,
               boost::test_tools::per_element());
    BOOST_TEST(f.bus.health().consumer_count == 0u);
    BOOST_TEST(f.bus.health().healthy);
    BOOST_TEST(f.bus.health().subscriber_count == 1u);
}

BOOST_AUTO_TEST_CASE(a_non_onex_topic_is_published_with_one_warning_per_topic) {
    std::optional<logged_kafka> f;
    {
        const scoped_env mode("ONEX_TOPIC_ENFORCEMENT_MODE", "warn"); // read at construction
        f.emplace();
    }
    f->run(f->bus.async_start());
    diagnostics diag;
    BOOST_TEST(!f->publish("orders.events", "1", diag));
    BOOST_TEST(!f->publish("orders.events", "2", diag));
    const std::vector<std::string> expected{
        "warning: Topic 'orders.events' does not match ONEX format: "
        "onex.(evt|cmd|intent|dlq).<producer>.<event-name>.v<N> (publishing anyway; "
        "ONEX_TOPIC_ENFORCEMENT_MODE=warn)"};
    BOOST_TEST(f->log.starting_with("warning: Topic '") == expected,
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reject_mode_fails_a_non_onex_topic_as_configuration) {
    std::optional<logged_kafka> f;
    {
        const scoped_env mode("ONEX_TOPIC_ENFORCEMENT_MODE", "reject");
        f.emplace();
    }
    f->cluster->create_topic("onex.evt.test.created.v1");
    f->run(f->bus.async_start());
    diagnostics diag;
    BOOST_TEST(f->publish("orders.events", "v", diag) == make_error_code(errc::configuration));
    BOOST_TEST(diag.message == "Topic 'orders.events' does not match ONEX format: "
                               "onex.(evt|cmd|intent|dlq).<producer>.<event-name>.v<N>");
    BOOST_TEST(diag.parameter == "topic");
    BOOST_TEST(diag.value == "orders.events");
    BOOST_TEST(f->bus.circuit_breaker_status().failures == 0u);
    BOOST_TEST(!f->publish("onex.evt.test.created.v1", "v", diag));
}

BOOST_AUTO_TEST_CASE(payloads_that_are_not_json_or_not_utf8_are_delivered_unchanged) {
    const std::string not_json = "not json {";
    const std::string binary("\xff\x00\xfe", 3);
    {
        testing::bus_fixture f;
        std::vector<std::string> got;
        auto sub =
            f.bus.subscribe("t", "g", [&](const event_message& m) { got.emplace_back(m.value()); });
        event_headers h;
        h.source = "s";
        h.event_type = "e"; // content_type stays "application/json": nothing checks it
        f.run(f.bus.async_publish("t", std::nullopt, not_json, h));
        f.run(f.bus.async_publish("t", std::nullopt, binary));
        const std::vector<std::string> expected{not_json, binary};
        BOOST_TEST(got == expected, boost::test_tools::per_element());
    }
    logged_kafka f;
    std::vector<received> got;
    auto sub = f.bus.subscribe("orders.events", "raw-values",
                               [&](const event_message& m) { got.push_back(copy(m)); });
    f.run(f.bus.async_start());
    produce_raw(f.cluster->bootstrap_servers(), "orders.events", not_json,
                {{"content_type", "application/json"}, {"source", "raw"}, {"event_type", "x"}});
    f.run(f.bus.async_publish("orders.events", std::nullopt, binary));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return got.size() == 2; }));
    BOOST_TEST(got[0].value == not_json);
    BOOST_TEST(got[0].headers.content_type == "application/json");
    BOOST_TEST(got[0].headers.source == "raw");
    BOOST_TEST(got[1].value == binary);
    BOOST_TEST(f.bus.health().dead_lettered == 0u);
}

BOOST_AUTO_TEST_CASE(a_malformed_timestamp_header_is_dead_lettered_with_the_reason) {
    logged_kafka f(with_dlq());
    std::vector<received> good, dead;
    auto sub = f.bus.subscribe("orders.events", "timestamps",
                               [&](const event_message& m) { good.push_back(copy(m)); });
    auto dlq = f.bus.subscribe("orders.dlq", "dlq-reader",
                               [&](const event_message& m) { dead.push_back(copy(m)); });
    f.run(f.bus.async_start());
    produce_raw(f.cluster->bootstrap_servers(), "orders.events", "raw",
                {{"timestamp", "yesterday"}, {"source", "s"}});
    f.run(f.bus.async_publish("orders.events", std::nullopt, "after"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return good.size() == 1 && dead.size() == 1; }));
    BOOST_TEST(good.front().value == "after");
    const auto payload = json::parse(dead.front().value).as_object();
    BOOST_TEST(payload.at("failure_reason").as_string() ==
               "deserialization_error: header 'timestamp' is not an ISO-8601 time: 'yesterday'");
    BOOST_TEST(payload.at("failure_type").as_string() == "deserialization_error");
    BOOST_TEST(payload.at("error_type").as_string() == "deserialization_error");
    BOOST_TEST(payload.at("original_message").at("value").as_string() == "raw");
    BOOST_TEST(dead.front().headers.event_type == "dlq_raw_message");
}

BOOST_AUTO_TEST_CASE(a_corrupt_message_without_a_dead_letter_topic_is_logged_and_counted) {
    logged_kafka f({}, log_level::error);
    std::vector<std::string> good;
    auto sub = f.bus.subscribe("orders.events", "decoder",
                               [&](const event_message& m) { good.emplace_back(m.value()); });
    f.run(f.bus.async_start());
    produce_raw(f.cluster->bootstrap_servers(), "orders.events", "raw", {{"source", "\xc3\x28"}});
    f.run(f.bus.async_publish("orders.events", std::nullopt, "after"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return good.size() == 1; }));
    BOOST_TEST(good.front() == "after");
    BOOST_TEST(f.bus.health().unhandled_without_dead_letter_topic == 1u);
    const std::vector<std::string> expected{
        "error: Consumer group 'decoder': orders.events[0]@0 could not be handled and no "
        "dead_letter_topic is configured; its offset is committed. deserialization_error: header "
        "'source' is not valid UTF-8"};
    BOOST_TEST(f.log.starting_with("error: Consumer group 'decoder'") == expected,
               boost::test_tools::per_element());
}

// Reported: the bus publishes headers its own consumers (and the peer) cannot decode.
BOOST_AUTO_TEST_CASE(headers_that_are_not_utf8_are_published_as_given_then_dead_lettered) {
    logged_kafka f(with_dlq());
    int calls = 0;
    std::vector<received> dead;
    auto sub = f.bus.subscribe("orders.events", "latin1", [&](const event_message&) { ++calls; });
    auto dlq = f.bus.subscribe("orders.dlq", "dlq-reader",
                               [&](const event_message& m) { dead.push_back(copy(m)); });
    f.run(f.bus.async_start());
    event_headers h;
    h.source = "caf\xe9"; // Latin-1
    h.event_type = "e";
    diagnostics diag;
    BOOST_TEST(!f.publish("orders.events", "v", diag, h));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return dead.size() == 1; }));
    BOOST_TEST(calls == 0);
    const auto payload = json::parse(dead.front().value).as_object();
    BOOST_TEST(payload.at("failure_reason").as_string() ==
               "deserialization_error: header 'source' is not valid UTF-8");
}

BOOST_AUTO_TEST_CASE(a_handler_throwing_a_non_standard_exception_is_reported_as_unknown) {
    {
        std::vector<std::string> lines;
        auto o = testing::bus_fixture::default_options();
        o.circuit_breaker_threshold = 1;
        o.log = logger(log_level::warning,
                       [&](log_level, std::string_view m) { lines.emplace_back(m); });
        testing::bus_fixture f(o);
        auto sub = f.bus.subscribe("t", "g", [](const event_message&) { throw 42; });
        event_headers h;
        h.source = "s";
        h.event_type = "e";
        BOOST_CHECK_NO_THROW(f.run(f.bus.async_publish("t", std::nullopt, "v", h)));
        BOOST_CHECK_NO_THROW(f.run(f.bus.async_publish("t", std::nullopt, "v", h)));
        const std::vector<std::string> expected{
            "Subscriber group 'g' failed on topic 't' offset 0 (correlation_id " +
                boost::uuids::to_string(h.correlation_id) +
                ", consecutive failures 1): unknown exception",
            "Circuit open for subscriber group 'g' on topic 't'; skipping offset 1"};
        BOOST_TEST(lines == expected, boost::test_tools::per_element());
    }
    logged_kafka f(with_dlq());
    std::vector<received> dead;
    auto sub =
        f.bus.subscribe("orders.events", "throws-int", [](const event_message&) { throw 42; });
    auto dlq = f.bus.subscribe("orders.dlq", "dlq-reader",
                               [&](const event_message& m) { dead.push_back(copy(m)); });
    f.run(f.bus.async_start());
    event_headers h = no_retry_headers();
    h.max_retries = 1;
    f.run(f.bus.async_publish("orders.events", std::nullopt, "v", h));
    // The reader can fetch the record before the delivery report (and its log line) arrives.
    BOOST_REQUIRE(run_until(f.ioc, [&] {
        return dead.size() == 1 &&
               !f.log.starting_with("warning: Consumer group 'throws-int'").empty();
    }));
    const auto payload = json::parse(dead.front().value).as_object();
    BOOST_TEST(payload.at("error_type").as_string() == "unknown");
    BOOST_TEST(payload.at("failure_reason").as_string() == "unknown: a non-standard exception");
    const std::vector<std::string> expected{
        "warning: Handler of group 'throws-int' failed on orders.events[0]@0 (attempt 1/2): "
        "unknown: a non-standard exception",
        "warning: Consumer group 'throws-int': orders.events[0]@0 dead-lettered to orders.dlq "
        "(unknown)"};
    std::vector<std::string> lines = f.log.starting_with("warning: Handler of group");
    const auto dead_lettered = f.log.starting_with("warning: Consumer group 'throws-int'");
    lines.insert(lines.end(), dead_lettered.begin(), dead_lettered.end());
    BOOST_TEST(lines == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(kafka_publish_before_start_while_closing_and_after_close_is_unavailable) {
    logged_kafka f;
    diagnostics diag;
    BOOST_TEST(f.publish("orders.events", "early", diag) == make_error_code(errc::unavailable));
    BOOST_TEST(diag.message == "Event bus not started. Call start() first.");
    BOOST_TEST(diag.topic == "orders.events");
    f.run(f.bus.async_start());

    std::optional<boost::system::error_code> closed, during;
    diagnostics during_diag;
    f.bus.async_close([&](boost::system::error_code ec) { closed = ec; });
    f.bus.async_publish("orders.events", std::nullopt, "during", event_headers{}, during_diag,
                        [&](boost::system::error_code ec) { during = ec; });
    BOOST_REQUIRE(run_until(f.ioc, [&] { return closed && during; }));
    BOOST_TEST(*during == make_error_code(errc::unavailable));
    BOOST_TEST(during_diag.message == "Kafka event bus is shutting down");

    BOOST_TEST(f.publish("orders.events", "late", diag) == make_error_code(errc::unavailable));
    BOOST_TEST(diag.message == "Event bus not started. Call start() first.");
}

BOOST_AUTO_TEST_CASE(a_publish_to_a_silent_broker_times_out_naming_the_attempts) {
    logged_kafka f([](kafka_config& c) {
        c.timeout_seconds = 1;
        c.max_retry_attempts = 1;
    });
    f.run(f.bus.async_start());
    rd_kafka_mock_broker_set_down(f.cluster->get(), 1);
    diagnostics diag;
    BOOST_TEST(f.publish("orders.events", "v", diag) == make_error_code(errc::timeout));
    BOOST_TEST(diag.message == "Timeout publishing to topic orders.events after 2 attempts");
    BOOST_TEST((diag.attempts == std::optional<std::uint32_t>(2)));
    const std::vector<std::string> expected{
        "warning: Publish attempt 1/2 to topic orders.events failed: _MSG_TIMED_OUT",
        "warning: Publish attempt 2/2 to topic orders.events failed: _MSG_TIMED_OUT"};
    BOOST_TEST(f.log.starting_with("warning: Publish attempt") == expected,
               boost::test_tools::per_element());
    rd_kafka_mock_broker_set_up(f.cluster->get(), 1);
}

BOOST_AUTO_TEST_CASE(a_start_while_the_circuit_is_open_fails_fast_with_retry_after) {
    asio::io_context ioc;
    auto cfg = mock_config("127.0.0.1:1");
    cfg.timeout_seconds = 1;
    cfg.circuit_breaker_threshold = 1;
    cfg.circuit_breaker_reset_timeout = 60;
    kafka_event_bus bus(ioc, cfg, std::make_shared<logger>(logger::silent()));
    const auto start = [&](diagnostics& diag) {
        std::optional<boost::system::error_code> result;
        bus.async_start(diag, [&](boost::system::error_code ec) { result = ec; });
        BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
        return *result;
    };
    diagnostics first;
    BOOST_TEST(start(first) == make_error_code(errc::connection_failed));
    diagnostics second;
    BOOST_TEST(start(second) == make_error_code(errc::unavailable));
    BOOST_TEST(second.message == "Circuit breaker is open - kafka.test temporarily unavailable");
    BOOST_TEST((second.circuit_state == circuit_state::open));
    BOOST_TEST_REQUIRE(second.retry_after.has_value());
    BOOST_TEST(second.retry_after->count() <= 60);
    BOOST_TEST(bus.circuit_breaker_status().state == circuit_state::open);
}

BOOST_AUTO_TEST_SUITE_END()
