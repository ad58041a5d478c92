// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_KAFKA_EVENT_BUS_HPP
#define ONEX_EVENT_BUS_KAFKA_EVENT_BUS_HPP

#include <onex/event_bus/circuit_status.hpp>
#include <onex/event_bus/detail/basic_event_bus.hpp>
#include <onex/event_bus/event_bus.hpp>
#include <onex/event_bus/kafka_config.hpp>
#include <onex/event_bus/kafka_health.hpp>
#include <onex/event_bus/logger.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/execution_context.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

namespace onex::event_bus {

namespace detail {
class kafka_bus_impl;
struct kafka_publish_request;
} // namespace detail

/// The event bus over Apache Kafka (librdkafka), driven by the program's own executor.
///
/// \par Event loop
/// librdkafka signals each queue we serve (the producer's delivery reports, each consumer's
/// messages and events) through an eventfd that the bus waits for on its executor, then drains
/// the queue with zero timeouts. Nothing polls on a timer and the library starts no thread:
/// handlers, completion handlers, librdkafka logs, errors and rebalances all run on the bus's
/// executor (through an internal strand). A started bus keeps that executor's `io_context` busy
/// (as an open connection does) until @ref async_close.
///
/// \par Publishing
/// `async_publish` completes when Kafka acknowledged the message (its delivery report). A failed
/// attempt is retried `max_retry_attempts` times, waiting `retry_backoff_base · 2^attempt ·
/// U(0.5, 1.5)` seconds on a timer; each failed attempt counts against the publish circuit
/// breaker, which fails publishes fast with `errc::unavailable` (and a `retry_after`) while open.
/// An unknown topic fails at once with `errc::configuration` and does not count.
///
/// \par Consuming
/// One Kafka consumer per group id, whose id is exactly the `group_id` given to @ref subscribe
/// and whose subscription is the set of that group's topics. Each subscription of a (topic,
/// group) receives every message of that group, in subscription order, one message at a time. A
/// message's offset is stored for commit only once every handler succeeded or the message was
/// written to the dead-letter topic (at-least-once; nothing is dropped silently). A handler that
/// throws is retried with the same backoff up to the message's `max_retries` (counting from its
/// `retry_count`), then dead-lettered; without a `dead_letter_topic` the message is logged at
/// error level and counted in @ref health_check.
///
/// Each (topic, group) has a circuit breaker counting messages that ended dead-lettered (one per
/// message, whatever its retries); a success resets it. At `circuit_breaker_threshold` in a row it
/// opens: the topic's partitions in that group are paused (`rd_kafka_pause_partitions`, no
/// spinning) for `circuit_breaker_reset_timeout`, then resumed half-open; the next message's
/// outcome closes or reopens it.
///
/// \par Operations
/// The `async_*` operations, `subscribe` and `health_check` are those of every @ref event_bus,
/// written once in `detail::basic_event_bus` (onex/event_bus/detail/basic_event_bus.hpp), where
/// each is documented: completion signature, errors, lifetimes, per-operation cancellation. This
/// class adds its constructor, accessors and typed results.
///
/// \par Thread safety
/// Distinct objects: safe. \n
/// Shared objects: safe; every member may be called from any thread.
class kafka_event_bus : public detail::basic_event_bus<kafka_event_bus> {
public:
    using executor_type = boost::asio::any_io_executor;
    using config_type = kafka_config;
    using health_type = kafka_health;

    /// The transport name diagnostics and publishers use.
    static constexpr std::string_view transport = "kafka";

    /// A bus on `ex` with `config`, which is validated first.
    /// \throws protocol_configuration_error naming the invalid field.
    kafka_event_bus(executor_type ex, kafka_config config, std::shared_ptr<logger> log = {});

    /// A bus on `ctx.get_executor()`.
    template <class ExecutionContext>
    requires std::is_convertible_v<ExecutionContext&, boost::asio::execution_context&>
    kafka_event_bus(ExecutionContext& ctx, kafka_config config, std::shared_ptr<logger> log = {})
        : kafka_event_bus(executor_type(ctx.get_executor()), std::move(config), std::move(log)) {}

    /// `kafka_config::from_env()` (KAFKA_* variables over the defaults).
    static kafka_event_bus from_env(executor_type ex);

    /// `kafka_config::from_yaml(path)` (environment variables win over the file).
    static kafka_event_bus from_yaml(executor_type ex, const std::filesystem::path& path);

    /// The same as the constructor.
    static kafka_event_bus from_config(executor_type ex, kafka_config config);

    /// Starts closing the bus (as @ref async_close, without waiting): every pending operation
    /// still completes, with `operation_aborted` where it could not finish.
    ~kafka_event_bus();

    kafka_event_bus(kafka_event_bus&&) noexcept = default;
    kafka_event_bus& operator=(kafka_event_bus&&) noexcept;
    kafka_event_bus(const kafka_event_bus&) = delete;
    kafka_event_bus& operator=(const kafka_event_bus&) = delete;

    executor_type get_executor() const noexcept;
    const kafka_config& config() const noexcept;
    const std::string& environment() const noexcept;
    const std::string& group() const noexcept;
    bool is_started() const noexcept;

    /// The bus's state and counters (see @ref kafka_health; `health_check()` gives them as the
    /// guide's dictionary).
    kafka_health health() const;

    /// The publish circuit breaker's state.
    circuit_status circuit_breaker_status() const;

private:
    friend class detail::basic_event_bus<kafka_event_bus>;

    using handler_type = detail::bus_completion_handler;
    using request_ptr =
        std::unique_ptr<detail::kafka_publish_request, void (*)(detail::kafka_publish_request*)>;

    request_ptr prepare(const detail::publish_spec& spec) const;
    subscription subscribe_erased(std::string_view topic, std::string_view group_id,
                                  detail::message_handler handler);

    static void run_erased(std::shared_ptr<detail::kafka_bus_impl> impl, detail::bus_operation op,
                           diagnostics* diag, handler_type h);

    template <class Handler>
    static void initiate_publish(Handler&& handler, std::shared_ptr<detail::kafka_bus_impl> impl,
                                 request_ptr request, diagnostics* diag) {
        publish_erased(std::move(impl), std::move(request), diag,
                       handler_type(std::forward<Handler>(handler)));
    }
    static void publish_erased(std::shared_ptr<detail::kafka_bus_impl> impl, request_ptr request,
                               diagnostics* diag, handler_type h);

    std::shared_ptr<detail::kafka_bus_impl> impl_;
};

static_assert(event_bus<kafka_event_bus>);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_KAFKA_EVENT_BUS_HPP
