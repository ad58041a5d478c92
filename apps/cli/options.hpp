// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_CLI_OPTIONS_HPP
#define ONEX_EVENT_BUS_APPS_CLI_OPTIONS_HPP

#include "../common/usage_error.hpp"

#include <onex/event_bus/logger.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace onex::cli {

using apps::usage_error;

/// Options that apply to every command; they may come before or after the command's name.
struct global_options {
    std::optional<std::string> yaml;      // --yaml FILE
    std::optional<std::string> bootstrap; // --bootstrap HOST:PORT, wins over env and YAML
    std::optional<int> timeout_seconds;   // --timeout SECONDS
    bool mock = false;                    // --mock: an embedded mock cluster
    event_bus::log_level log_level = event_bus::log_level::error;
};

struct publish_options {
    std::string topic;
    std::optional<std::string> key;
    std::vector<std::string> headers; // "name=value", as given
    std::optional<std::string> value; // std::nullopt: read from stdin
};

enum class output_format { text, json };

struct tail_options {
    std::string topic;
    std::string group;
    bool from_beginning = false;
    std::uint64_t count = 0; // 0 = until SIGINT/SIGTERM
    output_format format = output_format::text;
};

struct health_options {};
struct config_options {};

using command_options = std::variant<publish_options, tail_options, health_options, config_options>;

struct command_line {
    global_options global;
    std::string command; // "publish", "tail", "health" or "config"
    command_options options;
};

/// Parses the command line; `std::nullopt` when it asked for help, which was printed to stdout.
/// Throws @ref usage_error naming the option (prefixed with the command's name for its options).
std::optional<command_line> parse_command_line(int argc, char** argv);

} // namespace onex::cli

#endif // ONEX_EVENT_BUS_APPS_CLI_OPTIONS_HPP
