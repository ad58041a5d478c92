// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_ERROR_HPP
#define ONEX_EVENT_BUS_ERROR_HPP

#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/infra_error.hpp>

#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>

#include <type_traits>

namespace onex::event_bus {

using boost::system::error_code;

/// Errors reported by the event buses, in the `onex.event_bus` category.
enum class errc {
    /// The broker could not be reached, or a publish failed after every retry.
    connection_failed = 1,

    /// An operation did not finish within `timeout_seconds`.
    timeout,

    /// The bus is not started, is shutting down, or its circuit breaker is open.
    unavailable,

    /// A configuration value, topic name or argument is invalid.
    configuration,

    /// A consumed message's headers could not be decoded.
    deserialization,

    /// A subscriber handler threw.
    handler_failed,

    /// A message could not be written to the dead-letter topic.
    dead_letter_failed,
};

/// The category of @ref errc; its `name()` is `"onex.event_bus"`.
const boost::system::error_category& event_bus_category() noexcept;

/// Makes an @ref error_code from an @ref errc.
inline error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), event_bus_category()};
}

/// Throws the exception that matches `ec` (see @ref infra_error), carrying `diag`.
/// Does nothing when `ec` is success.
void throw_if_error(const error_code& ec, const diagnostics& diag = {});

/// Throws the exception that matches `ec`, which must be a failure.
[[noreturn]] void throw_error(const error_code& ec, const diagnostics& diag = {});

} // namespace onex::event_bus

template <>
struct boost::system::is_error_code_enum<onex::event_bus::errc> : std::true_type {};

template <>
struct std::is_error_code_enum<onex::event_bus::errc> : std::true_type {};

#endif // ONEX_EVENT_BUS_ERROR_HPP
