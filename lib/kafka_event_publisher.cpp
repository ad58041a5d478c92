// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/detail/publisher_core.hpp>
#include <onex/event_bus/kafka_event_publisher.hpp>

namespace onex::event_bus {

kafka_event_publisher::kafka_event_publisher(kafka_event_bus& bus, std::string service_name,
                                             std::optional<std::string> instance_id,
                                             std::shared_ptr<logger> log)
    : bus_(bus)
    , core_(std::make_shared<detail::publisher_core>("kafka", std::move(service_name),
                                                     std::move(instance_id), std::move(log))) {}

event_publisher::executor_type kafka_event_publisher::get_executor() const noexcept {
    return bus_.get_executor();
}

bool kafka_event_publisher::is_closed() const noexcept {
    return core_->closed();
}

void kafka_event_publisher::reset_metrics() {
    core_->reset();
}

const std::string& kafka_event_publisher::service_name() const noexcept {
    return core_->service_name();
}

const std::string& kafka_event_publisher::instance_id() const noexcept {
    return core_->instance_id();
}

void kafka_event_publisher::publish_erased(std::string event_type, boost::json::value payload,
                                           publish_options options, diagnostics* diag,
                                           handler_type handler) {
    detail::publish_through(bus_, core_, event_type, std::move(payload), options, diag,
                            std::move(handler));
}

void kafka_event_publisher::close_erased(handler_type handler) {
    core_->mark_closed();
    bus_.async_close(std::move(handler));
}

publisher_metrics kafka_event_publisher::metrics() const {
    publisher_metrics m = core_->snapshot();
    const boost::json::object status = bus_.circuit_breaker_status();
    if (const auto* state = status.if_contains("state"); state != nullptr && state->is_string())
        m.circuit_breaker_status = std::string(state->get_string());
    if (const auto* failures = status.if_contains("failures")) {
        if (const auto* u = failures->if_uint64())
            m.circuit_breaker_opens = *u;
        else if (const auto* i = failures->if_int64(); i != nullptr && *i >= 0)
            m.circuit_breaker_opens = static_cast<std::uint64_t>(*i);
    }
    return m;
}

} // namespace onex::event_bus
