// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "bus_test.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/event_envelope.hpp>
#include <onex/event_bus/inmemory_event_publisher.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace bus_test;
namespace json = boost::json;

namespace test_event_publisher {

// An in-memory bus and a publisher over it, recording what subscribers of `topic` receive and
// what the publisher logs.
struct publisher_fixture : testing::bus_fixture {
    std::vector<std::string> lines;
    inmemory_event_publisher publisher;
    std::vector<received> seen;
    subscription sub;

    explicit publisher_fixture(const std::string& topic = "user.created.v1")
        : publisher(bus, "my-service", "instance-1",
                    std::make_shared<logger>(log_level::warning,
                                             [this](log_level l, std::string_view m) {
                                                 lines.push_back(std::string(to_string(l)) + ": " +
                                                                 std::string(m));
                                             }))
        , sub(bus.subscribe(topic, "observer",
                            [this](const event_message& m) { seen.push_back(copy(m)); })) {}

    boost::system::error_code publish(std::string_view event_type, json::value payload,
                                      publish_options o = {}) {
        std::optional<boost::system::error_code> result;
        publisher.async_publish(event_type, std::move(payload), std::move(o),
                                [&](boost::system::error_code ec) { result = ec; });
        BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
        return *result;
    }

    json::object envelope(std::size_t i = 0) const {
        BOOST_REQUIRE(seen.size() > i);
        return json::parse(seen[i].value).as_object();
    }
};

std::vector<std::string> keys_of(const json::object& o) {
    std::vector<std::string> keys;
    for (const auto& kv : o)
        keys.emplace_back(kv.key());
    return keys;
}

} // namespace test_event_publisher

BOOST_AUTO_TEST_SUITE(test_event_publisher)

BOOST_AUTO_TEST_CASE(an_envelope_has_the_peers_fields_in_the_peers_order) {
    publisher_fixture f;
    BOOST_TEST(!f.publish("user.created.v1", json::object{{"user_id", "123"}}));
    const json::object e = f.envelope();
    const std::vector<std::string> expected{"payload",
                                            "envelope_id",
                                            "envelope_timestamp",
                                            "correlation_id",
                                            "source_tool",
                                            "target_tool",
                                            "metadata",
                                            "security_context",
                                            "event_type",
                                            "payload_type",
                                            "payload_schema_version",
                                            "priority",
                                            "timeout_seconds",
                                            "retry_count",
                                            "request_id",
                                            "trace_id",
                                            "span_id",
                                            "onex_version",
                                            "envelope_version"};
    BOOST_TEST(keys_of(e) == expected, boost::test_tools::per_element());
    BOOST_TEST(json::serialize(e.at("payload")) == R"({"user_id":"123"})");
    BOOST_TEST(e.at("source_tool").as_string() == "my-service.instance-1");
    BOOST_TEST(e.at("priority").as_int64() == 5);
    BOOST_TEST(e.at("retry_count").as_int64() == 0);
    BOOST_TEST(e.at("target_tool").is_null());
    BOOST_TEST(json::serialize(e.at("onex_version")) ==
               R"({"major":1,"minor":0,"patch":0,"prerelease":null,"build":null})");
    BOOST_TEST(json::serialize(e.at("envelope_version")) ==
               R"({"major":2,"minor":1,"patch":0,"prerelease":null,"build":null})");
    BOOST_TEST(std::string(e.at("envelope_timestamp").as_string()).ends_with("Z"));
    const json::object& tags = e.at("metadata").at("tags").as_object();
    BOOST_TEST(json::serialize(tags) ==
               R"({"event_type":"user.created.v1","service_name":"my-service",)"
               R"("instance_id":"instance-1"})");
}

BOOST_AUTO_TEST_CASE(headers_carry_the_envelopes_correlation_id_service_and_event_type) {
    publisher_fixture f;
    BOOST_TEST(!f.publish("user.created.v1", json::object{}));
    const json::object e = f.envelope();
    const received& m = f.seen.front();
    BOOST_TEST(boost::uuids::to_string(m.headers.correlation_id) ==
               e.at("correlation_id").as_string());
    BOOST_TEST(m.headers.source == "my-service");
    BOOST_TEST(m.headers.event_type == "user.created.v1");
    BOOST_TEST(m.topic == "user.created.v1"); // the event type is the topic
    BOOST_TEST(!m.key.has_value());
    BOOST_TEST(format_timestamp(m.headers.timestamp) ==
               format_timestamp(*parse_timestamp(e.at("envelope_timestamp").as_string())));
}

