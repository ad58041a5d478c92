// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "inmemory/inmemory_bus_impl.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/inmemory_event_bus.hpp>

#include <boost/asio/error.hpp>

namespace onex::event_bus {

inmemory_event_bus::inmemory_event_bus(executor_type ex, inmemory_options options) {
    if (options.circuit_breaker_threshold < 1) {
        throw protocol_configuration_error(
            "circuit_breaker_threshold must be a positive integer, got " +
                std::to_string(options.circuit_breaker_threshold),
            "circuit_breaker_threshold", std::to_string(options.circuit_breaker_threshold));
    }
    impl_ = std::make_shared<detail::inmemory_bus_impl>(std::move(ex), std::move(options));
}

inmemory_event_bus::~inmemory_event_bus() {
    if (impl_)
        impl_->close(boost::asio::error::operation_aborted);
}

inmemory_event_bus& inmemory_event_bus::operator=(inmemory_event_bus&& other) noexcept {
    if (this != &other) {
        if (impl_)
            impl_->close(boost::asio::error::operation_aborted);
        impl_ = std::move(other.impl_);
    }
    return *this;
}

inmemory_event_bus::executor_type inmemory_event_bus::get_executor() const noexcept {
    return impl_->executor;
}

const std::string& inmemory_event_bus::environment() const noexcept {
    return impl_->options.environment;
}

const std::string& inmemory_event_bus::group() const noexcept {
    return impl_->options.group;
}

const inmemory_options& inmemory_event_bus::config() const noexcept {
    return impl_->options;
}

bool inmemory_event_bus::is_started() const noexcept {
    return impl_->is_started();
}

void inmemory_event_bus::run_erased(std::shared_ptr<detail::inmemory_bus_impl> impl,
                                    detail::bus_operation op, diagnostics*, handler_type h) {
    switch (op) {
    case detail::bus_operation::start:
        impl->start();
        return detail::post_completion(impl->executor, std::move(h), {});
    case detail::bus_operation::close:
        impl->close({});
        return detail::post_completion(impl->executor, std::move(h), {});
    case detail::bus_operation::start_consuming:
        return impl->wait_for_shutdown(std::move(h));
    }
}

inmemory_event_bus::prepared inmemory_event_bus::prepare(const detail::publish_spec& spec) const {
    if (!spec.error.empty())
        return {nullptr, std::string(spec.error)};
    event_headers h;
    if (spec.movable_headers) {
        h = std::move(*spec.movable_headers);
    } else if (spec.headers) {
        h = *spec.headers;
    } else {
        h.source = impl_->default_source;
        h.event_type = std::string(spec.event_type.empty() ? spec.topic : spec.event_type);
        if (!spec.content_type.empty())
            h.content_type = std::string(spec.content_type);
    }
    return {std::make_shared<detail::owning_message_body>(
                std::string(spec.topic), spec.key, spec.value, std::move(h), std::nullopt, 0),
            {}};
}

subscription inmemory_event_bus::subscribe_erased(std::string_view topic, std::string_view group_id,
                                                  detail::message_handler handler) {
    if (group_id.empty())
        throw protocol_configuration_error("subscribe() requires a non-empty group_id", "group_id");
    return subscription(impl_->add(topic, group_id, std::move(handler)));
}

inmemory_health inmemory_event_bus::health() const {
    return impl_->health();
}

circuit_status inmemory_event_bus::circuit_breaker_status() const {
    circuit_status s;
    s.threshold = static_cast<std::uint32_t>(impl_->options.circuit_breaker_threshold);
    return s;
}

std::vector<event_message>
inmemory_event_bus::event_history(std::size_t limit, std::optional<std::string_view> topic) const {
    return impl_->history(limit, topic);
}

void inmemory_event_bus::clear_event_history() {
    impl_->clear_history();
}

std::size_t inmemory_event_bus::subscriber_count(std::optional<std::string_view> topic) const {
    return impl_->subscriber_count(topic);
}

std::vector<std::string> inmemory_event_bus::topics() const {
    return impl_->topics();
}

std::uint64_t inmemory_event_bus::topic_offset(std::string_view topic) const {
    return impl_->topic_offset(topic);
}

subscriber_circuit_table inmemory_event_bus::subscriber_circuits() const {
    return impl_->subscriber_circuits();
}

bool inmemory_event_bus::reset_subscriber_circuit(std::string_view topic,
                                                  std::string_view group_id) {
    return impl_->reset_circuit(topic, group_id);
}

} // namespace onex::event_bus
