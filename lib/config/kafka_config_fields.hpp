// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_CONFIG_KAFKA_CONFIG_FIELDS_HPP
#define ONEX_EVENT_BUS_LIB_CONFIG_KAFKA_CONFIG_FIELDS_HPP

#include <onex/event_bus/kafka_config.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace onex::event_bus::detail {

// One table of the fields that the environment and YAML loaders fill from text, so that both read
// a value the same way and neither can forget a field.
using kafka_config_member =
    std::variant<std::string kafka_config::*, std::optional<std::string> kafka_config::*,
                 int kafka_config::*, double kafka_config::*, bool kafka_config::*,
                 acks_policy kafka_config::*>;

struct kafka_config_field {
    std::string_view name;    // struct field and YAML key
    std::string_view env_var; // empty when no variable sets the field
    kafka_config_member member;
};

// Every field except the `librdkafka` map, in declaration order.
std::span<const kafka_config_field> kafka_config_fields();

// Stores trimmed `text` in `member` (blank text resets an optional string). Returns false, leaving
// `config` unchanged, when the text is not of the member's type.
bool assign_from_text(kafka_config& config, const kafka_config_member& member,
                      std::string_view text);

// What `assign_from_text` accepts for `member`, as a sentence for error messages.
std::string_view expected_text(const kafka_config_member& member);

// Whole-text parses; no surrounding spaces or trailing junk, results in range and finite.
std::optional<int> parse_int(std::string_view text);
std::optional<double> parse_double(std::string_view text);
std::optional<bool> parse_bool(std::string_view text);
std::optional<acks_policy> parse_acks(std::string_view text);

std::string_view trim(std::string_view text);

// The process environment, through std::getenv.
env_lookup process_env();

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_CONFIG_KAFKA_CONFIG_FIELDS_HPP
