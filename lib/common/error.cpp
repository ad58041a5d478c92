// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/error.hpp>

#include <string>

namespace onex::event_bus {
namespace {

class category final : public boost::system::error_category {
public:
    // A fixed id makes error codes from different shared objects compare equal.
    constexpr category() noexcept
        : error_category(0x6f6e65785f656275ULL) {}

    const char* name() const noexcept override { return "onex.event_bus"; }

    std::string message(int ev) const override {
        switch (static_cast<errc>(ev)) {
        case errc::connection_failed:
            return "connection to the broker failed";
        case errc::timeout:
            return "operation timed out";
        case errc::unavailable:
            return "event bus unavailable";
        case errc::configuration:
            return "invalid configuration";
        case errc::deserialization:
            return "message could not be deserialized";
        case errc::handler_failed:
            return "subscriber handler failed";
        case errc::dead_letter_failed:
            return "dead-letter write failed";
        }
        return "unknown onex.event_bus error " + std::to_string(ev);
    }
};

constexpr category the_category;

std::string what_prefix(const error_code& ec, const diagnostics& diag) {
    return diag.message.empty() ? ec.message() : diag.message;
}

} // namespace

const boost::system::error_category& event_bus_category() noexcept {
    return the_category;
}

infra_error::infra_error(const boost::system::error_code& ec, diagnostics diag)
    : boost::system::system_error(ec, what_prefix(ec, diag))
    , diag_(std::move(diag)) {}

protocol_configuration_error::protocol_configuration_error(std::string message,
                                                           std::string parameter, std::string value)
    : infra_error(errc::configuration, [&] {
        diagnostics d;
        d.message = std::move(message);
        d.operation = "config";
        d.parameter = std::move(parameter);
        d.value = std::move(value);
        return d;
    }()) {}

void throw_error(const error_code& ec, const diagnostics& diag) {
    if (ec.category() == event_bus_category()) {
        switch (static_cast<errc>(ec.value())) {
        case errc::connection_failed:
            throw infra_connection_error(ec, diag);
        case errc::timeout:
            throw infra_timeout_error(ec, diag);
        case errc::unavailable:
            throw infra_unavailable_error(ec, diag);
        case errc::configuration:
            throw protocol_configuration_error(ec, diag);
        default:
            break;
        }
    }
    throw infra_error(ec, diag);
}

void throw_if_error(const error_code& ec, const diagnostics& diag) {
    if (ec)
        throw_error(ec, diag);
}

} // namespace onex::event_bus
