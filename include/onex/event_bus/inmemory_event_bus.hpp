// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_INMEMORY_EVENT_BUS_HPP
#define ONEX_EVENT_BUS_INMEMORY_EVENT_BUS_HPP

#include <onex/event_bus/detail/envelope.hpp>
#include <onex/event_bus/detail/inmemory_publish_op.hpp>
#include <onex/event_bus/detail/message_handler.hpp>
#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/event_message.hpp>
#include <onex/event_bus/inmemory_options.hpp>
#include <onex/event_bus/subscription.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/execution_context.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value_from.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace onex::event_bus {

namespace detail {
class inmemory_bus_impl;
}

/// The event bus without a broker: the whole API of @ref kafka_event_bus, delivering each message
/// to every subscription of its topic inside `async_publish`. For development and test suites
/// (see `onex/event_bus/testing.hpp`).
///
/// Behaviour (the guide's `InMemoryEventBus`):
/// - Every subscription receives every message of its topic (fan-out), in subscription order,
///   one handler after the other; `async_publish` completes when the last one has finished.
/// - A handler that throws never fails the publish and never stops the others. It counts against
///   the circuit of its `(topic, group_id)` pair (shared by subscriptions with the same pair); at
///   `circuit_breaker_threshold` consecutive failures that subscriber is skipped until
///   @ref reset_subscriber_circuit or a close. A success resets the count.
/// - Offsets are counted per topic from "0"; the partition is always 0. Every published message
///   goes to the history (even without subscribers), which keeps the last `max_history`.
/// - Closing removes every subscription and every circuit, and keeps history and offsets; the bus
///   can be started again.
///
/// Handlers and completion handlers run on the bus's executor (a completion handler on its own
/// associated executor, if it has one); no completion is ever invoked from inside the initiating
/// function. The library starts no thread.
///
/// \par Thread safety
/// Distinct objects: safe. \n
/// Shared objects: safe. Every member function may be called concurrently from several threads,
/// for instance from handlers running on a multi-threaded `io_context`; registry updates take a
/// short internal lock, and handlers run outside it. Handlers of one publish run one after the
/// other; handlers of concurrent publishes may run concurrently when the executor has several
/// threads, so they must then be thread-safe themselves.
class inmemory_event_bus {
public:
    using executor_type = boost::asio::any_io_executor;

    /// A bus on `ex` with the guide's defaults (environment "local", group "default",
    /// `max_history` 1000, circuit threshold 5), or with `options`.
    /// \throws protocol_configuration_error when `options.circuit_breaker_threshold < 1`.
    explicit inmemory_event_bus(executor_type ex, inmemory_options options = {});

    /// A bus on `ctx.get_executor()`.
    template <class ExecutionContext>
    requires std::is_convertible_v<ExecutionContext&, boost::asio::execution_context&>
    explicit inmemory_event_bus(ExecutionContext& ctx, inmemory_options options = {})
        : inmemory_event_bus(executor_type(ctx.get_executor()), std::move(options)) {}

    /// Closes the bus: pending `async_start_consuming` operations complete with
    /// `boost::asio::error::operation_aborted`; running publishes finish normally.
    ~inmemory_event_bus();

    inmemory_event_bus(inmemory_event_bus&&) noexcept = default;
    inmemory_event_bus& operator=(inmemory_event_bus&&) noexcept;
    inmemory_event_bus(const inmemory_event_bus&) = delete;
    inmemory_event_bus& operator=(const inmemory_event_bus&) = delete;

    executor_type get_executor() const noexcept;
    const std::string& environment() const noexcept;
    const std::string& group() const noexcept;
    const inmemory_options& options() const noexcept;
    bool is_started() const noexcept;

