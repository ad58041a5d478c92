// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_KAFKA_EVENT_BUS_HPP
#define ONEX_EVENT_BUS_KAFKA_EVENT_BUS_HPP

#include <onex/event_bus/detail/envelope.hpp>
#include <onex/event_bus/detail/message_handler.hpp>
#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/kafka_config.hpp>
#include <onex/event_bus/logger.hpp>
#include <onex/event_bus/subscription.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/execution_context.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value_from.hpp>
#include <boost/system/error_code.hpp>

#include <filesystem>
#include <memory>
#include <optional>
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
/// \par Thread safety
/// Distinct objects: safe. \n
/// Shared objects: safe; every member may be called from any thread.
class kafka_event_bus {
public:
    using executor_type = boost::asio::any_io_executor;

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

    /// Creates the producer and waits (at most `timeout_seconds`) until the cluster answered
    /// with its metadata; starts the consumers of subscriptions made before. Starting a started
    /// bus does nothing.
    /// \par Handler signature
    /// `void(boost::system::error_code)`: `errc::timeout` when no broker answered in time,
    /// `errc::connection_failed` when the connection failed (both count against the publish
    /// circuit), `errc::unavailable` while that circuit is open, `errc::configuration` when
    /// librdkafka rejected a property.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_start(CompletionToken&& token = {}) {
        return initiate(&kafka_event_bus::start_erased, nullptr,
                        std::forward<CompletionToken>(token));
    }

    /// As above; on failure `diag` says what went wrong. `diag` must outlive the operation.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_start(diagnostics& diag, CompletionToken&& token = {}) {
        return initiate(&kafka_event_bus::start_erased, &diag,
                        std::forward<CompletionToken>(token));
    }

    /// Closes the bus: new publishes fail with `errc::unavailable` ("shutting down"); publishes
    /// in flight get up to `timeout_seconds` to be acknowledged (then they complete with
    /// `operation_aborted`); consumers finish the message in hand, commit what was handled and
    /// leave their groups; pending @ref async_start_consuming operations complete. Idempotent;
    /// the bus can be started again afterwards.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_close(CompletionToken&& token = {}) {
        return initiate(&kafka_event_bus::close_erased, nullptr,
                        std::forward<CompletionToken>(token));
    }

    /// The same as @ref async_close.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_shutdown(CompletionToken&& token = {}) {
        return async_close(std::forward<CompletionToken>(token));
    }

    /// Starts the bus if needed, then completes once it is closed (with success), or when the
    /// start failed (with its error).
    /// \par Per-operation cancellation
    /// Terminal, partial and total: completes with `operation_aborted`; the bus keeps running.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_start_consuming(CompletionToken&& token = {}) {
        return initiate(&kafka_event_bus::start_consuming_erased, nullptr,
                        std::forward<CompletionToken>(token));
    }

    /// Publishes `value` under `key` (`std::nullopt` for none: librdkafka's partitioner picks the
    /// partition) with default headers (`source = environment`, `event_type = topic`).
    /// \par Handler signature
    /// `void(boost::system::error_code)`, once Kafka acknowledged the message or the publish
    /// failed: `errc::unavailable` (not started, shutting down, circuit open), `errc::timeout`,
    /// `errc::connection_failed` (after `max_retry_attempts + 1` attempts),
    /// `errc::configuration` (invalid topic name, unknown topic, message too large).
    /// \par Object lifetimes
    /// `topic`, `key` and `value` are copied before this function returns.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_publish(std::string_view topic, std::optional<std::string_view> key,
                       std::string_view value, CompletionToken&& token = {}) {
        return initiate_publish(make_request(topic, key, value, nullptr), nullptr,
                                std::forward<CompletionToken>(token));
    }

    /// As above, with the caller's headers, used unchanged.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_publish(std::string_view topic, std::optional<std::string_view> key,
                       std::string_view value, const event_headers& headers,
                       CompletionToken&& token = {}) {
        return initiate_publish(make_request(topic, key, value, &headers), nullptr,
                                std::forward<CompletionToken>(token));
    }

    /// As above; on failure `diag` says what went wrong. `diag` must outlive the operation.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_publish(std::string_view topic, std::optional<std::string_view> key,
                       std::string_view value, const event_headers& headers, diagnostics& diag,
                       CompletionToken&& token = {}) {
        return initiate_publish(make_request(topic, key, value, &headers), &diag,
                                std::forward<CompletionToken>(token));
    }

    /// Publishes `envelope` as JSON (`boost::json::value_from`) with
    /// `content_type = "application/json"`; a conversion that throws completes with
    /// `errc::configuration`.
    template <class Envelope, BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                                  CompletionToken = boost::asio::deferred_t>
    requires boost::json::has_value_from<Envelope>::value auto
    async_publish_envelope(const Envelope& envelope, std::string_view topic,
                           CompletionToken&& token = {}) {
        std::string error;
        std::string json = detail::serialize_envelope(envelope, error);
        return initiate_publish(make_envelope_request(topic, json, error), nullptr,
                                std::forward<CompletionToken>(token));
    }

    /// Publishes `{"command": command, "payload": payload}` to `"{environment}.broadcast"` with
    /// `event_type = "broadcast"`.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_broadcast_to_environment(std::string_view command, boost::json::object payload,
                                        CompletionToken&& token = {}) {
        return async_broadcast_to_environment(command, std::move(payload), std::string_view(),
                                              std::forward<CompletionToken>(token));
    }

    /// As above, to `"{target_environment}.broadcast"` (this bus's environment when empty).
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_broadcast_to_environment(std::string_view command, boost::json::object payload,
                                        std::string_view target_environment,
                                        CompletionToken&& token = {}) {
        return initiate_publish(make_command_request(command, std::move(payload),
                                                     broadcast_topic(target_environment),
                                                     "broadcast"),
                                nullptr, std::forward<CompletionToken>(token));
    }

    /// Publishes `{"command": command, "payload": payload}` to `"{environment}.{target_group}"`
    /// with `event_type = "group_command"`.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_send_to_group(std::string_view command, boost::json::object payload,
                             std::string_view target_group, CompletionToken&& token = {}) {
        return initiate_publish(
            make_command_request(command, std::move(payload),
                                 environment() + "." + std::string(target_group), "group_command"),
            nullptr, std::forward<CompletionToken>(token));
    }

    /// Registers `handler` for the messages of `topic` in Kafka consumer group `group_id` (used
    /// exactly as given). Works before and after start; after start the group's consumer is
    /// created or its subscription extended.
    ///
    /// `handler` is invocable as `void(const event_message&)` or
    /// `boost::asio::awaitable<void>(const event_message&)`; it fails by throwing.
    /// \throws protocol_configuration_error for an empty or blank `group_id` or an invalid topic
    /// name.
    template <message_handler_for Handler>
    [[nodiscard]] subscription subscribe(std::string_view topic, std::string_view group_id,
                                         Handler&& handler) {
        return subscribe_erased(topic, group_id,
                                detail::message_handler(std::forward<Handler>(handler)));
    }

    /// `{"healthy", "started", "environment", "bootstrap_servers" (credentials stripped),
    /// "circuit_state" ("closed"/"open"/"half_open"), "subscriber_count", "topic_count",
    /// "consumer_count", "publishes_in_flight", "dead_lettered", "dead_letter_failures",
    /// "open_subscriber_circuits", "unhandled_without_dead_letter_topic"}`.
    boost::json::object health_check() const;

    /// The publish circuit breaker's state (see `circuit_breaker::status`).
    boost::json::object circuit_breaker_status() const;

