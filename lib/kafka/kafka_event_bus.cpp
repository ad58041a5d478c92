// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/kafka_bus_impl.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/kafka_event_bus.hpp>

#include <boost/asio/dispatch.hpp>

namespace asio = boost::asio;

namespace onex::event_bus {
namespace {

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

} // namespace

kafka_event_bus::kafka_event_bus(executor_type ex, kafka_config config,
                                 std::shared_ptr<logger> log) {
    config.validate();
    impl_ =
        std::make_shared<detail::kafka_bus_impl>(std::move(ex), std::move(config), std::move(log));
}

kafka_event_bus kafka_event_bus::from_env(executor_type ex) {
    return kafka_event_bus(std::move(ex), kafka_config::from_env());
}

kafka_event_bus kafka_event_bus::from_yaml(executor_type ex, const std::filesystem::path& path) {
    return kafka_event_bus(std::move(ex), kafka_config::from_yaml(path));
}

kafka_event_bus kafka_event_bus::from_config(executor_type ex, kafka_config config) {
    return kafka_event_bus(std::move(ex), std::move(config));
}

kafka_event_bus::~kafka_event_bus() {
    if (impl_)
        run_erased(impl_, detail::bus_operation::close, nullptr,
                   handler_type([](boost::system::error_code) {}));
}

kafka_event_bus& kafka_event_bus::operator=(kafka_event_bus&& other) noexcept {
    if (this != &other) {
        if (impl_)
            run_erased(impl_, detail::bus_operation::close, nullptr,
                       handler_type([](boost::system::error_code) {}));
        impl_ = std::move(other.impl_);
    }
    return *this;
}

kafka_event_bus::executor_type kafka_event_bus::get_executor() const noexcept {
    return impl_->executor;
}

const kafka_config& kafka_event_bus::config() const noexcept {
    return impl_->config;
}

const std::string& kafka_event_bus::environment() const noexcept {
    return impl_->config.environment;
}

const std::string& kafka_event_bus::group() const noexcept {
    return impl_->config.group;
}

bool kafka_event_bus::is_started() const noexcept {
    return impl_->started();
}

void kafka_event_bus::run_erased(std::shared_ptr<detail::kafka_bus_impl> impl,
                                 detail::bus_operation op, diagnostics* diag, handler_type h) {
    auto& strand = impl->strand;
    asio::dispatch(strand, [impl = std::move(impl), op, diag, h = std::move(h)]() mutable {
        switch (op) {
        case detail::bus_operation::start:
            return impl->start(diag, std::move(h));
        case detail::bus_operation::close:
            return impl->close(std::move(h));
        case detail::bus_operation::start_consuming:
            return impl->wait_for_shutdown(diag, std::move(h));
        }
    });
}

void kafka_event_bus::publish_erased(std::shared_ptr<detail::kafka_bus_impl> impl,
                                     request_ptr request, diagnostics* diag, handler_type h) {
    request->handler.emplace(std::move(h));
    request->diag = diag;
    if (diag)
        diag->clear();
    request->bus = impl;
    auto& strand = impl->strand;
    asio::dispatch(strand, [impl = std::move(impl), r = std::move(request)]() mutable {
        impl->publish(std::move(r));
    });
}

kafka_event_bus::request_ptr kafka_event_bus::prepare(const detail::publish_spec& spec) const {
    request_ptr r = detail::make_request_ptr();
    r->topic = spec.topic;
    if (!spec.error.empty()) {
        r->error = spec.error;
        r->error_parameter = spec.error_parameter;
        return r;
    }
    if (spec.key)
        r->key.emplace(*spec.key);
    r->value = spec.value;
    if (auto error = detail::topic_name_error(spec.topic)) {
        r->error = std::move(*error);
        r->error_parameter = "topic";
        return r;
    }
    if (const event_headers* given = spec.headers ? spec.headers : spec.movable_headers) {
        detail::encode_headers(*given, r->headers);
        r->correlation_id = given->correlation_id;
        return r;
    }
    event_headers h;
    h.source = impl_->config.environment;
    h.event_type = std::string(spec.event_type.empty() ? spec.topic : spec.event_type);
    if (!spec.content_type.empty())
        h.content_type = std::string(spec.content_type);
    detail::encode_headers(h, r->headers);
    r->correlation_id = h.correlation_id;
    return r;
}

subscription kafka_event_bus::subscribe_erased(std::string_view topic, std::string_view group_id,
                                               detail::message_handler handler) {
    if (blank(group_id))
        throw protocol_configuration_error("Consumer group ID is required for topic '" +
                                               std::string(topic) + "'",
                                           "group_id", std::string(group_id));
    if (auto error = detail::topic_name_error(topic))
        throw protocol_configuration_error(*error, "topic", std::string(topic));
    return subscription(
        impl_->add_subscription(std::string(topic), std::string(group_id), std::move(handler)));
}

kafka_health kafka_event_bus::health() const {
    return impl_->health();
}

circuit_status kafka_event_bus::circuit_breaker_status() const {
    return impl_->publish_circuit_status();
}

} // namespace onex::event_bus
