// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/inmemory_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace asio = boost::asio;
using namespace onex::event_bus;
using onex::event_bus::testing::bus_fixture;

namespace test_inmemory_event_bus {

struct order_created {
    std::string order_id;
    double amount;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const order_created& o) {
    jv = {{"order_id", o.order_id}, {"amount", o.amount}};
}

struct unconvertible {
    int x;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value&, const unconvertible&) {
    throw std::runtime_error("cannot convert unconvertible");
}

struct no_json_conversion {
    int x;
};

// A type Boost.JSON cannot convert must not even compile as an envelope.
template <class Envelope>
concept publishable_envelope = requires(inmemory_event_bus& bus, const Envelope& e) {
    bus.async_publish_envelope(e, "t");
};
static_assert(publishable_envelope<order_created>);
static_assert(publishable_envelope<boost::json::object>);
static_assert(!publishable_envelope<no_json_conversion>);

inmemory_options options(std::string env = "dev", std::string group = "svc") {
    inmemory_options o;
    o.environment = std::move(env);
    o.group = std::move(group);
    return o;
}

} // namespace test_inmemory_event_bus

BOOST_AUTO_TEST_SUITE(test_inmemory_event_bus)

BOOST_AUTO_TEST_CASE(an_executor_alone_gives_the_guide_defaults) {
    asio::io_context ioc;
    inmemory_event_bus bus(ioc.get_executor());
    BOOST_TEST(bus.environment() == "local");
    BOOST_TEST(bus.group() == "default");
    BOOST_TEST(bus.config().max_history == 1000u);
    BOOST_TEST(bus.config().circuit_breaker_threshold == 5);
    BOOST_TEST(!bus.is_started());
    BOOST_TEST((bus.get_executor() == asio::any_io_executor(ioc.get_executor())));
}

BOOST_AUTO_TEST_CASE(an_io_context_can_be_given_directly) {
    asio::io_context ioc;
    inmemory_event_bus bus(ioc, options("prod", "orders"));
    BOOST_TEST(bus.environment() == "prod");
    BOOST_TEST(bus.group() == "orders");
}

BOOST_AUTO_TEST_CASE(a_threshold_below_one_is_rejected_naming_the_parameter) {
    asio::io_context ioc;
    for (std::int64_t bad : {0, -1}) {
        auto o = options();
        o.circuit_breaker_threshold = bad;
        BOOST_CHECK_EXCEPTION(
            inmemory_event_bus(ioc.get_executor(), o), protocol_configuration_error,
            [&](const protocol_configuration_error& e) {
                return e.parameter() == "circuit_breaker_threshold" &&
                       e.code() == errc::configuration &&
                       std::string(e.what()).find(
                           "circuit_breaker_threshold must be a positive integer, got " +
                           std::to_string(bad)) == 0;
            });
    }
}

BOOST_AUTO_TEST_CASE(publish_before_start_fails_with_unavailable_and_diagnostics) {
    asio::io_context ioc;
    inmemory_event_bus bus(ioc.get_executor(), options());
    diagnostics diag;
    boost::system::error_code ec;
    bool called = false;
    bus.async_publish("t", std::nullopt, "v", event_headers{}, diag,
                      [&](boost::system::error_code e) {
                          ec = e;
                          called = true;
                      });
    BOOST_TEST(!called); // never completes inline
    ioc.run();
    BOOST_TEST(called);
    BOOST_TEST(ec == errc::unavailable);
    BOOST_TEST(diag.message == "Event bus not started. Call start() first.");
    BOOST_TEST(diag.topic == "t");
    BOOST_TEST(diag.transport == "inmemory");
    BOOST_TEST(bus.event_history().empty());
    BOOST_TEST(bus.topic_offset("t") == 0u);
}

BOOST_AUTO_TEST_CASE(publish_after_close_throws_infra_unavailable_error_through_run) {
    bus_fixture f;
    f.run(f.bus.async_close());
    BOOST_CHECK_THROW(f.run(f.bus.async_publish("t", std::nullopt, "v")), infra_unavailable_error);
}