BOOST_AUTO_TEST_CASE(an_explicit_topic_wins_and_the_partition_key_is_the_message_key) {
    publisher_fixture f("orders.high-priority");
    publish_options o;
    o.topic = "orders.high-priority";
    o.partition_key = "cust-789";
    o.causation_id = "cmd-123";
    o.correlation_id = "8C1A3A3E-2B4F-4D5E-9F60-718293A4B5C6";
    BOOST_TEST(!f.publish("order.placed.v1", json::object{{"order_id", "ord-456"}}, o));
    BOOST_REQUIRE(f.seen.size() == 1u);
    BOOST_TEST((f.seen.front().key == std::optional<std::string>("cust-789")));
    const json::object e = f.envelope();
    BOOST_TEST(e.at("correlation_id").as_string() == "8c1a3a3e-2b4f-4d5e-9f60-718293a4b5c6");
    BOOST_TEST(e.at("metadata").at("tags").at("causation_id").as_string() == "cmd-123");
    BOOST_TEST(e.at("metadata").at("tags").at("event_type").as_string() == "order.placed.v1");
    BOOST_TEST(f.seen.front().headers.event_type == "order.placed.v1");
}

BOOST_AUTO_TEST_CASE(a_correlation_id_that_is_not_a_uuid_is_replaced_and_logged) {
    publisher_fixture f;
    publish_options o;
    o.correlation_id = "corr-abc";
    BOOST_TEST(!f.publish("user.created.v1", json::object{}, o));
    const std::string fresh(f.envelope().at("correlation_id").as_string());
    BOOST_TEST(fresh != "corr-abc");
    BOOST_TEST(boost::uuids::to_string(f.seen.front().headers.correlation_id) == fresh);
    const std::vector<std::string> expected{
        "warning: Publisher my-service: correlation_id 'corr-abc' is not a UUID; using a fresh "
        "one: " +
        fresh};
    BOOST_TEST(f.lines == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(metadata_becomes_tags_in_order_and_non_strings_become_json_text) {
    publisher_fixture f;
    publish_options o;
    o.metadata = json::object{{"tenant", "acme"},
                              {"attempt", 2},
                              {"flags", json::array{1, 2}},
                              {"service_name", "override"}};
    BOOST_TEST(!f.publish("user.created.v1", json::object{}, o));
    const json::object e = f.envelope();
    const json::object& tags = e.at("metadata").at("tags").as_object();
    BOOST_TEST(json::serialize(tags) ==
               R"({"event_type":"user.created.v1","service_name":"override",)"
               R"("instance_id":"instance-1","tenant":"acme","attempt":"2","flags":"[1,2]"})");
}

BOOST_AUTO_TEST_CASE(trace_ids_go_to_the_envelope_and_the_headers) {
    publisher_fixture f;
    publish_options o;
    o.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    o.span_id = "00f067aa0ba902b7";
    o.parent_span_id = "a0f067aa0ba902b7";
    BOOST_TEST(!f.publish("user.created.v1", json::object{}, o));
    const json::object e = f.envelope();
    BOOST_TEST(e.at("trace_id").as_string() == *o.trace_id);
    BOOST_TEST(e.at("span_id").as_string() == *o.span_id);
    BOOST_TEST(e.at("metadata").at("parent_span_id").as_string() == *o.parent_span_id);
    const event_headers& h = f.seen.front().headers;
    BOOST_TEST((h.trace_id == o.trace_id));
    BOOST_TEST((h.span_id == o.span_id));
    BOOST_TEST((h.parent_span_id == o.parent_span_id));
}

BOOST_AUTO_TEST_CASE(metrics_count_successes_and_failures_and_reset_keeps_the_closed_flag) {
    publisher_fixture f;
    BOOST_TEST(!f.publish("user.created.v1", json::object{}));
    BOOST_TEST(!f.publish("user.created.v1", json::object{}));
    publisher_metrics m = f.publisher.metrics();
    BOOST_TEST(m.events_published == 2u);
    BOOST_TEST(m.events_failed == 0u);
    BOOST_TEST(m.total_publish_time_ms > 0.0);
    BOOST_TEST(m.avg_publish_time_ms == m.total_publish_time_ms / 2.0);
    BOOST_TEST(m.circuit_breaker_status == circuit_state::closed);

    // A failing bus: closed underneath the publisher, so the bus refuses.
    f.run(f.bus.async_close());
    diagnostics diag;
    std::optional<boost::system::error_code> result;
    f.publisher.async_publish("user.created.v1", json::object{}, {}, diag,
                              [&](boost::system::error_code ec) { result = ec; });
    BOOST_REQUIRE(run_until(f.ioc, [&] { return result.has_value(); }));
    BOOST_TEST(*result == make_error_code(errc::unavailable));
    BOOST_TEST(diag.message == "Event bus not started. Call start() first.");
    m = f.publisher.metrics();
    BOOST_TEST(m.events_failed == 1u);
    BOOST_TEST(m.current_failures == 1u);
    BOOST_TEST(f.lines.back() == "error: Publisher my-service: publish to user.created.v1 failed: "
                                 "Event bus not started. Call start() first.");

    f.run(f.bus.async_start());
    BOOST_TEST(!f.publish("user.created.v1", json::object{}));
    BOOST_TEST(f.publisher.metrics().current_failures == 0u);
    BOOST_TEST(f.publisher.metrics().events_published == 3u);

    f.publisher.reset_metrics();
    BOOST_TEST((f.publisher.metrics() == publisher_metrics{}));
    BOOST_TEST(!f.publisher.is_closed());
    f.run(f.publisher.async_close());
    f.publisher.reset_metrics();
    BOOST_TEST(f.publisher.is_closed());
}

BOOST_AUTO_TEST_CASE(publishing_after_close_is_unavailable_and_not_counted) {
    publisher_fixture f;
    f.run(f.publisher.async_close());
    BOOST_TEST(f.publisher.is_closed());
    BOOST_TEST(!f.bus.is_started()); // the publisher closes its bus, as the peer does
    diagnostics diag;
    bool inline_completion = true;
    std::optional<boost::system::error_code> result;
    f.publisher.async_publish("user.created.v1", json::object{}, {}, diag,
                              [&](boost::system::error_code ec) {
                                  result = ec;
                                  BOOST_TEST(!inline_completion);
                              });
    inline_completion = false;
    BOOST_REQUIRE(run_until(f.ioc, [&] { return result.has_value(); }));
    BOOST_TEST(*result == make_error_code(errc::unavailable));
    BOOST_TEST(diag.message == "Publisher has been closed");
    BOOST_TEST(diag.operation == "publish");
    BOOST_TEST(diag.transport == "inmemory");
    BOOST_TEST(diag.topic == "user.created.v1");
    BOOST_TEST(f.publisher.metrics().events_failed == 0u);
    BOOST_CHECK_THROW(f.run(f.publisher.async_publish("user.created.v1", json::object{})),
                      infra_unavailable_error);
}

BOOST_AUTO_TEST_CASE(the_completion_runs_on_the_handlers_associated_executor) {
    publisher_fixture f;
    auto strand = boost::asio::make_strand(f.ioc);
    std::optional<bool> on_strand;
    f.publisher.async_publish("user.created.v1", json::object{}, {},
                              boost::asio::bind_executor(strand, [&](boost::system::error_code) {
                                  on_strand = strand.running_in_this_thread();
                              }));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return on_strand.has_value(); }));
    BOOST_TEST(*on_strand);
}

