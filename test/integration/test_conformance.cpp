// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// One set of cases, run against both buses: what a user may rely on whichever bus they hold.
// Each harness declares where its bus legitimately differs (the features below); a case checks
// the declared behaviour, never skips silently.

#include "kafka_fixture.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/event_bus.hpp>
#include <onex/event_bus/inmemory_event_bus.hpp>
#include <onex/event_bus/kafka_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>
#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace kafka_bus_test;

namespace conformance {

// The in-memory bus: handlers have run when a publish completes; the default source is
// "{environment}.{group}".
struct inmemory_harness {
    static constexpr const char* name = "inmemory";
    static constexpr bool handled_within_publish = true;
    static constexpr const char* default_source = "test.test-group";

    asio::io_context ioc;
    inmemory_event_bus bus{ioc.get_executor(), testing::bus_fixture::default_options()};
};

// The Kafka bus on a mock cluster: a publish completes when the broker acknowledged it and
// handlers run once the group's consumer got it; the default source is the environment.
struct kafka_harness {
    static constexpr const char* name = "kafka";
    static constexpr bool handled_within_publish = false;
    static constexpr const char* default_source = "test";

    std::unique_ptr<mock_cluster> cluster = make_cluster();
    asio::io_context ioc;
    kafka_event_bus bus{ioc, mock_config(cluster->bootstrap_servers()),
                        onex::event_bus::test::quiet_logger()};

    static std::unique_ptr<mock_cluster> make_cluster() {
        auto c = std::make_unique<mock_cluster>();
        for (const char* t : {"conformance.events", "test.broadcast", "test.workers"})
            c->create_topic(t, 1);
        return c;
    }
};

template <class Harness>
struct bus_under_test : Harness {
    ~bus_under_test() {
        try {
            testing::run(this->ioc, this->bus.async_close());
        } catch (const std::exception& e) {
            BOOST_ERROR(Harness::name << ": close failed: " << e.what());
        }
    }

    void run(auto&& op) { testing::run(this->ioc, std::forward<decltype(op)>(op)); }

    // Waits until `done()`; on the in-memory bus it must already hold.
    void expect(const std::function<bool()>& done) {
        if (Harness::handled_within_publish)
            BOOST_TEST(done());
        else
            BOOST_TEST(run_until(this->ioc, done));
    }
};

using buses = boost::mpl::list<inmemory_harness, kafka_harness>;

constexpr const char* topic = "conformance.events";

} // namespace conformance

using namespace conformance;

BOOST_AUTO_TEST_SUITE(test_conformance)

