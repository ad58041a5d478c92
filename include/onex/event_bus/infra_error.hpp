// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_INFRA_ERROR_HPP
#define ONEX_EVENT_BUS_INFRA_ERROR_HPP

#include <onex/event_bus/diagnostics.hpp>

#include <boost/system/system_error.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace onex::event_bus {

/// Base of the exceptions the library throws. `code()` is an `errc` (or a librdkafka error),
/// `diag()` holds the context. `what()` starts with `diag().message`.
class infra_error : public boost::system::system_error {
public:
    infra_error(const boost::system::error_code& ec, diagnostics diag);

    /// The context of the failure.
    const diagnostics& diag() const noexcept { return diag_; }

private:
    diagnostics diag_;
};

/// The broker could not be reached, or a publish failed after every retry
/// (`errc::connection_failed`).
class infra_connection_error : public infra_error {
public:
    using infra_error::infra_error;
};

/// An operation ran out of time (`errc::timeout`).
class infra_timeout_error : public infra_error {
public:
    using infra_error::infra_error;
};

/// The bus is not started, is shutting down, or its circuit is open (`errc::unavailable`).
class infra_unavailable_error : public infra_error {
public:
    using infra_error::infra_error;

    /// When to try again, if known (set when a circuit breaker is open).
    std::optional<std::chrono::seconds> retry_after() const noexcept { return diag().retry_after; }
};

/// A configuration value, topic name or argument is invalid (`errc::configuration`).
class protocol_configuration_error : public infra_error {
public:
    using infra_error::infra_error;

    /// Convenience constructor: `errc::configuration` with message and parameter.
    protocol_configuration_error(std::string message, std::string parameter,
                                 std::string value = {});

    /// The rejected parameter (field, variable or YAML key); may be empty.
    const std::string& parameter() const noexcept { return diag().parameter; }
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_INFRA_ERROR_HPP
