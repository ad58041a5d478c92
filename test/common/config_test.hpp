// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TEST_COMMON_CONFIG_TEST_HPP
#define ONEX_EVENT_BUS_TEST_COMMON_CONFIG_TEST_HPP

// What the configuration tests share: a fake environment and matchers for the errors that
// validation throws.

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/infra_error.hpp>
#include <onex/event_bus/kafka_config.hpp>

#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

BOOST_TEST_DONT_PRINT_LOG_VALUE(onex::event_bus::acks_policy)
BOOST_TEST_DONT_PRINT_LOG_VALUE(onex::event_bus::client_kind)
BOOST_TEST_DONT_PRINT_LOG_VALUE(onex::event_bus::kafka_config)

namespace config_test {

using variables = std::map<std::string, std::string, std::less<>>;

/// An environment holding `vars` only.
inline onex::event_bus::env_lookup fake_env(variables vars = {}) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        auto it = vars.find(name);
        return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

/// Matches a protocol_configuration_error by its parameter and its whole message.
inline auto rejected(std::string parameter, std::string message) {
    return [parameter, message](const onex::event_bus::protocol_configuration_error& e) {
        BOOST_TEST_INFO("message: " << e.diag().message);
        BOOST_TEST(e.parameter() == parameter);
        BOOST_TEST(e.diag().message == message);
        BOOST_TEST((e.code() == onex::event_bus::errc::configuration));
        return e.parameter() == parameter && e.diag().message == message;
    };
}

/// Matches a protocol_configuration_error by its parameter and a part of its message.
inline auto rejected_with(std::string parameter, std::string message_part) {
    return [parameter, message_part](const onex::event_bus::protocol_configuration_error& e) {
        BOOST_TEST_INFO("message: " << e.diag().message);
        BOOST_TEST(e.parameter() == parameter);
        BOOST_TEST(e.diag().message.find(message_part) != std::string::npos);
        return e.parameter() == parameter &&
               e.diag().message.find(message_part) != std::string::npos;
    };
}

} // namespace config_test

#endif // ONEX_EVENT_BUS_TEST_COMMON_CONFIG_TEST_HPP
