// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_KAFKA_BUS_IMPL_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_KAFKA_BUS_IMPL_HPP

#include "common/backoff.hpp"
#include "common/completion.hpp"
#include "common/topic_name.hpp"
#include "kafka/header_block.hpp"
#include "kafka/rdkafka_client.hpp"
#include "kafka/rdkafka_queue_waker.hpp"

#include <onex/event_bus/circuit_breaker.hpp>
#include <onex/event_bus/circuit_status.hpp>
#include <onex/event_bus/detail/subscription_state.hpp>
#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/kafka_config.hpp>
#include <onex/event_bus/kafka_headers.hpp>
#include <onex/event_bus/kafka_health.hpp>
#include <onex/event_bus/logger.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/uuid/uuid.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace onex::event_bus::detail {

class group_consumer;
class kafka_bus_impl;

using topic_subscriptions =
    std::map<std::string, std::shared_ptr<const subscription_list>, std::less<>>;

/// One publish (or dead-letter write), from the caller's thread to its delivery report. Allocated
/// once; librdkafka carries its address as the message opaque; the value is produced without a
/// copy (librdkafka references our buffer until the report).
struct kafka_publish_request {
    std::string topic;
    std::optional<std::string> key;
    std::string value;
    header_block headers;
    boost::uuids::uuid correlation_id{};
    std::string error; // set when the request could not be built: fails with errc::configuration
    std::string error_parameter;

    std::shared_ptr<kafka_bus_impl> bus;
    // Optional: Boost 1.81's any_completion_handler cannot be move-assigned (it recurses).
    std::optional<completion_handler> handler;
    diagnostics* diag = nullptr;
    std::uint32_t attempts = 0;
    bool initiating = true;         // until the bus has it: a completion then must be posted
    bool counts_for_breaker = true; // dead-letter writes do not count: a failing dead-letter
                                    // topic must not open the publish circuit
    std::optional<boost::asio::steady_timer> timer;
    std::chrono::steady_clock::time_point deadline{}; // for local-queue-full waits
    // Links of the bus's in-flight list: tracking a publish allocates nothing.
    kafka_publish_request* prev = nullptr;
    kafka_publish_request* next = nullptr;
    bool tracked = false;
};

void destroy_request(kafka_publish_request* r) noexcept;
using request_ptr = std::unique_ptr<kafka_publish_request, void (*)(kafka_publish_request*)>;
request_ptr make_request_ptr();

/// The counters `health_check` reports; written on the strand, read from anywhere.
struct bus_counters {
    std::atomic<std::uint64_t> dead_lettered{0};
    std::atomic<std::uint64_t> dead_letter_failures{0};
    std::atomic<std::uint64_t> unhandled_without_dead_letter_topic{0};
    std::atomic<std::uint64_t> commit_failures{0};
    std::atomic<std::uint64_t> publishes_in_flight{0};
    std::atomic<std::int64_t> open_subscriber_circuits{0};
};

