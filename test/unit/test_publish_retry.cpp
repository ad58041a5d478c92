// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/publish_retry.hpp"

#include <onex/event_bus/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>

using namespace onex::event_bus;
using namespace onex::event_bus::detail;
namespace data = boost::unit_test::data;

namespace onex::event_bus::detail {
std::ostream& operator<<(std::ostream& os, delivery_outcome o) {
    return os << static_cast<int>(o);
}
std::ostream& operator<<(std::ostream& os, publish_step::action a) {
    return os << static_cast<int>(a);
}
} // namespace onex::event_bus::detail

BOOST_AUTO_TEST_SUITE(test_publish_retry)

BOOST_DATA_TEST_CASE(
    delivery_errors_fall_into_their_outcome,
    data::make({RD_KAFKA_RESP_ERR_NO_ERROR, RD_KAFKA_RESP_ERR__PURGE_QUEUE,
                RD_KAFKA_RESP_ERR__PURGE_INFLIGHT, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
                RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION,
                RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT,
                RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR__TRANSPORT,
                RD_KAFKA_RESP_ERR__QUEUE_FULL}) ^
        data::make({delivery_outcome::delivered, delivery_outcome::purged, delivery_outcome::purged,
                    delivery_outcome::unknown_topic, delivery_outcome::unknown_topic,
                    delivery_outcome::unknown_topic, delivery_outcome::too_large,
                    delivery_outcome::timed_out, delivery_outcome::timed_out,
                    delivery_outcome::timed_out, delivery_outcome::failed, delivery_outcome::failed,
                    delivery_outcome::failed}),
    err, expected) {
    BOOST_TEST(classify_delivery(err) == expected);
}

BOOST_AUTO_TEST_CASE(a_delivered_attempt_completes_the_publish) {
    const auto step = next_publish_step(delivery_outcome::delivered, 3, 4, true);
    BOOST_TEST(step.what == publish_step::action::complete);
    BOOST_TEST(!step.error);
    BOOST_TEST(!step.breaker_failure);
}

BOOST_AUTO_TEST_CASE(broker_failures_are_retried_until_the_last_attempt) {
    for (const auto outcome : {delivery_outcome::timed_out, delivery_outcome::failed}) {
        for (std::uint32_t attempts = 1; attempts < 4; ++attempts) {
            const auto step = next_publish_step(outcome, attempts, 4, false);
            BOOST_TEST(step.what == publish_step::action::retry);
            BOOST_TEST(step.breaker_failure); // every failed attempt counts
        }
        const auto last = next_publish_step(outcome, 4, 4, false);
        BOOST_TEST(last.what == publish_step::action::fail);
        BOOST_TEST(last.breaker_failure);
        BOOST_TEST(last.error == make_error_code(outcome == delivery_outcome::timed_out
                                                     ? errc::timeout
                                                     : errc::connection_failed));
    }
}

BOOST_AUTO_TEST_CASE(a_closing_bus_retries_nothing) {
    const auto step = next_publish_step(delivery_outcome::failed, 1, 4, true);
    BOOST_TEST(step.what == publish_step::action::fail);
    BOOST_TEST(step.error == make_error_code(errc::connection_failed));
}

BOOST_AUTO_TEST_CASE(a_single_attempt_budget_fails_at_the_first_failure) {
    const auto step = next_publish_step(delivery_outcome::timed_out, 1, 1, false);
    BOOST_TEST(step.what == publish_step::action::fail);
    BOOST_TEST(step.error == make_error_code(errc::timeout));
}

BOOST_AUTO_TEST_CASE(mistakes_of_the_caller_fail_at_once_without_counting) {
    const auto topic = next_publish_step(delivery_outcome::unknown_topic, 1, 4, false);
    BOOST_TEST(topic.what == publish_step::action::fail);
    BOOST_TEST(topic.error == make_error_code(errc::configuration));
    BOOST_TEST(!topic.breaker_failure);
    BOOST_TEST(topic.parameter == "topic");

    const auto large = next_publish_step(delivery_outcome::too_large, 1, 4, false);
    BOOST_TEST(large.what == publish_step::action::fail);
    BOOST_TEST(large.error == make_error_code(errc::configuration));
    BOOST_TEST(!large.breaker_failure);
    BOOST_TEST(large.parameter == "value");
}

BOOST_AUTO_TEST_CASE(a_purge_aborts_without_counting) {
    const auto step = next_publish_step(delivery_outcome::purged, 1, 4, false);
    BOOST_TEST(step.what == publish_step::action::fail);
    BOOST_TEST(step.error == boost::asio::error::operation_aborted);
    BOOST_TEST(!step.breaker_failure);
    BOOST_TEST(step.parameter.empty());
}

BOOST_AUTO_TEST_CASE(failure_messages_name_the_topic_and_the_cause) {
    BOOST_TEST(publish_failure_message(delivery_outcome::timed_out, "t", 5, 3,
                                       RD_KAFKA_RESP_ERR__MSG_TIMED_OUT) ==
               "Timeout publishing to topic t after 3 attempts");
    BOOST_TEST(publish_failure_message(delivery_outcome::unknown_topic, "t", 5, 1,
                                       RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) ==
               "Topic 't' not found on broker. Ensure the topic is provisioned before publishing.");
    BOOST_TEST(publish_failure_message(delivery_outcome::purged, "t", 5, 1,
                                       RD_KAFKA_RESP_ERR__PURGE_QUEUE) ==
               "Publish to topic t purged: the bus closed before Kafka acknowledged it");
    BOOST_TEST(publish_failure_message(delivery_outcome::too_large, "t", 4096, 1,
                                       RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
                   .starts_with("Message to topic t is too large (4096 bytes): "));
    BOOST_TEST(publish_failure_message(delivery_outcome::failed, "t", 5, 2,
                                       RD_KAFKA_RESP_ERR__TRANSPORT) ==
               std::string("Failed to publish to topic t after 2 attempts: ") +
                   rd_kafka_err2str(RD_KAFKA_RESP_ERR__TRANSPORT));
}

BOOST_AUTO_TEST_SUITE_END()
