// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// Starting the Kafka bus: the producer client is created, then the start waits for the cluster's
// metadata within timeout_seconds; the consumers of the subscriptions made before then start.

#include "kafka/kafka_bus_impl.hpp"

#include <onex/event_bus/error.hpp>

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>

#include <array>

namespace asio = boost::asio;

namespace onex::event_bus::detail {
namespace {

void on_delivery_report(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    auto* bus = static_cast<kafka_bus_impl*>(opaque);
    bus->on_delivery(static_cast<kafka_publish_request*>(m->_private), m->err);
}

void on_producer_error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
    auto* bus = static_cast<kafka_bus_impl*>(opaque);
    const auto code = static_cast<rd_kafka_resp_err_t>(err);
    std::string text = std::string("librdkafka producer: ") + rd_kafka_err2name(code) + ": " +
                       (reason ? reason : "");
    if (code == RD_KAFKA_RESP_ERR__FATAL) {
        std::array<char, 512> fatal{};
        rd_kafka_fatal_error(rk, fatal.data(), fatal.size());
        text += std::string(" (fatal: ") + fatal.data() + ")";
    }
    bus->log(code == RD_KAFKA_RESP_ERR__FATAL ? log_level::error : log_level::warning, text);
    bus->note_client_error(std::string(rd_kafka_err2name(code)) + ": " + (reason ? reason : ""));
}

void on_producer_log(const rd_kafka_t* rk, int level, const char* facility, const char* text) {
    const auto* bus = static_cast<const kafka_bus_impl*>(rd_kafka_opaque(rk));
    if (bus)
        bus->log(from_syslog(level), std::string("librdkafka ") + facility + ": " + text);
}

} // namespace

void kafka_bus_impl::start(diagnostics* diag, completion_handler h) {
    if (started_.load()) {
        deliver(executor, std::move(h), {}, true);
        return;
    }
    start_waiters_.push_back(std::move(h));
    if (starting_)
        return;
    if (closing_) {
        // Starts once the running close has finished.
        close_waiters_.emplace_back(
            asio::bind_executor(strand, [self = shared_from_this(), diag](auto) {
                if (!self->started_.load() && !self->starting_ && !self->start_waiters_.empty()) {
                    auto waiters = std::move(self->start_waiters_);
                    self->start_waiters_.clear();
                    for (auto& w : waiters)
                        self->start(diag, std::move(w));
                }
            }));
        return;
    }
    if (auto check = breaker_.check(); !check.allowed) {
        update_breaker_mirror();
        if (diag) {
            diag->clear();
            diag->message = "Circuit breaker is open - kafka." + config.environment +
                            " temporarily unavailable";
            diag->transport = "kafka";
            diag->operation = "start";
            diag->retry_after = check.retry_after;
            diag->circuit_state = circuit_state::open;
            diag->servers = config.sanitized_servers();
        }
        auto waiters = std::move(start_waiters_);
        start_waiters_.clear();
        for (auto& w : waiters)
            deliver(executor, std::move(w), make_error_code(errc::unavailable), true);
        return;
    }
    starting_ = true;
    last_client_error_.clear();
    try {
        producer_ =
            rdkafka_client::create(config, client_kind::producer,
                                   rdkafka_callbacks{&on_delivery_report, nullptr,
                                                     &on_producer_error, &on_producer_log, this},
                                   {});
    } catch (const protocol_configuration_error& e) {
        if (diag)
            *diag = e.diag();
        starting_ = false;
        auto waiters = std::move(start_waiters_);
        start_waiters_.clear();
        for (auto& w : waiters)
            deliver(executor, std::move(w), make_error_code(errc::configuration), true);
        return;
    }
    producer_queue_ = rd_kafka_queue_get_main(producer_->get());
    rd_kafka_t* rk = producer_->get();
    producer_waker_.emplace(strand, producer_queue_,
                            [rk, weak = weak_from_this()](std::size_t budget) {
                                // A delivery report may complete the last publish holding the bus:
                                // the bus (and the client) must then go only after rd_kafka_poll
                                // has returned, when `keep` does.
                                const auto keep = weak.lock();
                                if (!keep)
                                    return std::size_t{0};
                                std::size_t served = 0;
                                while (served < budget) {
                                    const int n = rd_kafka_poll(rk, 0);
                                    if (n <= 0)
                                        break;
                                    served += static_cast<std::size_t>(n);
                                }
                                return served;
                            });
    start_deadline_ =
        std::chrono::steady_clock::now() + std::chrono::seconds(config.timeout_seconds);
    probe_interval_ = std::chrono::milliseconds(1);
    start_timer_.emplace(strand);
    probe_cluster(diag);
}