/// Everything behind a `kafka_event_bus`. All mutable state is touched only on `strand`, except
/// the subscription registry (a short mutex: `subscribe` runs on any thread) and the atomics
/// that `health` reads.
///
/// Its members are defined by concern: kafka_bus_impl.cpp (the registry, the consumers' set,
/// health), bus_start.cpp (creating the producer, waiting for the cluster), producer.cpp (the
/// publish path and its retries) and graceful_shutdown.cpp (closing).
class kafka_bus_impl final : public subscription_owner,
                             public std::enable_shared_from_this<kafka_bus_impl> {
public:
    kafka_bus_impl(boost::asio::any_io_executor ex, kafka_config cfg, std::shared_ptr<logger> log);
    ~kafka_bus_impl();
    kafka_bus_impl(const kafka_bus_impl&) = delete;
    kafka_bus_impl& operator=(const kafka_bus_impl&) = delete;

    const boost::asio::any_io_executor executor;
    const boost::asio::strand<boost::asio::any_io_executor> strand;
    const kafka_config config;
    const std::shared_ptr<logger> log_sink;
    const topic_enforcement enforcement;
    bus_counters counters;

    void log(log_level lvl, std::string_view message) const noexcept;
    bool started() const noexcept { return started_.load(); }

    // --- operations (run on the strand) ---------------------------------------------------
    void start(diagnostics* diag, completion_handler h);
    void close(completion_handler h);
    void wait_for_shutdown(diagnostics* diag, completion_handler h);
    void publish(request_ptr owned);

    /// Writes a dead-letter record; `done` gets the delivery result. Not counted by the breaker.
    void write_dead_letter(request_ptr r, completion_handler done);

    // --- subscriptions (any thread) -------------------------------------------------------
    std::shared_ptr<subscription_state> add_subscription(std::string topic, std::string group,
                                                         message_handler handler);
    void remove(const std::shared_ptr<subscription_state>& s) noexcept override;
    std::uint64_t registry_version() const noexcept { return registry_version_.load(); }
    /// The subscriptions of `group`, by topic.
    topic_subscriptions snapshot(const std::string& group) const;

    // --- introspection (any thread) -------------------------------------------------------
    kafka_health health() const;
    event_bus::circuit_status publish_circuit_status() const;

    // --- for the pieces (strand) ----------------------------------------------------------
    std::chrono::steady_clock::duration backoff(std::uint32_t attempt);
    /// A sample of the backoff jitter, for delays computed elsewhere.
    double jitter() { return jitter_(); }
    bool closing() const noexcept { return closing_; }
    void on_delivery(kafka_publish_request* r, rd_kafka_resp_err_t err);
    /// Forgets a consumer that has left its group, then serves what the registry wants now.
    void consumer_closed(const group_consumer& consumer);
    /// Remembers why the client could not connect while starting (error callback).
    void note_client_error(std::string text);

private:
    void produce(kafka_publish_request* r);
    void retry_later(kafka_publish_request* r, std::chrono::steady_clock::duration delay);
    void track(kafka_publish_request* r);
    void untrack(kafka_publish_request* r);
    void fail(kafka_publish_request* r, boost::system::error_code ec, std::string message);
    void complete(kafka_publish_request* r, boost::system::error_code ec);
    void update_breaker_mirror();

    void probe_cluster(diagnostics* diag);
    void finish_start(diagnostics* diag, boost::system::error_code ec, std::string message);
    void sync_consumers();
    void continue_close();
    void post_continue_close();
    void stop_producer();

    std::atomic<bool> started_{false};
    bool starting_ = false;
    bool closing_ = false;

    std::shared_ptr<rdkafka_client> producer_;
    rd_kafka_queue_t* producer_queue_ = nullptr;
    std::optional<rdkafka_queue_waker> producer_waker_;
    std::optional<boost::asio::steady_timer> start_timer_;
    std::chrono::steady_clock::time_point start_deadline_{};
    std::chrono::milliseconds probe_interval_{1};
    std::string last_client_error_;
    std::vector<completion_handler> start_waiters_;
    std::vector<completion_handler> close_waiters_;
    std::map<std::uint64_t, completion_handler> consuming_waiters_;
    std::uint64_t next_waiter_id_ = 0;

    circuit_breaker breaker_;
    std::atomic<int> breaker_state_mirror_{0};
    std::atomic<std::uint32_t> breaker_failures_mirror_{0};
    std::atomic<std::int64_t> breaker_open_until_mirror_{0};

    kafka_publish_request* in_flight_ = nullptr; // head of the intrusive list
    std::size_t in_flight_count_ = 0;
    kafka_publish_request* initiating_request_ = nullptr; // the one inside publish()
    std::optional<boost::asio::steady_timer> flush_timer_;
    std::set<std::string, std::less<>> warned_topics_;
    backoff_jitter jitter_;

    std::map<std::string, std::shared_ptr<group_consumer>, std::less<>> consumers_;

    mutable std::mutex registry_mutex_;
    std::map<std::string, topic_subscriptions, std::less<>> registry_;
    std::atomic<std::uint64_t> registry_version_{0};
    std::atomic<std::size_t> consumer_count_{0};
};

/// `t` as a number, for the atomics that mirror the breaker's deadline.
inline std::int64_t steady_rep(std::chrono::steady_clock::time_point t) noexcept {
    return t.time_since_epoch().count();
}

/// `seconds` as a steady_clock duration (config values are fractional seconds).
std::chrono::steady_clock::duration to_duration(double seconds);

/// The breaker options the config gives, for the publish circuit or a subscriber's.
circuit_breaker_options breaker_options(const kafka_config& c, std::string service_name);

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_KAFKA_BUS_IMPL_HPP