    /// Starts the bus. Idempotent; never fails.
    /// \par Handler signature
    /// `void(boost::system::error_code)`.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_start(CompletionToken&& token = {}) {
        return initiate(&inmemory_event_bus::start_erased, std::forward<CompletionToken>(token));
    }

    /// Stops the bus: removes every subscription and circuit, completes pending
    /// `async_start_consuming` operations. Idempotent; never fails.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_close(CompletionToken&& token = {}) {
        return initiate(&inmemory_event_bus::close_erased, std::forward<CompletionToken>(token));
    }

    /// The same as @ref async_close.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_shutdown(CompletionToken&& token = {}) {
        return async_close(std::forward<CompletionToken>(token));
    }

    /// Starts the bus if needed, then completes once it is closed or shut down.
    /// \par Per-operation cancellation
    /// Terminal, partial and total: the operation completes with `operation_aborted` and the bus
    /// stays started.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_start_consuming(CompletionToken&& token = {}) {
        return initiate(&inmemory_event_bus::start_consuming_erased,
                        std::forward<CompletionToken>(token));
    }

    /// Publishes `value` under `key` (`std::nullopt` for none) to `topic`, with default headers
    /// (`source = "{environment}.{group}"`, `event_type = topic`, fresh ids, now).
    ///
    /// Completes once every subscription of the topic has handled the message.
    /// \par Handler signature
    /// `void(boost::system::error_code)`: `errc::unavailable` when the bus is not started.
    /// \par Object lifetimes
    /// `topic`, `key` and `value` are copied before this function returns.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_publish(std::string_view topic, std::optional<std::string_view> key,
                       std::string_view value, CompletionToken&& token = {}) {
        return initiate_publish(make_body(topic, key, value, nullptr), nullptr,
                                std::forward<CompletionToken>(token));
    }

    /// As above, with the caller's headers, used unchanged.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_publish(std::string_view topic, std::optional<std::string_view> key,
                       std::string_view value, event_headers headers,
                       CompletionToken&& token = {}) {
        return initiate_publish(make_body(topic, key, value, &headers), nullptr,
                                std::forward<CompletionToken>(token));
    }

    /// As above; on failure `diag` says what went wrong. `diag` must outlive the operation.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_publish(std::string_view topic, std::optional<std::string_view> key,
                       std::string_view value, event_headers headers, diagnostics& diag,
                       CompletionToken&& token = {}) {
        return initiate_publish(make_body(topic, key, value, &headers), &diag,
                                std::forward<CompletionToken>(token));
    }

    /// Publishes `envelope` as JSON (`boost::json::value_from`, so any type with a conversion;
    /// a type without one does not compile) with `content_type = "application/json"`.
    /// A conversion that throws completes with `errc::configuration` ("Envelope is not
    /// JSON-serializable: ...", in `diag` when given).
    template <class Envelope, BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                                  CompletionToken = boost::asio::deferred_t>
    requires boost::json::has_value_from<Envelope>::value auto
    async_publish_envelope(const Envelope& envelope, std::string_view topic,
                           CompletionToken&& token = {}) {
        return publish_envelope(envelope, topic, nullptr, std::forward<CompletionToken>(token));
    }

    /// As above; on failure `diag` says what went wrong. `diag` must outlive the operation.
    template <class Envelope, BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                                  CompletionToken = boost::asio::deferred_t>
    requires boost::json::has_value_from<Envelope>::value auto
    async_publish_envelope(const Envelope& envelope, std::string_view topic, diagnostics& diag,
                           CompletionToken&& token = {}) {
        return publish_envelope(envelope, topic, &diag, std::forward<CompletionToken>(token));
    }

    /// Publishes `{"command": command, "payload": payload}` to `"{environment}.broadcast"` with
    /// `event_type = "broadcast"`.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_broadcast_to_environment(std::string_view command, boost::json::object payload,
                                        CompletionToken&& token = {}) {
        return async_broadcast_to_environment(command, std::move(payload), environment(),
                                              std::forward<CompletionToken>(token));
    }

    /// As above, to `"{target_environment}.broadcast"` (this bus's environment when empty).
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_broadcast_to_environment(std::string_view command, boost::json::object payload,
                                        std::string_view target_environment,
                                        CompletionToken&& token = {}) {
        return initiate_publish(
            make_broadcast_body(command, std::move(payload), target_environment), nullptr,
            std::forward<CompletionToken>(token));
    }

    /// Publishes `{"command": command, "payload": payload}` to `"{environment}.{target_group}"`
    /// with `event_type = "group_command"`.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_send_to_group(std::string_view command, boost::json::object payload,
                             std::string_view target_group, CompletionToken&& token = {}) {
        return initiate_publish(make_group_body(command, std::move(payload), target_group), nullptr,
                                std::forward<CompletionToken>(token));
    }

    /// Registers `handler` for every message published to `topic` from now on. Works before
    /// start. `group_id` keys the subscriber's circuit; every subscription receives every message
    /// whatever its group.
    ///
    /// `handler` is invocable as `void(const event_message&)` or
    /// `boost::asio::awaitable<void>(const event_message&)`; it fails by throwing.
    /// \throws protocol_configuration_error when `group_id` is empty.
    template <message_handler_for Handler>
    [[nodiscard]] subscription subscribe(std::string_view topic, std::string_view group_id,
                                         Handler&& handler) {
        return subscribe_erased(topic, group_id,
                                detail::message_handler(std::forward<Handler>(handler)));
    }

    /// `{"healthy", "started", "environment", "group", "subscriber_count", "topic_count",
    /// "history_size"}`. `topic_count` counts every topic that ever had a subscription since the
    /// last close, even one whose subscriptions are all gone (as the peer does).
    boost::json::object health_check() const;

    /// The last `limit` published messages, oldest first, of `topic` only when it is given and
    /// not empty (filtered before the limit is applied). `limit == 0` returns them all, as the
    /// peer does.
    std::vector<event_message> event_history(std::size_t limit = 100,
                                             std::optional<std::string_view> topic = {}) const;

    void clear_event_history();

    /// Subscriptions to `topic`, or to all topics.
    std::size_t subscriber_count(std::optional<std::string_view> topic = {}) const;

    /// Topics that have at least one subscription, sorted.
    std::vector<std::string> topics() const;

    /// Messages published to `topic` so far (0 for an unknown topic).
    std::uint64_t topic_offset(std::string_view topic) const;

    /// `{"open_circuits": [{"topic", "group_id"}...], "failure_counts": {"topic:group_id": n}}`.
    boost::json::object circuit_breaker_status() const;

    /// Clears the failure count of `(topic, group_id)`; true when it had one.
    bool reset_subscriber_circuit(std::string_view topic, std::string_view group_id);

