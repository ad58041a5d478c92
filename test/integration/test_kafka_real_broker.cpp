// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// Against a real Kafka cluster, only when ONEX_TEST_BOOTSTRAP_SERVERS names one (for example
// "localhost:9092" with config/docker-compose or a staging cluster); reported as skipped
// otherwise. Each run creates topics with fresh names, so runs never see each other's data.

#include "kafka_fixture.hpp"

#include <onex/event_bus/kafka_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <librdkafka/rdkafka.h>

#include <array>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace kafka_bus_test;

namespace real_broker {

std::optional<std::string> servers() {
    const char* s = std::getenv("ONEX_TEST_BOOTSTRAP_SERVERS");
    return s && *s ? std::optional<std::string>(s) : std::nullopt;
}

boost::test_tools::assertion_result broker_configured(boost::unit_test::test_unit_id) {
    boost::test_tools::assertion_result r(servers().has_value());
    r.message() << "ONEX_TEST_BOOTSTRAP_SERVERS is not set: no real Kafka broker to test against";
    return r;
}

// Creates topics through librdkafka's admin API (blocking: this is test set-up, not the bus).
// A cluster that does not answer CreateTopics (librdkafka's mock cluster, run as a stand-in) gets
// them created on first use, if it allows that.
void create_topics(const std::string& bootstrap, const std::vector<std::string>& names,
                   int partitions) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    std::array<char, 512> error{};
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), error.data(), error.size());
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error.data(), error.size());
    if (rk == nullptr)
        throw std::runtime_error(error.data());
    std::vector<rd_kafka_NewTopic_t*> topics;
    for (const auto& n : names)
        topics.push_back(
            rd_kafka_NewTopic_new(n.c_str(), partitions, -1, error.data(), error.size()));
    rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
    rd_kafka_CreateTopics(rk, topics.data(), topics.size(), nullptr, q);
    rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 10000);
    if (ev == nullptr)
        BOOST_TEST_MESSAGE("CreateTopics unanswered; relying on topic auto-creation");
    else if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR)
        BOOST_TEST_MESSAGE("CreateTopics failed (" << rd_kafka_event_error_string(ev)
                                                   << "); relying on topic auto-creation");
    if (ev)
        rd_kafka_event_destroy(ev);
    rd_kafka_NewTopic_destroy_array(topics.data(), topics.size());
    rd_kafka_queue_destroy(q);
    rd_kafka_destroy(rk);
}

struct real_fixture {
    std::string suffix = boost::uuids::to_string(boost::uuids::random_generator()());
    std::string topic = "onex-test-events-" + suffix;
    std::string dlq = "onex-test-dlq-" + suffix;
    asio::io_context ioc;
    kafka_event_bus bus{ioc, make_config(dlq), onex::event_bus::test::quiet_logger()};

    real_fixture() { create_topics(*servers(), {topic, dlq}, 3); }
    ~real_fixture() {
        try {
            testing::run(ioc, bus.async_close());
        } catch (const std::exception& e) {
            BOOST_ERROR("close failed: " << e.what());
        }
    }

    static kafka_config make_config(const std::string& dlq) {
        kafka_config c = mock_config(servers().value_or("localhost:9092"));
        c.librdkafka.erase("fetch.wait.max.ms");
        c.timeout_seconds = 30;
        c.dead_letter_topic = dlq;
        return c;
    }
    void run(auto&& op) { testing::run(ioc, std::forward<decltype(op)>(op)); }
};

} // namespace real_broker

using namespace real_broker;

BOOST_AUTO_TEST_SUITE(test_kafka_real_broker, *boost::unit_test::precondition(broker_configured))

BOOST_FIXTURE_TEST_CASE(a_message_round_trips_through_a_real_broker, real_fixture) {
    std::vector<received> got;
    auto sub = bus.subscribe(topic, "onex-test-" + suffix,
                             [&](const event_message& m) { got.push_back(copy(m)); });
    run(bus.async_start());
    event_headers h;
    h.source = "real-broker-test";
    h.event_type = "checked";
    run(bus.async_publish(topic, "key", "value", h));
    BOOST_REQUIRE(run_until(
        ioc, [&] { return got.size() == 1; }, std::chrono::seconds(60)));
    BOOST_TEST((got[0].key == std::optional<std::string>("key")));
    BOOST_TEST(got[0].value == "value");
    BOOST_TEST(got[0].headers.correlation_id == h.correlation_id);
}

BOOST_FIXTURE_TEST_CASE(a_failing_handler_is_dead_lettered_on_a_real_broker, real_fixture) {
    std::vector<received> dead;
    auto failing = bus.subscribe(topic, "onex-test-fail-" + suffix, [](const event_message&) {
        throw std::runtime_error("always fails");
    });
    auto reader = bus.subscribe(dlq, "onex-test-dlq-" + suffix,
                                [&](const event_message& m) { dead.push_back(copy(m)); });
    run(bus.async_start());
    event_headers h;
    h.source = "real-broker-test";
    h.event_type = "doomed";
    h.max_retries = 1;
    run(bus.async_publish(topic, std::nullopt, "doomed", h));
    BOOST_REQUIRE(run_until(
        ioc, [&] { return dead.size() == 1; }, std::chrono::seconds(60)));
    const auto payload = boost::json::parse(dead[0].value).as_object();
    BOOST_TEST(payload.at("original_topic").as_string() == topic);
    BOOST_TEST(payload.at("failure_reason").as_string() == "std::runtime_error: always fails");
}

BOOST_AUTO_TEST_SUITE_END()
