// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_DETAIL_BASIC_EVENT_BUS_HPP
#define ONEX_EVENT_BUS_DETAIL_BASIC_EVENT_BUS_HPP

#include <onex/event_bus/detail/envelope.hpp>
#include <onex/event_bus/detail/message_handler.hpp>
#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/subscription.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <boost/system/error_code.hpp>

#include <concepts>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace onex::event_bus::detail {

/// The operations that wait for nothing but the bus itself.
enum class bus_operation { start, close, start_consuming };

/// One publish as the caller described it. The views are valid during the bus's `prepare` only,
/// which copies what it keeps: an operation may be launched long after its initiating function
/// returned (`deferred`).
struct publish_spec {
    std::string_view topic;
    std::optional<std::string_view> key;
    std::string_view value;
    /// The caller's headers, used unchanged; both null: the bus's default headers.
    const event_headers* headers = nullptr;
    /// The same, passed as an rvalue: the bus may move from them.
    event_headers* movable_headers = nullptr;
    /// For default headers: `event_type` (empty: the topic) and `content_type` (empty: the
    /// default of @ref event_headers).
    std::string_view event_type;
    std::string_view content_type;
    /// Set when the publish cannot be sent at all: it completes with `errc::configuration`,
    /// `error` as the message and `error_parameter` naming what was wrong.
    std::string_view error;
    std::string_view error_parameter;
};

using bus_completion_handler = boost::asio::any_completion_handler<void(boost::system::error_code)>;

