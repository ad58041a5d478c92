// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_GROUP_CONSUMER_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_GROUP_CONSUMER_HPP

#include "kafka/dead_letter_writer.hpp"
#include "kafka/kafka_bus_impl.hpp"
#include "kafka/kafka_message_body.hpp"
#include "kafka/subscriber_circuit.hpp"

#include <onex/event_bus/event_message.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace onex::event_bus::detail {

/// The Kafka consumer of one group id: subscribed to the set of topics that group's
/// subscriptions name, served through a queue waker on the bus's strand, dispatching one message
/// at a time to every subscription of its topic (retries, dead letters, then the offset store).
///
/// Its members are defined by concern: group_consumer.cpp (client, subscription, polling,
/// rebalances), message_dispatch.cpp (one message through its handlers), subscriber_circuit.cpp
/// (the per-(topic, group) circuits) and graceful_shutdown.cpp (closing).
class group_consumer : public std::enable_shared_from_this<group_consumer> {
public:
    group_consumer(std::shared_ptr<kafka_bus_impl> bus, std::string group);
    ~group_consumer();
    group_consumer(const group_consumer&) = delete;
    group_consumer& operator=(const group_consumer&) = delete;

    /// Creates the client and subscribes. \throws protocol_configuration_error.
    void start(std::vector<std::string> topics);
    void update_topics(std::vector<std::string> topics);
    /// Finishes the message in hand, commits, leaves the group, then tells the bus.
    void close();

    void on_rebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions);
    /// A commit's result: a failure (of the request or of a partition) is logged at error level
    /// and counted in the health figures; its offsets stay uncommitted.
    void on_commit(rd_kafka_resp_err_t err, const rd_kafka_topic_partition_list_t* offsets);
    void log(log_level lvl, std::string_view text) const noexcept { bus_->log(lvl, text); }
    const std::string& group() const noexcept { return group_; }
    const std::vector<std::string>& topics() const noexcept { return topics_; }
    /// Set from the first close() on: the consumer is leaving and takes no new topics.
    bool closing() const noexcept { return closing_; }

private:
    // A message on the slow path: waiting for a coroutine handler, a retry or a dead letter.
    struct job {
        std::shared_ptr<kafka_message_body> body;
        event_message message;
        std::shared_ptr<const subscription_list> subs;
        std::size_t next = 0;
        std::exception_ptr first_failure; // of subs[next], already called once
        std::string decode_error;         // set: dead-letter as a deserialization failure
    };

    void record_outcome(const std::string& topic, bool handled);
    void pause(const std::string& topic, subscriber_circuit& c);
    void resume(const std::string& topic);
    void set_paused(const std::string& topic, bool paused);

    std::size_t serve(std::size_t budget);
    void pump();
    void dispatch(rd_kafka_message_t* m);
    void run_slow(std::shared_ptr<job> j);
    boost::asio::awaitable<void> slow_path(std::shared_ptr<job> j);
    void finish(const kafka_message_body& body);
    const subscription_list* subscriptions_for(std::string_view topic);
    void arm_keepalive();
    void finish_close();
    void check_closed();
    void subscribe(std::vector<std::string> topics);

    std::shared_ptr<kafka_bus_impl> bus_;
    const std::string group_;
    std::shared_ptr<rdkafka_client> client_;
    rd_kafka_queue_t* queue_ = nullptr;
    std::optional<rdkafka_queue_waker> waker_;
    std::vector<std::string> topics_;
    std::deque<rd_kafka_message_t*> backlog_;
    bool busy_ = false;
    bool closing_ = false;
    bool leaving_ = false;
    bool done_ = false;
    bool commit_pending_ = false;
    std::uint64_t seen_version_ = ~std::uint64_t{0};
    topic_subscriptions subscriptions_;
    boost::asio::steady_timer keepalive_;
    boost::asio::steady_timer retry_timer_;
    dead_letter_writer dead_letters_;
    boost::asio::steady_timer close_timer_;
    std::chrono::steady_clock::time_point last_poll_{};
    std::map<std::string, std::unique_ptr<subscriber_circuit>, std::less<>> circuits_;
    std::size_t paused_topics_ = 0;
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_GROUP_CONSUMER_HPP
