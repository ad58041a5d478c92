// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_EXAMPLES_ORDER_SERVICE_HPP
#define ONEX_EVENT_BUS_APPS_EXAMPLES_ORDER_SERVICE_HPP

// The service under test in order_service_test.cpp: what a user's own service looks like.

#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/event_message.hpp>
#include <onex/event_bus/subscription.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <cstdint>
#include <string_view>

namespace onex::examples {

/// The business rule, apart from messaging: `{"order_id", "status": "accepted"}`, or
/// `{"order_id", "status": "rejected", "reason"}` for an order without `order_id` or `sku` (text,
/// not empty) or whose `quantity` is not an integer in [1, 100].
inline boost::json::object decide(const boost::json::object& order) {
    auto text = [&](std::string_view field) -> boost::json::string_view {
        const auto* v = order.if_contains(field);
        return v && v->is_string() ? boost::json::string_view(v->get_string()) : "";
    };
    const auto* quantity = order.if_contains("quantity");
    boost::json::object event{{"order_id", text("order_id")}, {"status", "rejected"}};
    if (text("order_id").empty())
        event["reason"] = "order_id is required";
    else if (text("sku").empty())
        event["reason"] = "sku is required";
    else if (!quantity || !quantity->is_int64() || quantity->get_int64() < 1 ||
             quantity->get_int64() > 100)
        event["reason"] = "quantity must be an integer between 1 and 100";
    else
        event["status"] = "accepted";
    return event;
}

/// Validates the orders published to `orders.commands` and answers each on `orders.events`,
/// accepted or rejected, in the conversation of the command (its correlation id). Works on
/// either bus; it subscribes when constructed and unsubscribes when destroyed.
template <class Bus>
class order_service {
public:
    static constexpr std::string_view commands_topic = "orders.commands";
    static constexpr std::string_view events_topic = "orders.events";
    static constexpr std::string_view group_id = "order-service";

    explicit order_service(Bus& bus)
        : bus_(bus)
        , subscription_(
              bus.subscribe(commands_topic, group_id,
                            [this](const event_bus::event_message& m) { return handle(m); })) {}

    // The subscription's handler points at this object.
    order_service(const order_service&) = delete;
    order_service& operator=(const order_service&) = delete;

private:
    // Takes the message by value: a coroutine must not keep references to its caller's objects.
    boost::asio::awaitable<void> handle(event_bus::event_message command) {
        // A command that is not a JSON object is the sender's bug, not a business decision:
        // throwing lets the bus count the failure (its circuit breaker; on Kafka, retries and then
        // the dead-letter topic).
        const boost::json::object event = decide(boost::json::parse(command.value()).as_object());
        event_bus::event_headers headers;
        headers.source = "order-service";
        headers.event_type = event.at("status") == "accepted" ? "order.accepted" : "order.rejected";
        headers.correlation_id = command.headers().correlation_id;
        co_await bus_.async_publish(events_topic, command.key(), boost::json::serialize(event),
                                    headers, boost::asio::use_awaitable);
    }

    Bus& bus_;
    event_bus::subscription subscription_;
};

} // namespace onex::examples

#endif // ONEX_EVENT_BUS_APPS_EXAMPLES_ORDER_SERVICE_HPP
