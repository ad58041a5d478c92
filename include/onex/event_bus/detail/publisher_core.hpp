// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_DETAIL_PUBLISHER_CORE_HPP
#define ONEX_EVENT_BUS_DETAIL_PUBLISHER_CORE_HPP

#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/logger.hpp>
#include <onex/event_bus/publish_options.hpp>
#include <onex/event_bus/publisher_metrics.hpp>

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

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_DETAIL_PUBLISHER_CORE_HPP