private:
    using handler_type = boost::asio::any_completion_handler<void(boost::system::error_code)>;
    using body_ptr = std::shared_ptr<detail::owning_message_body>;

    // A body to publish, or the reason it could not be built.
    struct prepared {
        body_ptr body;
        std::string error;
    };

    template <class CompletionToken>
    auto initiate(void (*fn)(std::shared_ptr<detail::inmemory_bus_impl>, handler_type),
                  CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [fn](auto handler, std::shared_ptr<detail::inmemory_bus_impl> impl) {
                fn(std::move(impl), handler_type(std::move(handler)));
            },
            token, impl_);
    }

    template <class CompletionToken>
    auto initiate_publish(prepared p, diagnostics* diag, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [diag](auto handler, std::shared_ptr<detail::inmemory_bus_impl> impl, prepared p) {
                using op = detail::inmemory_publish_op_impl<decltype(handler)>;
                detail::inmemory_publish_op* raw_op = op::create(std::move(handler));
                publish_erased(std::move(impl), std::move(p), diag, raw_op);
            },
            token, impl_, std::move(p));
    }

    template <class Envelope, class CompletionToken>
    auto publish_envelope(const Envelope& envelope, std::string_view topic, diagnostics* diag,
                          CompletionToken&& token) {
        std::string error;
        std::string json = detail::serialize_envelope(envelope, error);
        prepared p = error.empty() ? make_envelope_body(topic, json) : prepared{nullptr, error};
        return initiate_publish(std::move(p), diag, std::forward<CompletionToken>(token));
    }

    prepared make_body(std::string_view topic, std::optional<std::string_view> key,
                       std::string_view value, event_headers* headers) const;
    prepared make_envelope_body(std::string_view topic, std::string_view json) const;
    prepared make_broadcast_body(std::string_view command, boost::json::object payload,
                                 std::string_view target_environment) const;
    prepared make_group_body(std::string_view command, boost::json::object payload,
                             std::string_view target_group) const;

    subscription subscribe_erased(std::string_view topic, std::string_view group_id,
                                  detail::message_handler handler);

    static void start_erased(std::shared_ptr<detail::inmemory_bus_impl> impl, handler_type h);
    static void close_erased(std::shared_ptr<detail::inmemory_bus_impl> impl, handler_type h);
    static void start_consuming_erased(std::shared_ptr<detail::inmemory_bus_impl> impl,
                                       handler_type h);
    static void publish_erased(std::shared_ptr<detail::inmemory_bus_impl> impl, prepared p,
                               diagnostics* diag, detail::inmemory_publish_op* op);

    std::shared_ptr<detail::inmemory_bus_impl> impl_;
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_INMEMORY_EVENT_BUS_HPP