/// Every operation of the two buses, written once (the `event_bus` concept names them). `Bus`
/// derives from this class and befriends it, and supplies:
/// - `impl_`, a `std::shared_ptr` to its state, which each launched operation keeps alive;
/// - `run_erased(impl, bus_operation, diagnostics*, bus_completion_handler)`, static, for
///   @ref bus_operation;
/// - `prepare(const publish_spec&) const`, which copies a publish into the bus's own request
///   type, and `initiate_publish(handler, impl, request, diagnostics*)`, static, which launches
///   it with the caller's handler;
/// - `subscribe_erased(topic, group_id, message_handler)`, and `environment()`.
///
/// \par Executor
/// Every completion runs on the handler's associated executor, by default the bus's, and is
/// never invoked from inside the initiating function.
template <class Bus>
class basic_event_bus {
public:
    /// Connects the bus: for Kafka, creates the producer and waits (at most `timeout_seconds`)
    /// until the cluster answered with its metadata, then starts the consumers of subscriptions
    /// made before; in memory, marks the bus started. Starting a started bus does nothing.
    /// \par Handler signature
    /// `void(boost::system::error_code)`. Kafka: `errc::timeout` when no broker answered in
    /// time, `errc::connection_failed` when the connection failed (both count against the publish
    /// circuit), `errc::unavailable` while that circuit is open, `errc::configuration` when
    /// librdkafka rejected a property. In memory: always success.
    /// \par Per-operation cancellation
    /// Not supported: the start completes when the cluster answered or `timeout_seconds` passed.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_start(CompletionToken&& token = {}) {
        return run(bus_operation::start, nullptr, std::forward<CompletionToken>(token));
    }

    /// As above; on failure `diag` says what went wrong. `diag` must outlive the operation.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_start(diagnostics& diag, CompletionToken&& token = {}) {
        return run(bus_operation::start, &diag, std::forward<CompletionToken>(token));
    }

    /// Closes the bus (see each bus for what finishes first). New publishes fail with
    /// `errc::unavailable`; pending @ref async_start_consuming operations complete. Idempotent;
    /// the bus can be started again afterwards.
    /// \par Handler signature
    /// `void(boost::system::error_code)`, always success.
    /// \par Per-operation cancellation
    /// Not supported: a close always runs to its end.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_close(CompletionToken&& token = {}) {
        return run(bus_operation::close, nullptr, std::forward<CompletionToken>(token));
    }

    /// The same as @ref async_close.
    /// \par Per-operation cancellation
    /// Not supported.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_shutdown(CompletionToken&& token = {}) {
        return async_close(std::forward<CompletionToken>(token));
    }

    /// Starts the bus if needed, then completes once it is closed (with success), or when the
    /// start failed (with its error).
    /// \par Handler signature
    /// `void(boost::system::error_code)`.
    /// \par Per-operation cancellation
    /// Terminal, partial and total: the operation completes with `operation_aborted` and the bus
    /// keeps running.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_start_consuming(CompletionToken&& token = {}) {
        return run(bus_operation::start_consuming, nullptr, std::forward<CompletionToken>(token));
    }

    /// As above; when the start fails, `diag` says why. `diag` must outlive the operation.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_start_consuming(diagnostics& diag, CompletionToken&& token = {}) {
        return run(bus_operation::start_consuming, &diag, std::forward<CompletionToken>(token));
    }

    /// Publishes `value` under `key` (`std::nullopt` for none) to `topic`, with the bus's
    /// default headers: fresh ids, now, `event_type = topic`, `source` = the environment on
    /// Kafka, `"{environment}.{group}"` in memory.
    /// \par Handler signature
    /// `void(boost::system::error_code)`. Kafka completes once the broker acknowledged the
    /// message or the publish failed: `errc::unavailable` (not started, shutting down, circuit
    /// open), `errc::timeout` or `errc::connection_failed` (after `max_retry_attempts + 1`
    /// attempts), `errc::configuration` (invalid topic name, unknown topic, message too large).
    /// In memory it completes once every subscription of the topic has handled the message;
    /// `errc::unavailable` when the bus is not started.
    /// \par Object lifetimes
    /// `topic`, `key`, `value` and the headers are copied (or moved from) before this function
    /// returns.
    /// \par Per-operation cancellation
    /// Not supported: a message handed to the bus is sent, or fails, as a whole.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_publish(std::string_view topic, std::optional<std::string_view> key,
                       std::string_view value, CompletionToken&& token = {}) {
        return publish(spec_of(topic, key, value), nullptr, std::forward<CompletionToken>(token));
    }

    /// As above, with the caller's headers, used unchanged; an rvalue is moved from.
    template <class Headers, BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                                 CompletionToken = boost::asio::deferred_t>
    requires std::same_as<std::remove_cvref_t<Headers>, event_headers>
    auto async_publish(std::string_view topic, std::optional<std::string_view> key,
                       std::string_view value, Headers&& headers, CompletionToken&& token = {}) {
        return publish(with_headers(spec_of(topic, key, value), std::forward<Headers>(headers)),
                       nullptr, std::forward<CompletionToken>(token));
    }

    /// As above; on failure `diag` says what went wrong. `diag` must outlive the operation.
    template <class Headers, BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                                 CompletionToken = boost::asio::deferred_t>
    requires std::same_as<std::remove_cvref_t<Headers>, event_headers>
    auto async_publish(std::string_view topic, std::optional<std::string_view> key,
                       std::string_view value, Headers&& headers, diagnostics& diag,
                       CompletionToken&& token = {}) {
        return publish(with_headers(spec_of(topic, key, value), std::forward<Headers>(headers)),
                       &diag, std::forward<CompletionToken>(token));
    }

    /// Publishes `envelope` as JSON (`boost::json::value_from`, so any type with a conversion;
    /// a type without one does not compile), without a key, with default headers and
    /// `content_type = "application/json"`. A conversion that throws completes with
    /// `errc::configuration` ("Envelope is not JSON-serializable: ...").
    /// \par Handler signature
    /// As @ref async_publish.
    /// \par Per-operation cancellation
    /// Not supported.
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
    /// \par Handler signature
    /// As @ref async_publish.
    /// \par Per-operation cancellation
    /// Not supported.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_broadcast_to_environment(std::string_view command, boost::json::object payload,
                                        CompletionToken&& token = {}) {
        return broadcast(command, std::move(payload), {}, nullptr,
                         std::forward<CompletionToken>(token));
    }

    /// As above, to `"{target_environment}.broadcast"` (this bus's environment when empty).
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_broadcast_to_environment(std::string_view command, boost::json::object payload,
                                        std::string_view target_environment,
                                        CompletionToken&& token = {}) {
        return broadcast(command, std::move(payload), target_environment, nullptr,
                         std::forward<CompletionToken>(token));
    }

    /// As above; on failure `diag` says what went wrong. `diag` must outlive the operation.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_broadcast_to_environment(std::string_view command, boost::json::object payload,
                                        std::string_view target_environment, diagnostics& diag,
                                        CompletionToken&& token = {}) {
        return broadcast(command, std::move(payload), target_environment, &diag,
                         std::forward<CompletionToken>(token));
    }

    /// Publishes `{"command": command, "payload": payload}` to `"{environment}.{target_group}"`
    /// with `event_type = "group_command"`.
    /// \par Handler signature
    /// As @ref async_publish.
    /// \par Per-operation cancellation
    /// Not supported.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_send_to_group(std::string_view command, boost::json::object payload,
                             std::string_view target_group, CompletionToken&& token = {}) {
        return send_to_group(command, std::move(payload), target_group, nullptr,
                             std::forward<CompletionToken>(token));
    }

    /// As above; on failure `diag` says what went wrong. `diag` must outlive the operation.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_send_to_group(std::string_view command, boost::json::object payload,
                             std::string_view target_group, diagnostics& diag,
                             CompletionToken&& token = {}) {
        return send_to_group(command, std::move(payload), target_group, &diag,
                             std::forward<CompletionToken>(token));
    }

    /// Registers `handler` for the messages of `topic` (see each bus for how `group_id` is used:
    /// Kafka's consumer group id, exactly as given; the circuit key in memory). Works before and
    /// after start. Destroying the returned handle unsubscribes.
    ///
    /// `handler` is invocable as `void(const event_message&)` or
    /// `boost::asio::awaitable<void>(const event_message&)`; it fails by throwing.
    /// \throws protocol_configuration_error for an empty `group_id` (Kafka: also a blank one,
    /// and an invalid topic name).
    template <message_handler_for Handler>
    [[nodiscard]] subscription subscribe(std::string_view topic, std::string_view group_id,
                                         Handler&& handler) {
        return self().subscribe_erased(topic, group_id,
                                       message_handler(std::forward<Handler>(handler)));
    }

    /// `health()` as the guide's dictionary (see the health type's JSON conversion).
    boost::json::object health_check() const {
        return boost::json::value_from(self().health()).as_object();
    }