BOOST_AUTO_TEST_CASE_TEMPLATE(publishing_before_start_is_unavailable, H, buses) {
    bus_under_test<H> b;
    BOOST_CHECK_EXCEPTION(b.run(b.bus.async_publish(topic, std::nullopt, "x")),
                          infra_unavailable_error, [](const infra_unavailable_error& e) {
                              return e.code() == make_error_code(errc::unavailable);
                          });
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_subscriber_gets_key_value_and_default_headers, H, buses) {
    bus_under_test<H> b;
    std::vector<received> got;
    auto sub =
        b.bus.subscribe(topic, "readers", [&](const event_message& m) { got.push_back(copy(m)); });
    b.run(b.bus.async_start());
    b.run(b.bus.async_publish(topic, "k-1", "v-1"));
    b.expect([&] { return got.size() == 1; });
    BOOST_REQUIRE_EQUAL(got.size(), 1U);
    BOOST_TEST(got[0].topic == topic);
    BOOST_TEST((got[0].key == std::optional<std::string>("k-1")));
    BOOST_TEST(got[0].value == "v-1");
    BOOST_TEST(got[0].headers.event_type == topic);
    BOOST_TEST(got[0].headers.source == H::default_source);
    BOOST_TEST((got[0].offset == std::optional<std::string>("0")));
    BOOST_TEST((got[0].partition == std::optional<std::int32_t>(0)));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(the_callers_headers_arrive_unchanged, H, buses) {
    bus_under_test<H> b;
    std::vector<received> got;
    auto sub =
        b.bus.subscribe(topic, "readers", [&](const event_message& m) { got.push_back(copy(m)); });
    b.run(b.bus.async_start());
    event_headers h;
    h.source = "svc";
    h.event_type = "thing.happened";
    h.trace_id = "t-1";
    h.priority = priority::critical;
    h.retry_count = 2;
    b.run(b.bus.async_publish(topic, std::nullopt, "v", h));
    b.expect([&] { return got.size() == 1; });
    BOOST_REQUIRE_EQUAL(got.size(), 1U);
    BOOST_TEST(got[0].headers.correlation_id == h.correlation_id);
    BOOST_TEST(got[0].headers.message_id == h.message_id);
    BOOST_TEST(got[0].headers.source == "svc");
    BOOST_TEST(got[0].headers.event_type == "thing.happened");
    BOOST_TEST((got[0].headers.trace_id == std::optional<std::string>("t-1")));
    BOOST_TEST((got[0].headers.priority == priority::critical));
    BOOST_TEST(got[0].headers.retry_count == 2);
    BOOST_TEST(!got[0].key.has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(subscriptions_of_one_group_each_get_every_message_in_order, H,
                              buses) {
    bus_under_test<H> b;
    std::vector<std::string> calls;
    auto first = b.bus.subscribe(topic, "same", [&](const event_message& m) {
        calls.push_back("first:" + std::string(m.value()));
    });
    auto second =
        b.bus.subscribe(topic, "same", [&](const event_message& m) -> asio::awaitable<void> {
            calls.push_back("second:" + std::string(m.value()));
            co_return;
        });
    b.run(b.bus.async_start());
    b.run(b.bus.async_publish(topic, std::nullopt, "a"));
    b.run(b.bus.async_publish(topic, std::nullopt, "b"));
    b.expect([&] { return calls.size() == 4; });
    const std::vector<std::string> expected{"first:a", "second:a", "first:b", "second:b"};
    BOOST_TEST(calls == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(each_group_gets_every_message, H, buses) {
    bus_under_test<H> b;
    int a = 0, c = 0;
    auto sa = b.bus.subscribe(topic, "group-a", [&](const event_message&) { ++a; });
    auto sc = b.bus.subscribe(topic, "group-c", [&](const event_message&) { ++c; });
    b.run(b.bus.async_start());
    for (int i = 0; i < 3; ++i)
        b.run(b.bus.async_publish(topic, std::nullopt, "m"));
    b.expect([&] { return a == 3 && c == 3; });
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_throwing_handler_neither_fails_the_publish_nor_stops_others, H,
                              buses) {
    bus_under_test<H> b;
    int good = 0;
    auto bad = b.bus.subscribe(
        topic, "bad", [](const event_message&) { throw std::runtime_error("handler failure"); });
    auto fine = b.bus.subscribe(topic, "fine", [&](const event_message&) { ++good; });
    b.run(b.bus.async_start());
    const event_headers h = no_retry_headers();
    b.run(b.bus.async_publish(topic, std::nullopt, "m", h)); // throws if the publish failed
    b.expect([&] { return good == 1; });
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_envelope_is_published_as_json, H, buses) {
    bus_under_test<H> b;
    std::vector<received> got;
    auto sub =
        b.bus.subscribe(topic, "readers", [&](const event_message& m) { got.push_back(copy(m)); });
    b.run(b.bus.async_start());
    const boost::json::object envelope{{"order_id", "42"}, {"amount", 5}};
    b.run(b.bus.async_publish_envelope(envelope, topic));
    b.expect([&] { return got.size() == 1; });
    BOOST_REQUIRE_EQUAL(got.size(), 1U);
    BOOST_TEST(got[0].headers.content_type == "application/json");
    BOOST_TEST(boost::json::parse(got[0].value) == boost::json::value(envelope));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(broadcasts_and_group_commands_use_the_guides_topics, H, buses) {
    bus_under_test<H> b;
    std::vector<received> broadcast, command;
    auto sb = b.bus.subscribe("test.broadcast", "listeners",
                              [&](const event_message& m) { broadcast.push_back(copy(m)); });
    auto sc = b.bus.subscribe("test.workers", "workers",
                              [&](const event_message& m) { command.push_back(copy(m)); });
    b.run(b.bus.async_start());
    b.run(b.bus.async_broadcast_to_environment("reload", boost::json::object{{"all", true}}));
    b.run(b.bus.async_send_to_group("drain", boost::json::object{{"now", 1}}, "workers"));
    b.expect([&] { return broadcast.size() == 1 && command.size() == 1; });
    BOOST_REQUIRE_EQUAL(broadcast.size(), 1U);
    BOOST_REQUIRE_EQUAL(command.size(), 1U);
    BOOST_TEST(broadcast[0].headers.event_type == "broadcast");
    BOOST_TEST(boost::json::parse(broadcast[0].value) ==
               boost::json::parse(R"({"command":"reload","payload":{"all":true}})"));
    BOOST_TEST(command[0].headers.event_type == "group_command");
    BOOST_TEST(boost::json::parse(command[0].value) ==
               boost::json::parse(R"({"command":"drain","payload":{"now":1}})"));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_unsubscribed_handler_is_not_called_again, H, buses) {
    bus_under_test<H> b;
    int removed = 0, kept = 0;
    auto gone = b.bus.subscribe(topic, "readers", [&](const event_message&) { ++removed; });
    auto stays = b.bus.subscribe(topic, "readers", [&](const event_message&) { ++kept; });
    b.run(b.bus.async_start());
    b.run(b.bus.async_publish(topic, std::nullopt, "1"));
    b.expect([&] { return removed == 1 && kept == 1; });
    b.run(gone.async_unsubscribe());
    BOOST_TEST(!gone.active());
    b.run(b.bus.async_publish(topic, std::nullopt, "2"));
    b.expect([&] { return kept == 2; });
    BOOST_TEST(removed == 1);
}

// A service that re-subscribes on a config reload: the group's last subscription goes, and a new
// one comes at once or once the bus has acted on the removal (a Kafka consumer leaving its
// group); either way the new subscription gets what is published next, and only that.
BOOST_AUTO_TEST_CASE_TEMPLATE(a_group_subscribed_again_after_its_last_unsubscribe_is_served, H,
                              buses) {
    bus_under_test<H> b;
    std::vector<std::string> first, second, third;
    auto sub = b.bus.subscribe(topic, "reloading",
                               [&](const event_message& m) { first.emplace_back(m.value()); });
    b.run(b.bus.async_start());
    b.run(b.bus.async_publish(topic, std::nullopt, "1"));
    b.expect([&] { return first.size() == 1; });
    sub.unsubscribe();
    sub = b.bus.subscribe(topic, "reloading",
                          [&](const event_message& m) { second.emplace_back(m.value()); });
    b.run(b.bus.async_publish(topic, std::nullopt, "2"));
    b.expect([&] { return second.size() == 1; });
    b.run(sub.async_unsubscribe());
    b.ioc.poll(); // what the removal set going (a Kafka consumer starts leaving its group)
    sub = b.bus.subscribe(topic, "reloading",
                          [&](const event_message& m) { third.emplace_back(m.value()); });
    b.run(b.bus.async_publish(topic, std::nullopt, "3"));
    b.expect([&] { return third.size() == 1; });
    BOOST_TEST(first == std::vector<std::string>{"1"}, boost::test_tools::per_element());
    BOOST_TEST(second == std::vector<std::string>{"2"}, boost::test_tools::per_element());
    BOOST_TEST(third == std::vector<std::string>{"3"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(start_consuming_completes_once_the_bus_closes, H, buses) {
    bus_under_test<H> b;
    std::optional<boost::system::error_code> done;
    b.bus.async_start_consuming([&](boost::system::error_code ec) { done = ec; });
    BOOST_REQUIRE(run_until(b.ioc, [&] { return b.bus.is_started(); }));
    BOOST_TEST(!done.has_value());
    b.run(b.bus.async_close());
    BOOST_REQUIRE(run_until(b.ioc, [&] { return done.has_value(); }));
    BOOST_TEST(!*done);
    BOOST_TEST(!b.bus.is_started());
    b.run(b.bus.async_close()); // idempotent
}

BOOST_AUTO_TEST_CASE_TEMPLATE(health_check_reports_the_common_keys, H, buses) {
    bus_under_test<H> b;
    auto sub = b.bus.subscribe(topic, "readers", [](const event_message&) {});
    BOOST_TEST(!b.bus.health_check().at("healthy").as_bool());
    b.run(b.bus.async_start());
    const auto health = b.bus.health_check();
    BOOST_TEST(health.at("healthy").as_bool());
    BOOST_TEST(health.at("started").as_bool());
    BOOST_TEST(health.at("environment").as_string() == "test");
    BOOST_TEST(health.at("subscriber_count").as_int64() == 1);
    BOOST_TEST(health.at("topic_count").as_int64() == 1);
}

// Code written against the concept runs on either bus.
template <event_bus Bus>
const bus_health& common_health(const Bus&, const typename Bus::health_type& health) {
    return health;
}

static_assert(event_bus<inmemory_event_bus> && event_bus<kafka_event_bus>);
static_assert(!event_bus<int> && !event_bus<testing::bus_fixture>);

BOOST_AUTO_TEST_CASE_TEMPLATE(typed_health_is_what_health_check_reports, H, buses) {
    bus_under_test<H> b;
    auto sub = b.bus.subscribe(topic, "readers", [](const event_message&) {});
    b.run(b.bus.async_start());
    const auto health = b.bus.health();
    const bus_health& common = common_health(b.bus, health);
    BOOST_TEST(common.healthy);
    BOOST_TEST(common.started);
    BOOST_TEST(common.environment == "test");
    BOOST_TEST(common.subscriber_count == 1u);
    BOOST_TEST(common.topic_count == 1u);
    BOOST_TEST(b.bus.health_check() == boost::json::value_from(health).as_object());
    b.run(b.bus.async_close());
    BOOST_TEST(!b.bus.health().healthy);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(the_publish_circuit_of_a_fresh_bus_is_closed, H, buses) {
    bus_under_test<H> b;
    b.run(b.bus.async_start());
    const circuit_status s = b.bus.circuit_breaker_status();
    BOOST_TEST(s.state == circuit_state::closed);
    BOOST_TEST(s.failures == 0u);
    BOOST_TEST(s.threshold == static_cast<std::uint32_t>(b.bus.config().circuit_breaker_threshold));
    BOOST_TEST(!s.until_half_open.has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_empty_group_id_is_rejected, H, buses) {
    bus_under_test<H> b;
    BOOST_CHECK_THROW((void)b.bus.subscribe(topic, "", [](const event_message&) {}),
                      protocol_configuration_error);
}

BOOST_AUTO_TEST_SUITE_END()