// librdkafka has no asynchronous metadata request, and a blocking one would stall the io thread:
// the start waits for the client's own bootstrap metadata (the controller id becomes known),
// checking at growing intervals (1 ms doubling to 50 ms) only while starting.
void kafka_bus_impl::probe_cluster(diagnostics* diag) {
    if (closing_)
        return finish_start(diag, asio::error::operation_aborted,
                            "Kafka event bus closed while starting");
    if (rd_kafka_controllerid(producer_->get(), 0) >= 0)
        return finish_start(diag, {}, {});
    const auto now = std::chrono::steady_clock::now();
    if (now >= start_deadline_) {
        // A client that reported why it could not connect fails as a connection error, one
        // that just heard nothing as a timeout: a broker that refused is not one that never
        // answered.
        if (!last_client_error_.empty())
            return finish_start(diag, make_error_code(errc::connection_failed),
                                "Failed to connect to Kafka: " + last_client_error_);
        return finish_start(diag, make_error_code(errc::timeout),
                            "Timeout connecting to Kafka after " +
                                std::to_string(config.timeout_seconds) + "s");
    }
    start_timer_->expires_after(
        std::min<std::chrono::steady_clock::duration>(probe_interval_, start_deadline_ - now));
    probe_interval_ = std::min(probe_interval_ * 2, std::chrono::milliseconds(50));
    start_timer_->async_wait([self = shared_from_this(), diag](boost::system::error_code) {
        self->probe_cluster(diag);
    });
}

void kafka_bus_impl::finish_start(diagnostics* diag, boost::system::error_code ec,
                                  std::string message) {
    starting_ = false;
    start_timer_.reset();
    if (ec) {
        stop_producer();
        if (ec != asio::error::operation_aborted)
            breaker_.record_failure();
        update_breaker_mirror();
        log(log_level::error, message + " (servers " + config.sanitized_servers() + ")");
        if (diag) {
            diag->clear();
            diag->message = std::move(message);
            diag->transport = "kafka";
            diag->operation = "start";
            diag->servers = config.sanitized_servers();
        }
    } else {
        started_.store(true);
        breaker_.reset();
        update_breaker_mirror();
        log(log_level::info,
            "Kafka event bus started (servers " + config.sanitized_servers() + ")");
        sync_consumers();
    }
    auto waiters = std::move(start_waiters_);
    start_waiters_.clear();
    for (auto& w : waiters)
        deliver(executor, std::move(w), ec, false);
    if (ec) {
        for (auto& [id, w] : std::exchange(consuming_waiters_, {})) {
            asio::get_associated_cancellation_slot(w).clear();
            deliver(executor, std::move(w), ec, false);
        }
    }
    if (closing_)
        post_continue_close(); // a close that came during the start waited for it
}

void kafka_bus_impl::wait_for_shutdown(diagnostics* diag, completion_handler h) {
    const std::uint64_t id = next_waiter_id_++;
    auto slot = asio::get_associated_cancellation_slot(h);
    consuming_waiters_.emplace(id, std::move(h));
    if (slot.is_connected()) {
        slot.assign([weak = weak_from_this(), id](asio::cancellation_type) {
            auto self = weak.lock();
            if (!self)
                return;
            asio::dispatch(self->strand, [self, id] {
                auto it = self->consuming_waiters_.find(id);
                if (it == self->consuming_waiters_.end())
                    return;
                completion_handler w(std::move(it->second));
                self->consuming_waiters_.erase(it);
                asio::get_associated_cancellation_slot(w).clear();
                deliver(self->executor, std::move(w), asio::error::operation_aborted, false);
            });
        });
    }
    if (!started_.load())
        start(diag, completion_handler(asio::bind_executor(strand, [](auto) {})));
}

void kafka_bus_impl::note_client_error(std::string text) {
    if (starting_)
        last_client_error_ = std::move(text);
}

} // namespace onex::event_bus::detail