protected:
    // A base of the buses only, never destroyed through a pointer to it.
    basic_event_bus() = default;
    ~basic_event_bus() = default;
    basic_event_bus(const basic_event_bus&) = default;
    basic_event_bus& operator=(const basic_event_bus&) = default;
    basic_event_bus(basic_event_bus&&) noexcept = default;
    basic_event_bus& operator=(basic_event_bus&&) noexcept = default;

private:
    Bus& self() noexcept { return static_cast<Bus&>(*this); }
    const Bus& self() const noexcept { return static_cast<const Bus&>(*this); }

    template <class CompletionToken>
    auto run(bus_operation op, diagnostics* diag, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [op, diag](auto handler, auto impl) {
                Bus::run_erased(std::move(impl), op, diag,
                                bus_completion_handler(std::move(handler)));
            },
            token, self().impl_);
    }

    template <class CompletionToken>
    auto publish(const publish_spec& spec, diagnostics* diag, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [diag](auto handler, auto impl, auto request) {
                Bus::initiate_publish(std::move(handler), std::move(impl), std::move(request),
                                      diag);
            },
            token, self().impl_, self().prepare(spec));
    }

    static publish_spec spec_of(std::string_view topic, std::optional<std::string_view> key,
                                std::string_view value) noexcept {
        publish_spec spec;
        spec.topic = topic;
        spec.key = key;
        spec.value = value;
        return spec;
    }

    template <class Headers>
    static publish_spec with_headers(publish_spec spec, Headers&& headers) noexcept {
        if constexpr (std::is_lvalue_reference_v<Headers> ||
                      std::is_const_v<std::remove_reference_t<Headers>>)
            spec.headers = &headers;
        else
            spec.movable_headers = &headers;
        return spec;
    }

    template <class Envelope, class CompletionToken>
    auto publish_envelope(const Envelope& envelope, std::string_view topic, diagnostics* diag,
                          CompletionToken&& token) {
        std::string error;
        const std::string json = serialize_envelope(envelope, error);
        publish_spec spec = spec_of(topic, std::nullopt, json);
        spec.content_type = "application/json";
        spec.error = error;
        spec.error_parameter = "envelope";
        return publish(spec, diag, std::forward<CompletionToken>(token));
    }

    template <class CompletionToken>
    auto broadcast(std::string_view command, boost::json::object payload,
                   std::string_view target_environment, diagnostics* diag,
                   CompletionToken&& token) {
        const std::string topic =
            std::string(target_environment.empty() ? self().environment() : target_environment) +
            ".broadcast";
        return command_publish(topic, "broadcast", command, std::move(payload), diag,
                               std::forward<CompletionToken>(token));
    }

    template <class CompletionToken>
    auto send_to_group(std::string_view command, boost::json::object payload,
                       std::string_view target_group, diagnostics* diag, CompletionToken&& token) {
        const std::string topic = self().environment() + "." + std::string(target_group);
        return command_publish(topic, "group_command", command, std::move(payload), diag,
                               std::forward<CompletionToken>(token));
    }

    template <class CompletionToken>
    auto command_publish(std::string_view topic, std::string_view event_type,
                         std::string_view command, boost::json::object payload, diagnostics* diag,
                         CompletionToken&& token) {
        const std::string value = boost::json::serialize(
            boost::json::object{{"command", command}, {"payload", std::move(payload)}});
        publish_spec spec = spec_of(topic, std::nullopt, value);
        spec.event_type = event_type;
        return publish(spec, diag, std::forward<CompletionToken>(token));
    }
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_DETAIL_BASIC_EVENT_BUS_HPP
