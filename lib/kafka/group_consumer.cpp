// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/group_consumer.hpp"

#include <algorithm>
#include <array>

namespace onex::event_bus::detail {
namespace {

constexpr std::size_t batch_size = 64;

void on_consumer_rebalance(rd_kafka_t*, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque) {
    static_cast<group_consumer*>(opaque)->on_rebalance(err, partitions);
}

void on_consumer_error(rd_kafka_t*, int err, const char* reason, void* opaque) {
    const auto code = static_cast<rd_kafka_resp_err_t>(err);
    auto* self = static_cast<group_consumer*>(opaque);
    self->log(code == RD_KAFKA_RESP_ERR__FATAL ? log_level::error : log_level::warning,
              "librdkafka consumer (group '" + self->group() + "'): " + rd_kafka_err2name(code) +
                  ": " + (reason ? reason : ""));
}

void on_consumer_commit(rd_kafka_t*, rd_kafka_resp_err_t err,
                        rd_kafka_topic_partition_list_t* offsets, void* opaque) {
    static_cast<group_consumer*>(opaque)->on_commit(err, offsets);
}

void on_consumer_log(const rd_kafka_t* rk, int level, const char* facility, const char* text) {
    const auto* self = static_cast<const group_consumer*>(rd_kafka_opaque(rk));
    if (self)
        self->log(from_syslog(level), std::string("librdkafka ") + facility + ": " + text);
}

std::chrono::steady_clock::duration keepalive_period(const kafka_config& c) {
    return std::chrono::milliseconds(std::max(1000, c.max_poll_interval_ms / 3));
}

} // namespace

group_consumer::group_consumer(std::shared_ptr<kafka_bus_impl> bus, std::string group)
    : bus_(std::move(bus))
    , group_(std::move(group))
    , keepalive_(bus_->strand)
    , retry_timer_(bus_->strand)
    , dead_letters_(*bus_, group_)
    , close_timer_(bus_->strand) {}

group_consumer::~group_consumer() {
    for (auto* m : backlog_)
        rd_kafka_message_destroy(m);
    for (auto& [topic, c] : circuits_)
        for (auto* m : c->held)
            rd_kafka_message_destroy(m);
    if (waker_)
        waker_->stop();
    if (queue_)
        rd_kafka_queue_destroy(queue_);
}

void group_consumer::start(std::vector<std::string> topics) {
    std::vector<std::pair<std::string, std::string>> extra{{"group.id", group_}};
    rdkafka_callbacks callbacks;
    callbacks.rebalance = &on_consumer_rebalance;
    callbacks.error = &on_consumer_error;
    callbacks.log = &on_consumer_log;
    callbacks.offset_commit = &on_consumer_commit;
    callbacks.opaque = this;
    client_ = rdkafka_client::create(bus_->config, client_kind::consumer, callbacks, extra);
    rd_kafka_t* rk = client_->get();
    rd_kafka_poll_set_consumer(rk);
    queue_ = rd_kafka_queue_get_consumer(rk);
    subscribe(std::move(topics));
    last_poll_ = std::chrono::steady_clock::now();
    waker_.emplace(bus_->strand, queue_, [this](std::size_t budget) { return serve(budget); });
    arm_keepalive();
    bus_->log(log_level::info, "Consumer for group '" + group_ + "' started");
}

void group_consumer::subscribe(std::vector<std::string> topics) {
    partition_list list(rd_kafka_topic_partition_list_new(static_cast<int>(topics.size())));
    for (const auto& t : topics)
        rd_kafka_topic_partition_list_add(list.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
    if (auto err = rd_kafka_subscribe(client_->get(), list.get());
        err != RD_KAFKA_RESP_ERR_NO_ERROR)
        bus_->log(log_level::error,
                  "Consumer group '" + group_ + "': subscribe failed: " + rd_kafka_err2str(err));
    topics_ = std::move(topics);
}

void group_consumer::update_topics(std::vector<std::string> topics) {
    if (closing_ || topics == topics_)
        return;
    subscribe(std::move(topics));
}

// librdkafka only counts the application as alive (max.poll.interval.ms) while it polls: an idle
// consumer, or one stuck in a long handler, polls on this timer (every max.poll.interval.ms / 3).
void group_consumer::arm_keepalive() {
    keepalive_.expires_after(keepalive_period(bus_->config));
    keepalive_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec || self->closing_)
            return;
        if (!self->busy_) {
            self->waker_->kick();
        } else if (std::chrono::steady_clock::now() - self->last_poll_ >=
                   keepalive_period(self->bus_->config)) {
            // Poll anyway: what comes is kept, in order, behind the message in hand.
            std::array<rd_kafka_message_t*, batch_size> batch{};
            const auto n =
                rd_kafka_consume_batch_queue(self->queue_, 0, batch.data(), batch.size());
            self->last_poll_ = std::chrono::steady_clock::now();
            for (ssize_t i = 0; i < n; ++i)
                self->backlog_.push_back(batch[static_cast<std::size_t>(i)]);
        }
        self->arm_keepalive();
    });
}

