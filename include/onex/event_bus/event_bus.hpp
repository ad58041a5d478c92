// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_EVENT_BUS_HPP
#define ONEX_EVENT_BUS_EVENT_BUS_HPP

#include <onex/event_bus/bus_health.hpp>
#include <onex/event_bus/circuit_status.hpp>
#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/event_message.hpp>
#include <onex/event_bus/subscription.hpp>

#include <boost/asio/deferred.hpp>
#include <boost/json/object.hpp>

#include <concepts>
#include <optional>
#include <string>
#include <string_view>

namespace onex::event_bus {

/// What both buses, @ref kafka_event_bus and @ref inmemory_event_bus, offer: code written against
/// this concept (a service, a test helper, @ref basic_event_publisher) runs on either.
///
/// Each `async_*` operation takes any completion token and completes with
/// `void(boost::system::error_code)`; the forms with a @ref diagnostics fill it on failure.
/// `transport` names the bus in diagnostics (`"kafka"`, `"inmemory"`); `health()` returns the
/// bus's own health type, derived from @ref bus_health;
/// `circuit_breaker_status()` is the publish circuit (always closed in memory, which has none).
template <class Bus>
concept event_bus = requires(Bus& bus, const Bus& const_bus, std::string_view text,
                             std::optional<std::string_view> key, const event_headers& headers,
                             diagnostics& diag, const boost::json::object& payload) {
    typename Bus::executor_type;
    typename Bus::config_type;
    typename Bus::health_type;
    requires std::derived_from<typename Bus::health_type, bus_health>;
    { Bus::transport } -> std::convertible_to<std::string_view>;

    { const_bus.get_executor() } -> std::same_as<typename Bus::executor_type>;
    { const_bus.config() } -> std::same_as<const typename Bus::config_type&>;
    { const_bus.environment() } -> std::same_as<const std::string&>;
    { const_bus.group() } -> std::same_as<const std::string&>;
    { const_bus.is_started() } -> std::same_as<bool>;
    { const_bus.health() } -> std::same_as<typename Bus::health_type>;
    { const_bus.health_check() } -> std::same_as<boost::json::object>;
    { const_bus.circuit_breaker_status() } -> std::same_as<circuit_status>;
    {
        bus.subscribe(text, text, [](const event_message&) {})
        } -> std::same_as<subscription>;

    bus.async_start(boost::asio::deferred);
    bus.async_start(diag, boost::asio::deferred);
    bus.async_close(boost::asio::deferred);
    bus.async_shutdown(boost::asio::deferred);
    bus.async_start_consuming(boost::asio::deferred);
    bus.async_start_consuming(diag, boost::asio::deferred);
    bus.async_publish(text, key, text, boost::asio::deferred);
    bus.async_publish(text, key, text, headers, boost::asio::deferred);
    bus.async_publish(text, key, text, headers, diag, boost::asio::deferred);
    bus.async_publish_envelope(payload, text, boost::asio::deferred);
    bus.async_publish_envelope(payload, text, diag, boost::asio::deferred);
    bus.async_broadcast_to_environment(text, payload, boost::asio::deferred);
    bus.async_broadcast_to_environment(text, payload, text, boost::asio::deferred);
    bus.async_broadcast_to_environment(text, payload, text, diag, boost::asio::deferred);
    bus.async_send_to_group(text, payload, text, boost::asio::deferred);
    bus.async_send_to_group(text, payload, text, diag, boost::asio::deferred);
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_EVENT_BUS_HPP
