// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "config/kafka_config_fields.hpp"

#include <onex/event_bus/infra_error.hpp>
#include <onex/event_bus/kafka_config.hpp>

#include <cstdlib>

namespace onex::event_bus {

env_lookup detail::process_env() {
    return [](std::string_view name) -> std::optional<std::string> {
        if (const char* value = std::getenv(std::string(name).c_str()))
            return std::string(value);
        return std::nullopt;
    };
}

void kafka_config::apply_env(const env_lookup& lookup) {
    // Work on a copy so that a bad variable leaves *this as it was.
    kafka_config updated = *this;
    for (const auto& field : detail::kafka_config_fields()) {
        if (field.env_var.empty())
            continue;
        const auto value = lookup(field.env_var);
        if (!value || detail::trim(*value).empty())
            continue;
        if (!detail::assign_from_text(updated, field.member, *value))
            throw protocol_configuration_error(
                "Invalid value for environment variable " + std::string(field.env_var) + "='" +
                    *value + "'. " + std::string(detail::expected_text(field.member)),
                std::string(field.env_var), *value);
    }
    *this = std::move(updated);
}

kafka_config kafka_config::from_env() {
    return from_env(detail::process_env());
}

kafka_config kafka_config::from_env(const env_lookup& lookup) {
    kafka_config config;
    config.apply_env(lookup);
    config.validate();
    return config;
}

} // namespace onex::event_bus