std::size_t group_consumer::serve(std::size_t budget) {
    std::size_t served = 0;
    std::array<rd_kafka_message_t*, batch_size> batch{};
    // While a message is in hand, the rest waits in librdkafka (bounded memory): the end of that
    // message kicks the waker.
    while (served < budget && (!busy_ || leaving_)) {
        const std::size_t want = std::min(batch_size, budget - served);
        const ssize_t n = rd_kafka_consume_batch_queue(queue_, 0, batch.data(), want);
        last_poll_ = std::chrono::steady_clock::now();
        if (n < 0) {
            bus_->log(log_level::error, "Consumer group '" + group_ + "': consume failed: " +
                                            rd_kafka_err2str(rd_kafka_last_error()));
            break;
        }
        served += static_cast<std::size_t>(n);
        for (ssize_t i = 0; i < n; ++i) {
            auto* m = batch[static_cast<std::size_t>(i)];
            if (leaving_)
                rd_kafka_message_destroy(m); // not stored: the group's next owner reads it
            else
                backlog_.push_back(m);
        }
        pump();
        if (static_cast<std::size_t>(n) < want)
            break;
    }
    if (commit_pending_ && !bus_->config.enable_auto_commit && !busy_) {
        commit_pending_ = false;
        rd_kafka_commit(client_->get(), nullptr, 1);
    }
    if (leaving_)
        check_closed();
    return busy_ ? 0 : served;
}

void group_consumer::pump() {
    while (!busy_ && !backlog_.empty() && !closing_) {
        rd_kafka_message_t* m = backlog_.front();
        backlog_.pop_front();
        if (paused_topics_ > 0 && !m->err) {
            auto it = circuits_.find(std::string_view(rd_kafka_topic_name(m->rkt)));
            if (it != circuits_.end() && it->second->paused) {
                it->second->held.push_back(m);
                continue;
            }
        }
        dispatch(m);
    }
}

const subscription_list* group_consumer::subscriptions_for(std::string_view topic) {
    if (const auto v = bus_->registry_version(); v != seen_version_) {
        subscriptions_ = bus_->snapshot(group_);
        seen_version_ = v;
    }
    auto it = subscriptions_.find(topic);
    return it == subscriptions_.end() ? nullptr : it->second.get();
}

void group_consumer::on_rebalance(rd_kafka_resp_err_t err,
                                  rd_kafka_topic_partition_list_t* partitions) {
    rd_kafka_t* rk = client_->get();
    const bool cooperative = std::string_view(rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE";
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        if (cooperative)
            rd_kafka_error_destroy(rd_kafka_incremental_assign(rk, partitions));
        else
            rd_kafka_assign(rk, partitions);
        for (const auto& [topic, c] : circuits_)
            if (c->paused)
                set_paused(topic, true); // newly assigned partitions of an open circuit
        return;
    }
    // Revoked: drop what was read ahead for those partitions (their next owner reads it from the
    // committed offset), and commit what was handled.
    auto revoked = [partitions](rd_kafka_message_t* m) {
        if (!rd_kafka_topic_partition_list_find(partitions, rd_kafka_topic_name(m->rkt),
                                                m->partition))
            return false;
        rd_kafka_message_destroy(m);
        return true;
    };
    std::erase_if(backlog_, revoked);
    for (auto& [topic, c] : circuits_)
        std::erase_if(c->held, revoked);
    if (!bus_->config.enable_auto_commit && commit_pending_) {
        commit_pending_ = false;
        rd_kafka_commit(rk, nullptr, 1);
    }
    if (cooperative)
        rd_kafka_error_destroy(rd_kafka_incremental_unassign(rk, partitions));
    else
        rd_kafka_assign(rk, nullptr);
}

// Commits are asynchronous (automatic, after a batch, at a revoke and at close): their results
// come here, on the strand, as the queue is served.
void group_consumer::on_commit(rd_kafka_resp_err_t err,
                               const rd_kafka_topic_partition_list_t* offsets) {
    if (err == RD_KAFKA_RESP_ERR__NO_OFFSET)
        return; // nothing was stored since the last commit
    std::string failed;
    for (int i = 0; offsets && i < offsets->cnt; ++i) {
        const auto& p = offsets->elems[i];
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR && p.err == RD_KAFKA_RESP_ERR_NO_ERROR)
            continue;
        failed += (failed.empty() ? "" : ", ") + std::string(p.topic) + "[" +
                  std::to_string(p.partition) + "]@" + std::to_string(p.offset);
        if (p.err != RD_KAFKA_RESP_ERR_NO_ERROR)
            failed += std::string(" (") + rd_kafka_err2name(p.err) + ")";
    }
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR && failed.empty())
        return;
    bus_->counters.commit_failures.fetch_add(1);
    bus_->log(log_level::error,
              "Consumer group '" + group_ + "': offset commit failed: " +
                  (err != RD_KAFKA_RESP_ERR_NO_ERROR ? rd_kafka_err2name(err)
                                                     : std::string("partition errors")) +
                  (failed.empty() ? std::string() : "; not committed: " + failed) +
                  " (those messages come again after a restart or a rebalance)");
}

} // namespace onex::event_bus::detail
