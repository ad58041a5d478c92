// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/publish_retry.hpp"

#include <onex/event_bus/error.hpp>

#include <boost/asio/error.hpp>

namespace onex::event_bus::detail {

delivery_outcome classify_delivery(rd_kafka_resp_err_t err) noexcept {
    switch (err) {
    case RD_KAFKA_RESP_ERR_NO_ERROR:
        return delivery_outcome::delivered;
    case RD_KAFKA_RESP_ERR__PURGE_QUEUE:
    case RD_KAFKA_RESP_ERR__PURGE_INFLIGHT:
        return delivery_outcome::purged;
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
        return delivery_outcome::unknown_topic;
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
        return delivery_outcome::too_large;
    case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
        return delivery_outcome::timed_out;
    default:
        return delivery_outcome::failed;
    }
}

publish_step next_publish_step(delivery_outcome outcome, std::uint32_t attempts,
                               std::uint32_t max_attempts, bool closing) noexcept {
    using action = publish_step::action;
    switch (outcome) {
    case delivery_outcome::delivered:
        return {action::complete, {}, false, {}};
    case delivery_outcome::purged:
        return {action::fail, boost::asio::error::operation_aborted, false, {}};
    case delivery_outcome::unknown_topic:
        return {action::fail, make_error_code(errc::configuration), false, "topic"};
    case delivery_outcome::too_large:
        return {action::fail, make_error_code(errc::configuration), false, "value"};
    case delivery_outcome::timed_out:
    case delivery_outcome::failed:
        break;
    }
    if (attempts < max_attempts && !closing)
        return {action::retry, {}, true, {}};
    const errc code =
        outcome == delivery_outcome::timed_out ? errc::timeout : errc::connection_failed;
    return {action::fail, make_error_code(code), true, {}};
}

std::string publish_failure_message(delivery_outcome outcome, std::string_view topic,
                                    std::size_t value_size, std::uint32_t attempts,
                                    rd_kafka_resp_err_t err) {
    const std::string t(topic);
    switch (outcome) {
    case delivery_outcome::purged:
        return "Publish to topic " + t + " purged: the bus closed before Kafka acknowledged it";
    case delivery_outcome::unknown_topic:
        return "Topic '" + t +
               "' not found on broker. Ensure the topic is provisioned before publishing.";
    case delivery_outcome::too_large:
        return "Message to topic " + t + " is too large (" + std::to_string(value_size) +
               " bytes): " + rd_kafka_err2str(err);
    case delivery_outcome::timed_out:
        return "Timeout publishing to topic " + t + " after " + std::to_string(attempts) +
               " attempts";
    case delivery_outcome::failed:
    case delivery_outcome::delivered:
        break;
    }
    return "Failed to publish to topic " + t + " after " + std::to_string(attempts) +
           " attempts: " + rd_kafka_err2str(err);
}

} // namespace onex::event_bus::detail
