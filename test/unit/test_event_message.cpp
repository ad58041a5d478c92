// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/event_message.hpp>

#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <string>

using namespace onex::event_bus;
namespace json = boost::json;

namespace test_event_message {

event_headers some_headers() {
    event_headers h;
    h.source = "svc";
    h.event_type = "order.created";
    return h;
}

// A body like the Kafka bus's: it owns its bytes elsewhere and counts acks.
struct counting_body final : detail::message_body {
    std::string bytes = "payload";
    mutable std::atomic<int> acks{0};

    counting_body() {
        topic = "t";
        value = bytes;
    }

    void ack() const noexcept override { ++acks; }
};

} // namespace test_event_message

BOOST_AUTO_TEST_SUITE(test_event_message)

BOOST_AUTO_TEST_CASE(views_stay_valid_after_the_source_strings_die) {
    const event_headers headers = some_headers();
    std::optional<event_message> m;
    {
        std::string topic = "orders";
        std::string key = "customer-7";
        std::string value(1000, 'v'); // beyond any small-string buffer
        m.emplace(topic, key, value, headers, "42", 3);
        key.assign(key.size(), 'X');
        value.assign(value.size(), 'X');
    }
    BOOST_TEST(m->topic() == "orders");
    BOOST_TEST_REQUIRE(m->key().has_value());
    BOOST_TEST(*m->key() == "customer-7");
    BOOST_TEST(m->value() == std::string(1000, 'v'));
    BOOST_TEST((m->headers() == headers));
    BOOST_TEST((m->offset() == std::optional<std::string>("42")));
    BOOST_TEST((m->partition() == std::optional<std::int32_t>(3)));
}

BOOST_AUTO_TEST_CASE(copies_share_one_body_that_outlives_the_original) {
    auto original = std::make_unique<event_message>("t", "k", "v", some_headers());
    const event_message copy = *original;
    BOOST_TEST(static_cast<const void*>(copy.value().data()) ==
               static_cast<const void*>(original->value().data()));
    BOOST_TEST(static_cast<const void*>(copy.key()->data()) ==
               static_cast<const void*>(original->key()->data()));
    BOOST_TEST(&copy.headers() == &original->headers());
    original.reset();
    BOOST_TEST(copy.value() == "v");
    BOOST_TEST(*copy.key() == "k");
}

BOOST_AUTO_TEST_CASE(no_key_and_an_empty_key_are_different) {
    const event_message without("t", std::nullopt, "v", some_headers());
    const event_message empty("t", std::string_view(), "v", some_headers());
    BOOST_TEST(!without.key().has_value());
    BOOST_TEST_REQUIRE(empty.key().has_value());
    BOOST_TEST(empty.key()->empty());
}

BOOST_AUTO_TEST_CASE(offset_and_partition_are_absent_unless_given) {
    const event_message m("t", "k", "", some_headers());
    BOOST_TEST(!m.offset().has_value());
    BOOST_TEST(!m.partition().has_value());
    BOOST_TEST(m.value().empty());
}

BOOST_AUTO_TEST_CASE(ack_is_a_no_op_on_an_owning_message) {
    static_assert(noexcept(std::declval<const event_message&>().ack()));
    const event_message m("t", "k", "v", some_headers(), "0", 0);
    m.ack();
    m.ack();
    BOOST_TEST(m.value() == "v");
    BOOST_TEST(*m.offset() == "0");
}

BOOST_AUTO_TEST_CASE(a_bus_body_is_wrapped_and_its_ack_is_called) {
    auto body = std::make_shared<counting_body>();
    const event_message m(body);
    BOOST_TEST(m.value() == "payload");
    BOOST_TEST(!m.key().has_value());
    const event_message copy = m;
    m.ack();
    copy.ack();
    BOOST_TEST(body->acks.load() == 2);
}

BOOST_AUTO_TEST_CASE(json_holds_every_field) {
    const event_headers headers = some_headers();
    const event_message m("orders", "k1", R"({"id":1})", headers, "42", 3);
    const json::value jv = json::value_from(m);
    BOOST_TEST(jv.at("topic").as_string() == "orders");
    BOOST_TEST(jv.at("key").as_string() == "k1");
    BOOST_TEST(jv.at("value").as_string() == R"({"id":1})");
    BOOST_TEST(jv.at("headers") == json::value_from(headers));
    BOOST_TEST(jv.at("offset").as_string() == "42");
    BOOST_TEST(jv.at("partition").as_int64() == 3);
    BOOST_TEST(jv.as_object().size() == 6u);
}

BOOST_AUTO_TEST_CASE(json_writes_null_for_what_is_absent) {
    const event_message m("t", std::nullopt, "v", some_headers());
    const json::value jv = json::value_from(m);
    BOOST_TEST(jv.at("key").is_null());
    BOOST_TEST(jv.at("offset").is_null());
    BOOST_TEST(jv.at("partition").is_null());
    BOOST_TEST(json::value_from(event_message("t", "", "v", some_headers())).at("key") == "");
}

BOOST_AUTO_TEST_CASE(json_replaces_invalid_utf8_in_key_and_value) {
    const event_message m("t", "k\xff", "\xe2\x82z", some_headers());
    const json::value jv = json::value_from(m);
    BOOST_TEST(jv.at("key").as_string() == "k\xef\xbf\xbd");
    BOOST_TEST(jv.at("value").as_string() == "\xef\xbf\xbdz");
    BOOST_TEST(m.value() == "\xe2\x82z"); // the message itself keeps its bytes
}

BOOST_AUTO_TEST_SUITE_END()
