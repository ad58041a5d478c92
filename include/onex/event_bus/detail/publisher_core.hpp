// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_DETAIL_PUBLISHER_CORE_HPP
#define ONEX_EVENT_BUS_DETAIL_PUBLISHER_CORE_HPP

#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/error.hpp>
#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/logger.hpp>
#include <onex/event_bus/publish_options.hpp>
#include <onex/event_bus/publisher_metrics.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/append.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/json/value.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace onex::event_bus::detail {

/// What one publish sends: the envelope as JSON and the headers that go with it.
struct prepared_publish {
    std::string topic;
    std::optional<std::string> key;
    std::string value;
    event_headers headers;
};

/// The state both publishers share: identity, closed flag, metrics. Shared with the completion
/// handlers of publishes in flight, so that a publisher may be destroyed before they complete.
class publisher_core {
public:
    publisher_core(std::string transport, std::string service_name,
                   std::optional<std::string> instance_id, std::shared_ptr<logger> log);

    /// Builds the envelope and headers (logs a warning for a correlation id that is not a UUID).
    prepared_publish prepare(std::string_view event_type, boost::json::value payload,
                             const publish_options& options) const;

    bool closed() const noexcept { return closed_.load(std::memory_order_acquire); }
    void mark_closed() noexcept { closed_.store(true, std::memory_order_release); }

    /// Fills `diag` for a publish attempted after close.
    void describe_closed(diagnostics& diag, std::string_view topic) const;

    void record(bool ok, std::chrono::steady_clock::duration elapsed, const diagnostics& diag,
                std::string_view topic);
    publisher_metrics snapshot() const;
    void reset();

    const std::string& service_name() const noexcept { return service_name_; }
    const std::string& instance_id() const noexcept { return instance_id_; }

private:
    void log(log_level lvl, std::string_view message) const;

    std::string transport_;
    std::string service_name_;
    std::string instance_id_;
    std::shared_ptr<logger> log_;
    std::atomic<bool> closed_{false};
    mutable std::mutex mutex_;
    publisher_metrics metrics_;
};

using publish_handler = boost::asio::any_completion_handler<void(boost::system::error_code)>;

/// One publish through `bus` (either bus type): fails fast after close, otherwise publishes the
/// prepared envelope and counts the outcome. `handler` runs on its associated executor (the
/// bus's when it has none) and keeps its cancellation slot.
template <class Bus>
void publish_through(Bus& bus, const std::shared_ptr<publisher_core>& core,
                     std::string_view event_type, boost::json::value payload,
                     const publish_options& options, diagnostics* diag, publish_handler handler) {
    namespace asio = boost::asio;
    auto ex = asio::get_associated_executor(handler, bus.get_executor());
    const std::string_view topic = options.topic ? std::string_view(*options.topic) : event_type;
    if (core->closed()) {
        if (diag != nullptr)
            core->describe_closed(*diag, topic);
        // Through the bus's executor, then the handler's own (an any_completion_executor cannot
        // be posted to directly).
        asio::post(bus.get_executor(),
                   asio::append(std::move(handler), make_error_code(errc::unavailable)));
        return;
    }
    prepared_publish p = core->prepare(event_type, std::move(payload), options);
    // The bus needs a diagnostics that outlives the publish; a heap one when the caller gave none.
    auto own = diag == nullptr ? std::make_unique<diagnostics>() : nullptr;
    diagnostics& d = diag != nullptr ? *diag : *own;
    auto slot = asio::get_associated_cancellation_slot(handler);
    const auto start = std::chrono::steady_clock::now();
    auto done = [core, &d, own = std::move(own), topic = p.topic, handler = std::move(handler),
                 start](boost::system::error_code ec) mutable {
        core->record(!ec, std::chrono::steady_clock::now() - start, d, topic);
        own.reset();
        std::move(handler)(ec);
    };
    bus.async_publish(p.topic, p.key, p.value, std::move(p.headers), d,
                      asio::bind_cancellation_slot(slot, asio::bind_executor(ex, std::move(done))));
}

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_DETAIL_PUBLISHER_CORE_HPP