BOOST_AUTO_TEST_CASE(start_and_close_are_idempotent_and_the_bus_restarts) {
    asio::io_context ioc;
    inmemory_event_bus bus(ioc.get_executor());
    testing::run(ioc, bus.async_start());
    testing::run(ioc, bus.async_start());
    BOOST_TEST(bus.is_started());
    testing::run(ioc, bus.async_close());
    testing::run(ioc, bus.async_shutdown());
    BOOST_TEST(!bus.is_started());
    testing::run(ioc, bus.async_start());
    BOOST_TEST(bus.is_started());
    testing::run(ioc, bus.async_publish("t", std::nullopt, "v"));
    BOOST_TEST(bus.topic_offset("t") == 1u);
}

BOOST_AUTO_TEST_CASE(subscribing_works_before_start) {
    asio::io_context ioc;
    inmemory_event_bus bus(ioc.get_executor());
    int calls = 0;
    auto sub = bus.subscribe("t", "g", [&](const event_message&) { ++calls; });
    BOOST_TEST(bus.subscriber_count("t") == 1u);
    testing::run(ioc, bus.async_start());
    testing::run(ioc, bus.async_publish("t", std::nullopt, "v"));
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(an_empty_group_id_is_rejected) {
    bus_fixture f;
    BOOST_CHECK_EXCEPTION((void)f.bus.subscribe("t", "", [](const event_message&) {}),
                          protocol_configuration_error,
                          [](const auto& e) { return e.parameter() == "group_id"; });
}

BOOST_AUTO_TEST_CASE(every_subscription_gets_every_message_in_subscription_order) {
    bus_fixture f;
    std::vector<std::string> calls;
    auto a = f.bus.subscribe(
        "t", "g1", [&](const event_message& m) { calls.push_back("a:" + std::string(m.value())); });
    auto b = f.bus.subscribe(
        "t", "g1", [&](const event_message& m) { calls.push_back("b:" + std::string(m.value())); });
    auto c = f.bus.subscribe(
        "t", "g2", [&](const event_message& m) { calls.push_back("c:" + std::string(m.value())); });
    auto other = f.bus.subscribe(
        "u", "g1", [&](const event_message& m) { calls.push_back("u:" + std::string(m.value())); });
    f.run(f.bus.async_publish("t", std::nullopt, "1"));
    f.run(f.bus.async_publish("t", std::nullopt, "2"));
    const std::vector<std::string> expected{"a:1", "b:1", "c:1", "a:2", "b:2", "c:2"};
    BOOST_TEST(calls == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(publish_completes_only_after_coroutine_handlers_finished) {
    bus_fixture f;
    std::vector<std::string> steps;
    auto slow = f.bus.subscribe("t", "g", [&](const event_message&) -> asio::awaitable<void> {
        steps.push_back("slow begins");
        // Yield to the io_context several times: other work may run meanwhile.
        for (int i = 0; i < 3; ++i)
            co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
        steps.push_back("slow ends");
    });
    auto fast = f.bus.subscribe("t", "g", [&](const event_message&) { steps.push_back("fast"); });
    f.bus.async_publish("t", std::nullopt, "v", [&](boost::system::error_code ec) {
        BOOST_TEST(!ec);
        steps.push_back("published");
    });
    f.ioc.restart();
    f.ioc.run();
    const std::vector<std::string> expected{"slow begins", "slow ends", "fast", "published"};
    BOOST_TEST(steps == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(default_headers_carry_environment_group_and_topic) {
    bus_fixture f;
    f.run(f.bus.async_publish("orders.events", "k", "v"));
    const auto h = f.bus.event_history().at(0).headers();
    BOOST_TEST(h.source == "test.test-group");
    BOOST_TEST(h.event_type == "orders.events");
    BOOST_TEST(h.content_type == "application/json");
}

BOOST_AUTO_TEST_CASE(caller_headers_are_used_unchanged) {
    bus_fixture f;
    event_headers h;
    h.source = "order-service";
    h.event_type = "order.created";
    h.priority = priority::high;
    h.routing_key = "orders.us-east";
    f.run(f.bus.async_publish("orders.events", "k", "v", h));
    BOOST_TEST((f.bus.event_history().at(0).headers() == h));
}

BOOST_AUTO_TEST_CASE(offsets_are_counted_per_topic_as_text_from_zero_on_partition_zero) {
    bus_fixture f;
    for (const char* t : {"a", "b", "a", "a", "b"})
        f.run(f.bus.async_publish(t, std::nullopt, "v"));
    std::vector<std::string> offsets;
    for (const auto& m : f.bus.event_history()) {
        offsets.push_back(m.topic() + "@" + m.offset().value());
        BOOST_TEST(m.partition().value() == 0);
    }
    const std::vector<std::string> expected{"a@0", "b@0", "a@1", "a@2", "b@1"};
    BOOST_TEST(offsets == expected, boost::test_tools::per_element());
    BOOST_TEST(f.bus.topic_offset("a") == 3u);
    BOOST_TEST(f.bus.topic_offset("b") == 2u);
    BOOST_TEST(f.bus.topic_offset("unknown") == 0u);
}

BOOST_AUTO_TEST_CASE(no_key_and_an_empty_key_stay_distinct) {
    bus_fixture f;
    f.run(f.bus.async_publish("t", std::nullopt, "v"));
    f.run(f.bus.async_publish("t", std::string_view(""), "v"));
    const auto history = f.bus.event_history();
    BOOST_TEST(!history.at(0).key().has_value());
    BOOST_TEST(history.at(1).key().has_value());
    BOOST_TEST(history.at(1).key()->empty());
}

BOOST_AUTO_TEST_CASE(the_message_owns_copies_of_key_and_value) {
    bus_fixture f;
    std::string key = "key-1", value = "value-1";
    auto op = f.bus.async_publish("t", key, value);
    key.assign("XXXXX");
    value.assign("YYYYYYY");
    f.run(std::move(op));
    BOOST_TEST(f.bus.event_history().at(0).key().value() == "key-1");
    BOOST_TEST(f.bus.event_history().at(0).value() == "value-1");
}

BOOST_AUTO_TEST_CASE(history_is_bounded_and_records_messages_without_subscribers) {
    auto o = bus_fixture::default_options();
    o.max_history = 3;
    bus_fixture f(o);
    for (int i = 0; i < 5; ++i)
        f.run(f.bus.async_publish("t", std::nullopt, std::to_string(i)));
    const auto h = f.bus.event_history();
    BOOST_TEST_REQUIRE(h.size() == 3u);
    BOOST_TEST(h.front().value() == "2");
    BOOST_TEST(h.back().value() == "4");
    BOOST_TEST(f.bus.health().history_size == 3u);
}

BOOST_AUTO_TEST_CASE(a_zero_max_history_keeps_nothing) {
    auto o = bus_fixture::default_options();
    o.max_history = 0;
    bus_fixture f(o);
    int calls = 0;
    auto s = f.bus.subscribe("t", "g", [&](const event_message&) { ++calls; });
    f.run(f.bus.async_publish("t", std::nullopt, "v"));
    BOOST_TEST(calls == 1);
    BOOST_TEST(f.bus.event_history().empty());
    BOOST_TEST(f.bus.topic_offset("t") == 1u);
}

BOOST_AUTO_TEST_CASE(the_history_limit_applies_after_the_topic_filter) {
    bus_fixture f;
    for (const char* t : {"a", "b", "a", "b", "a", "b"})
        f.run(f.bus.async_publish(t, std::nullopt, t));
    const auto last_two_a = f.bus.event_history(2, "a");
    BOOST_TEST_REQUIRE(last_two_a.size() == 2u);
    BOOST_TEST(last_two_a[0].offset().value() == "1");
    BOOST_TEST(last_two_a[1].offset().value() == "2");
    BOOST_TEST(f.bus.event_history(100, "a").size() == 3u);
    BOOST_TEST(f.bus.event_history(100, "").size() == 6u); // an empty topic does not filter
    BOOST_TEST(f.bus.event_history(0).size() == 6u);       // the peer's quirk: 0 means all
    BOOST_TEST(f.bus.event_history(4).size() == 4u);
    f.bus.clear_event_history();
    BOOST_TEST(f.bus.event_history().empty());
    BOOST_TEST(f.bus.topic_offset("a") == 3u); // offsets survive clearing the history
}

BOOST_AUTO_TEST_CASE(close_keeps_history_and_offsets_but_removes_subscriptions) {
    bus_fixture f;
    int calls = 0;
    auto s = f.bus.subscribe("t", "g", [&](const event_message&) { ++calls; });
    f.run(f.bus.async_publish("t", std::nullopt, "v"));
    f.run(f.bus.async_close());
    BOOST_TEST(!s.active());
    BOOST_TEST(f.bus.subscriber_count() == 0u);
    BOOST_TEST(f.bus.event_history().size() == 1u);
    f.run(f.bus.async_start());
    f.run(f.bus.async_publish("t", std::nullopt, "v"));
    BOOST_TEST(calls == 1);
    BOOST_TEST(f.bus.topic_offset("t") == 2u);
}

BOOST_AUTO_TEST_CASE(a_throwing_handler_neither_fails_the_publish_nor_stops_the_others) {
    bus_fixture f;
    std::vector<std::string> calls;
    auto a = f.bus.subscribe("t", "g1", [&](const event_message&) {
        calls.push_back("a");
        throw std::runtime_error("boom");
    });
    auto b = f.bus.subscribe("t", "g2", [&](const event_message&) -> asio::awaitable<void> {
        calls.push_back("b");
        throw std::logic_error("async boom");
        co_return;
    });
    auto c = f.bus.subscribe("t", "g3", [&](const event_message&) { calls.push_back("c"); });
    BOOST_CHECK_NO_THROW(f.run(f.bus.async_publish("t", std::nullopt, "v")));
    const std::vector<std::string> expected{"a", "b", "c"};
    BOOST_TEST(calls == expected, boost::test_tools::per_element());
    const auto circuits = f.bus.subscriber_circuits();
    BOOST_TEST_REQUIRE(circuits.find("t", "g1") != nullptr);
    BOOST_TEST(circuits.find("t", "g1")->failures == 1u);
    BOOST_TEST_REQUIRE(circuits.find("t", "g2") != nullptr);
    BOOST_TEST(circuits.find("t", "g2")->failures == 1u);
    BOOST_TEST(circuits.find("t", "g3") == nullptr);
}

BOOST_AUTO_TEST_CASE(handlers_run_on_the_bus_executor) {
    asio::io_context ioc;
    asio::io_context other;
    inmemory_event_bus bus(ioc.get_executor());
    testing::run(ioc, bus.async_start());
    bool on_bus = false;
    auto s = bus.subscribe("t", "g", [&](const event_message&) {
        on_bus = ioc.get_executor().running_in_this_thread();
    });
    bool completed_on_other = false;
    bus.async_publish("t", std::nullopt, "v",
                      asio::bind_executor(other.get_executor(), [&](boost::system::error_code) {
                          completed_on_other = other.get_executor().running_in_this_thread();
                      }));
    ioc.restart();
    ioc.run();
    BOOST_TEST(on_bus);
    BOOST_TEST(!completed_on_other); // the completion waits for its own executor
    other.run();
    BOOST_TEST(completed_on_other);
}

BOOST_AUTO_TEST_CASE(use_future_and_use_awaitable_tokens_work) {
    bus_fixture f;
    int calls = 0;
    auto s = f.bus.subscribe("t", "g", [&](const event_message&) { ++calls; });
    auto fut = f.bus.async_publish("t", std::nullopt, "v", asio::use_future);
    f.ioc.restart();
    f.ioc.run();
    BOOST_CHECK_NO_THROW(fut.get());

    bool done = false;
    asio::co_spawn(
        f.ioc,
        [&]() -> asio::awaitable<void> {
            co_await f.bus.async_publish("t", std::nullopt, "v", asio::use_awaitable);
            co_await f.bus.async_close(asio::use_awaitable);
            try {
                co_await f.bus.async_publish("t", std::nullopt, "v", asio::use_awaitable);
            } catch (const boost::system::system_error& e) {
                done = e.code() == errc::unavailable;
            }
        },
        asio::detached);
    f.ioc.restart();
    f.ioc.run();
    BOOST_TEST(done);
    BOOST_TEST(calls == 2);
}

BOOST_AUTO_TEST_CASE(the_default_token_defers_until_the_operation_is_launched) {
    bus_fixture f;
    auto op = f.bus.async_publish("t", std::nullopt, "v");
    f.ioc.restart();
    f.ioc.poll();
    BOOST_TEST(f.bus.topic_offset("t") == 0u);
    f.run(std::move(op));
    BOOST_TEST(f.bus.topic_offset("t") == 1u);
}

BOOST_AUTO_TEST_CASE(an_envelope_is_published_as_json) {
    bus_fixture f;
    f.run(f.bus.async_publish_envelope(order_created{"ORD-123", 99.5}, "orders.events"));
    const auto m = f.bus.event_history().at(0);
    BOOST_TEST(boost::json::parse(m.value()) ==
               boost::json::parse(R"({"order_id":"ORD-123","amount":99.5})"));
    BOOST_TEST(m.headers().content_type == "application/json");
    BOOST_TEST(m.headers().source == "test.test-group");
    BOOST_TEST(m.headers().event_type == "orders.events");
    BOOST_TEST(!m.key().has_value());

    boost::json::object plain{{"a", 1}};
    f.run(f.bus.async_publish_envelope(plain, "t"));
    BOOST_TEST(f.bus.event_history().back().value() == R"({"a":1})");
}

BOOST_AUTO_TEST_CASE(an_envelope_whose_conversion_throws_fails_with_a_configuration_error) {
    bus_fixture f;
    diagnostics diag;
    boost::system::error_code ec;
    f.bus.async_publish_envelope(unconvertible{1}, "t", diag,
                                 [&](boost::system::error_code e) { ec = e; });
    f.ioc.restart();
    f.ioc.run();
    BOOST_TEST(ec == errc::configuration);
    BOOST_TEST(
        diag.message.find("Envelope is not JSON-serializable: cannot convert unconvertible") == 0u);
    BOOST_TEST(diag.message.find("unconvertible") != std::string::npos);
    BOOST_TEST(f.bus.topic_offset("t") == 0u);
    BOOST_CHECK_THROW(f.run(f.bus.async_publish_envelope(unconvertible{1}, "t")),
                      protocol_configuration_error);
}

BOOST_AUTO_TEST_CASE(broadcast_goes_to_the_environment_topic) {
    bus_fixture f;
    f.run(f.bus.async_broadcast_to_environment("refresh_cache", {{"cache_type", "products"}}));
    f.run(f.bus.async_broadcast_to_environment("refresh_cache", {}, "prod"));
    f.run(f.bus.async_broadcast_to_environment("x", {}, ""));
    const auto h = f.bus.event_history();
    BOOST_TEST(h.at(0).topic() == "test.broadcast");
    BOOST_TEST(h.at(1).topic() == "prod.broadcast");
    BOOST_TEST(h.at(2).topic() == "test.broadcast");
    BOOST_TEST(
        boost::json::parse(h.at(0).value()) ==
        boost::json::parse(R"({"command":"refresh_cache","payload":{"cache_type":"products"}})"));
    BOOST_TEST(h.at(0).headers().event_type == "broadcast");
    BOOST_TEST(h.at(0).headers().source == "test.test-group");
    BOOST_TEST(!h.at(0).key().has_value());
}

BOOST_AUTO_TEST_CASE(send_to_group_goes_to_the_group_topic) {
    bus_fixture f;
    f.run(
        f.bus.async_send_to_group("process_batch", {{"batch_id", "BATCH-001"}}, "batch-processor"));
    const auto m = f.bus.event_history().at(0);
    BOOST_TEST(m.topic() == "test.batch-processor");
    BOOST_TEST(m.headers().event_type == "group_command");
    BOOST_TEST(
        boost::json::parse(m.value()) ==
        boost::json::parse(R"({"command":"process_batch","payload":{"batch_id":"BATCH-001"}})"));
}

BOOST_AUTO_TEST_CASE(health_check_reports_the_peer_keys) {
    bus_fixture f;
    auto a = f.bus.subscribe("a", "g", [](const event_message&) {});
    auto b = f.bus.subscribe("a", "h", [](const event_message&) {});
    auto c = f.bus.subscribe("b", "g", [](const event_message&) {});
    f.run(f.bus.async_publish("a", std::nullopt, "v"));
    const auto h = f.bus.health_check();
    BOOST_TEST(h.size() == 7u);
    BOOST_TEST(h.at("healthy").as_bool());
    BOOST_TEST(h.at("started").as_bool());
    BOOST_TEST(h.at("environment").as_string() == "test");
    BOOST_TEST(h.at("group").as_string() == "test-group");
    BOOST_TEST(h.at("subscriber_count").as_int64() == 3);
    BOOST_TEST(h.at("topic_count").as_int64() == 2);
    BOOST_TEST(h.at("history_size").as_int64() == 1);

    // The peer's quirk: a topic whose subscriptions are all gone still counts.
    c.unsubscribe();
    BOOST_TEST(f.bus.health().topic_count == 2u);
    BOOST_TEST((f.bus.topics() == std::vector<std::string>{"a"}));
    BOOST_TEST(f.bus.subscriber_count() == 2u);
    BOOST_TEST(f.bus.subscriber_count("a") == 2u);
    BOOST_TEST(f.bus.subscriber_count("b") == 0u);
    BOOST_TEST(f.bus.subscriber_count("nope") == 0u);

    f.run(f.bus.async_close());
    const auto closed = f.bus.health_check();
    BOOST_TEST(!closed.at("healthy").as_bool());
    BOOST_TEST(closed.at("topic_count").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(typed_health_carries_the_group_and_history) {
    bus_fixture f;
    auto a = f.bus.subscribe("a", "g", [](const event_message&) {});
    f.run(f.bus.async_publish("a", std::nullopt, "v"));
    f.run(f.bus.async_publish("b", std::nullopt, "v"));
    inmemory_health expected;
    expected.healthy = true;
    expected.started = true;
    expected.environment = "test";
    expected.subscriber_count = 1;
    expected.topic_count = 1;
    expected.group = "test-group";
    expected.history_size = 2;
    BOOST_TEST((f.bus.health() == expected));
}

BOOST_AUTO_TEST_CASE(start_consuming_completes_when_the_bus_shuts_down) {
    asio::io_context ioc;
    inmemory_event_bus bus(ioc.get_executor());
    boost::system::error_code result = asio::error::would_block;
    bus.async_start_consuming([&](boost::system::error_code ec) { result = ec; });
    BOOST_TEST(bus.is_started()); // it starts the bus
    ioc.poll();
    BOOST_TEST(result == asio::error::would_block);
    bus.async_shutdown([](boost::system::error_code) {});
    ioc.restart();
    ioc.run();
    BOOST_TEST(!result);
}

BOOST_AUTO_TEST_CASE(start_consuming_can_be_cancelled) {
    asio::io_context ioc;
    inmemory_event_bus bus(ioc.get_executor());
    asio::cancellation_signal signal;
    boost::system::error_code result = asio::error::would_block;
    bus.async_start_consuming(asio::bind_cancellation_slot(
        signal.slot(), [&](boost::system::error_code ec) { result = ec; }));
    ioc.poll();
    signal.emit(asio::cancellation_type::terminal);
    ioc.restart();
    ioc.run();
    BOOST_TEST(result == asio::error::operation_aborted);
    BOOST_TEST(bus.is_started());
}

BOOST_AUTO_TEST_CASE(destroying_the_bus_aborts_start_consuming) {
    asio::io_context ioc;
    boost::system::error_code result = asio::error::would_block;
    {
        inmemory_event_bus bus(ioc.get_executor());
        bus.async_start_consuming([&](boost::system::error_code ec) { result = ec; });
    }
    ioc.run();
    BOOST_TEST(result == asio::error::operation_aborted);
}

BOOST_AUTO_TEST_CASE(move_only_handlers_are_accepted) {
    bus_fixture f;
    auto counter = std::make_unique<int>(0);
    int* seen = counter.get();
    auto s = f.bus.subscribe("t", "g", [c = std::move(counter)](const event_message&) { ++*c; });
    f.run(f.bus.async_publish("t", std::nullopt, "v"));
    BOOST_TEST(*seen == 1);
}

BOOST_AUTO_TEST_CASE(logs_name_topic_and_correlation_id_but_never_the_value_or_key) {
    std::vector<std::string> lines;
    auto o = bus_fixture::default_options();
    o.log = logger(log_level::debug, [&](log_level, std::string_view m) { lines.emplace_back(m); });
    o.circuit_breaker_threshold = 1;
    bus_fixture f(o);
    auto s = f.bus.subscribe("orders", "g",
                             [](const event_message&) { throw std::runtime_error("db down"); });
    event_headers h;
    h.source = "s";
    h.event_type = "e";
    f.run(f.bus.async_publish("orders", "SECRET-KEY", "SECRET-VALUE", h));
    f.run(f.bus.async_publish("orders", "SECRET-KEY", "SECRET-VALUE", h));
    BOOST_TEST_REQUIRE(lines.size() == 2u); // one failure, then one skip
    for (const auto& l : lines) {
        BOOST_TEST(l.find("SECRET") == std::string::npos);
        BOOST_TEST(l.find("orders") != std::string::npos);
    }
    BOOST_TEST(lines[0].find("db down") != std::string::npos);
    BOOST_TEST(lines[0].find(boost::uuids::to_string(h.correlation_id)) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