private:
    using handler_type = boost::asio::any_completion_handler<void(boost::system::error_code)>;
    using request_ptr =
        std::unique_ptr<detail::kafka_publish_request, void (*)(detail::kafka_publish_request*)>;
    using erased_fn = void (*)(std::shared_ptr<detail::kafka_bus_impl>, diagnostics*, handler_type);

    template <class CompletionToken>
    auto initiate(erased_fn fn, diagnostics* diag, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [fn, diag](auto handler, std::shared_ptr<detail::kafka_bus_impl> impl) {
                fn(std::move(impl), diag, handler_type(std::move(handler)));
            },
            token, impl_);
    }

    template <class CompletionToken>
    auto initiate_publish(request_ptr request, diagnostics* diag, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [diag](auto handler, std::shared_ptr<detail::kafka_bus_impl> impl,
                   request_ptr request) {
                publish_erased(std::move(impl), std::move(request), diag,
                               handler_type(std::move(handler)));
            },
            token, impl_, std::move(request));
    }

    request_ptr make_request(std::string_view topic, std::optional<std::string_view> key,
                             std::string_view value, const event_headers* headers) const;
    request_ptr make_envelope_request(std::string_view topic, std::string_view json,
                                      std::string_view error) const;
    request_ptr make_command_request(std::string_view command, boost::json::object payload,
                                     const std::string& topic, std::string_view event_type) const;
    std::string broadcast_topic(std::string_view target_environment) const;

    subscription subscribe_erased(std::string_view topic, std::string_view group_id,
                                  detail::message_handler handler);

    static void start_erased(std::shared_ptr<detail::kafka_bus_impl> impl, diagnostics* diag,
                             handler_type h);
    static void close_erased(std::shared_ptr<detail::kafka_bus_impl> impl, diagnostics* diag,
                             handler_type h);
    static void start_consuming_erased(std::shared_ptr<detail::kafka_bus_impl> impl,
                                       diagnostics* diag, handler_type h);
    static void publish_erased(std::shared_ptr<detail::kafka_bus_impl> impl, request_ptr request,
                               diagnostics* diag, handler_type h);

    std::shared_ptr<detail::kafka_bus_impl> impl_;
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_KAFKA_EVENT_BUS_HPP