BOOST_AUTO_TEST_CASE(a_default_instance_id_is_a_fresh_uuid) {
    testing::bus_fixture f;
    inmemory_event_publisher a(f.bus), b(f.bus);
    BOOST_TEST(a.service_name() == "inmemory-publisher");
    BOOST_TEST(a.instance_id() != b.instance_id());
    BOOST_TEST(a.instance_id().size() == 36u);
}

BOOST_AUTO_TEST_CASE(an_envelope_round_trips_through_json) {
    event_envelope e;
    e.payload = json::object{{"k", json::array{1, "two", nullptr}}};
    e.correlation_id = new_uuid();
    e.source_tool = "svc.1";
    e.metadata.tags["a"] = "b";
    e.metadata.trace_id = "t";
    e.timeout_seconds = 30;
    e.envelope_timestamp = *parse_timestamp("2025-01-15T12:00:00.123456+00:00");
    const json::value jv = json::value_from(e);
    BOOST_TEST(jv.at("envelope_timestamp").as_string() == "2025-01-15T12:00:00.123456Z");
    BOOST_TEST((json::value_to<event_envelope>(jv) == e));
}

BOOST_AUTO_TEST_CASE(reading_an_envelope_names_the_bad_field_and_ignores_unknown_ones) {
    json::object o = json::value_from(event_envelope{}).as_object();
    o["from_a_newer_peer"] = 1;
    BOOST_CHECK_NO_THROW(json::value_to<event_envelope>(json::value(o)));
    const auto fails_with = [](json::object bad, const std::string& message) {
        try {
            (void)json::value_to<event_envelope>(json::value(bad));
            BOOST_ERROR("accepted: " << json::serialize(bad));
        } catch (const std::invalid_argument& e) {
            BOOST_TEST(e.what() == message);
        }
    };
    json::object bad = o;
    bad["envelope_id"] = "nope";
    fails_with(bad, "event_envelope field 'envelope_id' is not a UUID: 'nope'");
    bad = o;
    bad.erase("payload");
    fails_with(bad, "event_envelope field 'payload' is missing");
    bad = o;
    bad["priority"] = "high";
    fails_with(bad, "event_envelope field 'priority' must be an integer");
    bad = o;
    bad["envelope_timestamp"] = "yesterday";
    fails_with(bad, "event_envelope field 'envelope_timestamp' is not an ISO-8601 time: "
                    "'yesterday'");
    BOOST_CHECK_THROW(json::value_to<event_envelope>(json::value(3)), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(metrics_serialize_with_the_guides_keys) {
    publisher_metrics m;
    m.events_published = 3;
    m.circuit_breaker_status = circuit_state::open;
    BOOST_TEST(json::serialize(json::value_from(m)) ==
               R"({"events_published":3,"events_failed":0,"events_sent_to_dlq":0,)"
               R"("total_publish_time_ms":0E0,"avg_publish_time_ms":0E0,)"
               R"("circuit_breaker_opens":0,"retries_attempted":0,)"
               R"("circuit_breaker_status":"open","current_failures":0})");
}

namespace publisher_example {

//[publisher_usage
// A service that emits events depends on event_publisher only: production passes a
// kafka_event_publisher, tests an inmemory_event_publisher.
asio::awaitable<void> place_order(event_publisher& events, std::string order_id) {
    publish_options o;
    o.topic = "orders.high-priority"; // default: the event type
    o.partition_key = "cust-789";     // the Kafka message key
    o.correlation_id = "8c1a3a3e-2b4f-4d5e-9f60-718293a4b5c6";
    o.causation_id = "cmd-123"; // stored in metadata.tags
    json::object payload{{"order_id", order_id}, {"customer_id", "cust-789"}};
    auto publish = events.async_publish("order.placed.v1", std::move(payload), std::move(o),
                                        asio::as_tuple(asio::use_awaitable));
    auto [ec] = co_await std::move(publish);
    if (ec) // counted in metrics().events_failed; the bus already retried
        std::cerr << "order " << order_id << " not announced: " << ec.message() << "\n";
}
//]

} // namespace publisher_example

BOOST_AUTO_TEST_CASE(the_readmes_publisher_example_publishes_and_counts) {
    testing::bus_fixture f;
    std::vector<received> seen;
    auto sub = f.bus.subscribe("orders.high-priority", "shipping",
                               [&](const event_message& m) { seen.push_back(copy(m)); });
    inmemory_event_publisher publisher(f.bus, "my-service");
    bool done = false;
    asio::co_spawn(f.ioc, publisher_example::place_order(publisher, "ord-456"),
                   [&](const std::exception_ptr& e) { done = !e; });
    BOOST_REQUIRE(run_until(f.ioc, [&] { return done; }));
    BOOST_REQUIRE(seen.size() == 1u);
    BOOST_TEST((seen.front().key == std::optional<std::string>("cust-789")));
    BOOST_TEST(publisher.metrics().events_published == 1u);
    const auto e = json::parse(seen.front().value);
    BOOST_TEST(e.at("payload").at("order_id").as_string() == "ord-456");
    BOOST_TEST(e.at("correlation_id").as_string() == "8c1a3a3e-2b4f-4d5e-9f60-718293a4b5c6");
}

BOOST_AUTO_TEST_SUITE_END()
