// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_INMEMORY_EVENT_PUBLISHER_HPP
#define ONEX_EVENT_BUS_INMEMORY_EVENT_PUBLISHER_HPP

#include <onex/event_bus/event_publisher.hpp>
#include <onex/event_bus/inmemory_event_bus.hpp>
#include <onex/event_bus/logger.hpp>

#include <memory>
#include <optional>
#include <string>

namespace onex::event_bus {

namespace detail {
class publisher_core;
} // namespace detail

/// An @ref event_publisher over an @ref inmemory_event_bus, for test suites: the peer's
/// `AdapterProtocolEventPublisherInmemory`.
///
/// Each publish sends one @ref event_envelope as JSON: `correlation_id` from the options (a
/// fresh UUID when unset or not a UUID), `source_tool = "{service_name}.{instance_id}"`, tags
/// `event_type`, `service_name`, `instance_id`, `causation_id` and the options' metadata. The
/// message's headers carry the same correlation id, `source = service_name`, `event_type`, the
/// envelope's timestamp and the options' trace ids; `partition_key` is the message key.
/// Unlike the peer's in-memory twin, it sends the same headers as the Kafka publisher (correlation
/// id equal to the envelope's, source = service name) and always sets the envelope's
/// correlation id, so that a test sees what production sends. The in-memory bus has no publish
/// circuit: the metrics report it `closed` with no failures.
///
/// The bus is not owned: it must outlive the publisher and every publish in flight. It is used
/// as it is (start it first); @ref async_close closes it.
class inmemory_event_publisher final : public event_publisher {
public:
    /// `instance_id` unset: a fresh UUID. `log` unset: the global logger.
    explicit inmemory_event_publisher(inmemory_event_bus& bus,
                                      std::string service_name = "inmemory-publisher",
                                      std::optional<std::string> instance_id = std::nullopt,
                                      std::shared_ptr<logger> log = {});

    executor_type get_executor() const noexcept override;
    publisher_metrics metrics() const override;
    void reset_metrics() override;
    bool is_closed() const noexcept override;

    const std::string& service_name() const noexcept;
    const std::string& instance_id() const noexcept;

private:
    void publish_erased(std::string event_type, boost::json::value payload, publish_options options,
                        diagnostics* diag, handler_type handler) override;
    void close_erased(handler_type handler) override;

    inmemory_event_bus& bus_;
    std::shared_ptr<detail::publisher_core> core_;
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_INMEMORY_EVENT_PUBLISHER_HPP
