// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_BASIC_EVENT_PUBLISHER_HPP
#define ONEX_EVENT_BUS_BASIC_EVENT_PUBLISHER_HPP

#include <onex/event_bus/circuit_status.hpp>
#include <onex/event_bus/detail/publisher_core.hpp>
#include <onex/event_bus/error.hpp>
#include <onex/event_bus/event_bus.hpp>
#include <onex/event_bus/event_publisher.hpp>
#include <onex/event_bus/logger.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace onex::event_bus {

/// An @ref event_publisher over any @ref event_bus: @ref kafka_event_publisher (the guide's
/// `AdapterProtocolEventPublisherKafka`) and @ref inmemory_event_publisher (its in-memory twin,
/// for test suites).
///
/// Each publish sends one @ref event_envelope as JSON: `correlation_id` from the options (a
/// fresh UUID when unset or not a UUID), `source_tool = "{service_name}.{instance_id}"`, tags
/// `event_type`, `service_name`, `instance_id`, `causation_id` and the options' metadata. The
/// message's headers carry the same correlation id, `source = service_name`, `event_type`, the
/// envelope's timestamp and the options' trace ids; `partition_key` is the message key. Both
/// buses get the same headers, so that a test sees what production sends.
///
/// The metrics' `circuit_breaker_status` and `circuit_breaker_opens` read the bus's publish
/// circuit (its state and consecutive failures; the in-memory bus has none, so `closed` and 0).
///
/// The bus is not owned: it must outlive the publisher and every publish in flight. It is used
/// as it is (start it first); @ref async_close closes it.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe (the metrics are guarded, the closed flag atomic).
template <event_bus Bus>
class basic_event_publisher final : public event_publisher {
public:
    using bus_type = Bus;

    /// `service_name` unset: `"kafka-publisher"` or `"inmemory-publisher"`. `instance_id` unset:
    /// a fresh UUID. `log` unset: the global logger.
    explicit basic_event_publisher(Bus& bus, std::string service_name = default_service_name(),
                                   std::optional<std::string> instance_id = std::nullopt,
                                   std::shared_ptr<logger> log = {})
        : bus_(bus)
        , core_(std::make_shared<detail::publisher_core>(std::string(Bus::transport),
                                                         std::move(service_name),
                                                         std::move(instance_id), std::move(log))) {}

    /// `"{transport}-publisher"`.
    static std::string default_service_name() { return std::string(Bus::transport) + "-publisher"; }

    executor_type get_executor() const noexcept override { return bus_.get_executor(); }

    publisher_metrics metrics() const override {
        publisher_metrics m = core_->snapshot();
        const circuit_status circuit = bus_.circuit_breaker_status();
        m.circuit_breaker_status = circuit.state;
        m.circuit_breaker_opens = circuit.failures;
        return m;
    }

    void reset_metrics() override { core_->reset(); }
    bool is_closed() const noexcept override { return core_->closed(); }

    const std::string& service_name() const noexcept { return core_->service_name(); }
    const std::string& instance_id() const noexcept { return core_->instance_id(); }

    /// The bus this publisher sends through.
    Bus& bus() const noexcept { return bus_; }

private:
    // The handler runs on its associated executor (the bus's when it has none). The bus's publish
    // cannot be cancelled, so no cancellation slot is passed on.
    void publish_erased(std::string event_type, boost::json::value payload, publish_options options,
                        diagnostics* diag, handler_type handler) override {
        namespace asio = boost::asio;
        const std::string_view topic =
            options.topic ? std::string_view(*options.topic) : std::string_view(event_type);
        if (core_->closed()) {
            if (diag != nullptr)
                core_->describe_closed(*diag, topic);
            // Through the bus's executor, then the handler's own (an any_completion_executor
            // cannot be posted to directly).
            asio::post(bus_.get_executor(),
                       asio::append(std::move(handler), make_error_code(errc::unavailable)));
            return;
        }
        auto ex = asio::get_associated_executor(handler, bus_.get_executor());
        detail::prepared_publish p = core_->prepare(event_type, std::move(payload), options);
        // The bus needs a diagnostics that outlives the publish; a heap one when the caller gave
        // none.
        auto own = diag == nullptr ? std::make_unique<diagnostics>() : nullptr;
        diagnostics& d = diag != nullptr ? *diag : *own;
        const auto start = std::chrono::steady_clock::now();
        auto done = [core = core_, &d, own = std::move(own), topic = p.topic,
                     handler = std::move(handler), start](boost::system::error_code ec) mutable {
            core->record(!ec, std::chrono::steady_clock::now() - start, d, topic);
            own.reset();
            std::move(handler)(ec);
        };
        bus_.async_publish(p.topic, p.key, p.value, std::move(p.headers), d,
                           asio::bind_executor(ex, std::move(done)));
    }

    void close_erased(handler_type handler) override {
        core_->mark_closed();
        bus_.async_close(std::move(handler));
    }

    Bus& bus_;
    // Shared with the completions of publishes in flight, so that the publisher may be destroyed
    // before they complete.
    std::shared_ptr<detail::publisher_core> core_;
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_BASIC_EVENT_PUBLISHER_HPP
