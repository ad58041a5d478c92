// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/detail/publisher_core.hpp>
#include <onex/event_bus/inmemory_event_publisher.hpp>

namespace onex::event_bus {

inmemory_event_publisher::inmemory_event_publisher(inmemory_event_bus& bus,
                                                   std::string service_name,
                                                   std::optional<std::string> instance_id,
                                                   std::shared_ptr<logger> log)
    : bus_(bus)
    , core_(std::make_shared<detail::publisher_core>("inmemory", std::move(service_name),
                                                     std::move(instance_id), std::move(log))) {}

event_publisher::executor_type inmemory_event_publisher::get_executor() const noexcept {
    return bus_.get_executor();
}

bool inmemory_event_publisher::is_closed() const noexcept {
    return core_->closed();
}

void inmemory_event_publisher::reset_metrics() {
    core_->reset();
}

const std::string& inmemory_event_publisher::service_name() const noexcept {
    return core_->service_name();
}

const std::string& inmemory_event_publisher::instance_id() const noexcept {
    return core_->instance_id();
}

void inmemory_event_publisher::publish_erased(std::string event_type, boost::json::value payload,
                                              publish_options options, diagnostics* diag,
                                              handler_type handler) {
    detail::publish_through(bus_, core_, event_type, std::move(payload), options, diag,
                            std::move(handler));
}

void inmemory_event_publisher::close_erased(handler_type handler) {
    core_->mark_closed();
    bus_.async_close(std::move(handler));
}

publisher_metrics inmemory_event_publisher::metrics() const {
    return core_->snapshot();
}

} // namespace onex::event_bus
