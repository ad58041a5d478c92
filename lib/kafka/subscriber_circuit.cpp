// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/group_consumer.hpp"
#include "kafka/subscriber_circuit.hpp"

namespace asio = boost::asio;

namespace onex::event_bus::detail {

subscriber_circuit::subscriber_circuit(const kafka_config& c, const std::string& topic,
                                       const asio::strand<asio::any_io_executor>& strand)
    : breaker(breaker_options(c, "kafka." + c.environment + "." + topic))
    , timer(strand) {}

void group_consumer::record_outcome(const std::string& topic, bool handled) {
    auto it = circuits_.find(topic);
    if (it == circuits_.end()) {
        if (handled)
            return; // closed with no failures: nothing to track
        it = circuits_
                 .emplace(topic,
                          std::make_unique<subscriber_circuit>(bus_->config, topic, bus_->strand))
                 .first;
    }
    subscriber_circuit& c = *it->second;
    if (handled) {
        c.breaker.record_success();
        return;
    }
    c.breaker.record_failure();
    if (c.breaker.state() == circuit_state::open && !c.paused)
        pause(topic, c);
}

void group_consumer::pause(const std::string& topic, subscriber_circuit& c) {
    c.paused = true;
    ++paused_topics_;
    bus_->counters.open_subscriber_circuits.fetch_add(1);
    set_paused(topic, true);
    // What was read ahead waits for the half-open trial, in order.
    std::erase_if(backlog_, [&](rd_kafka_message_t* m) {
        if (m->err || topic != rd_kafka_topic_name(m->rkt))
            return false;
        c.held.push_back(m);
        return true;
    });
    bus_->log(log_level::warning,
              "Circuit open for consumer group '" + group_ + "' on topic '" + topic + "' after " +
                  std::to_string(c.breaker.failures()) +
                  " dead-lettered messages in a row; its partitions are paused for " +
                  std::to_string(bus_->config.circuit_breaker_reset_timeout) + "s");
    c.timer.expires_after(to_duration(bus_->config.circuit_breaker_reset_timeout));
    c.timer.async_wait([self = shared_from_this(), topic](boost::system::error_code ec) {
        if (!ec && !self->closing_)
            self->resume(topic);
    });
}

// Half-open: the held messages go first; the next outcome closes or reopens the circuit.
void group_consumer::resume(const std::string& topic) {
    auto it = circuits_.find(topic);
    if (it == circuits_.end() || !it->second->paused)
        return;
    subscriber_circuit& c = *it->second;
    c.breaker.check();
    c.paused = false;
    --paused_topics_;
    bus_->counters.open_subscriber_circuits.fetch_sub(1);
    set_paused(topic, false);
    backlog_.insert(backlog_.begin(), c.held.begin(), c.held.end());
    c.held.clear();
    bus_->log(log_level::info,
              "Circuit half-open for consumer group '" + group_ + "' on topic '" + topic + "'");
    pump();
    if (!busy_)
        waker_->kick();
}

void group_consumer::set_paused(const std::string& topic, bool paused) {
    rd_kafka_topic_partition_list_t* assigned = nullptr;
    if (rd_kafka_assignment(client_->get(), &assigned) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return;
    partition_list all(assigned);
    partition_list mine(rd_kafka_topic_partition_list_new(all->cnt));
    for (int i = 0; i < all->cnt; ++i)
        if (topic == all->elems[i].topic)
            rd_kafka_topic_partition_list_add(mine.get(), all->elems[i].topic,
                                              all->elems[i].partition);
    if (mine->cnt == 0)
        return;
    const auto err = paused ? rd_kafka_pause_partitions(client_->get(), mine.get())
                            : rd_kafka_resume_partitions(client_->get(), mine.get());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        bus_->log(log_level::error, "Consumer group '" + group_ + "': cannot " +
                                        (paused ? "pause" : "resume") + " topic '" + topic +
                                        "': " + rd_kafka_err2str(err));
}

} // namespace onex::event_bus::detail
