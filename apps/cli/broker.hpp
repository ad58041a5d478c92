// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_CLI_BROKER_HPP
#define ONEX_EVENT_BUS_APPS_CLI_BROKER_HPP

#include "options.hpp"

#include <onex/event_bus/kafka_config.hpp>
#include <onex/event_bus/kafka_event_bus.hpp>

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace onex::apps {
class embedded_cluster;
}

namespace onex::cli {

/// The effective configuration: the defaults, then `--yaml`, then the `KAFKA_*` variables, then
/// `--bootstrap` and `--timeout`. Not validated. Throws `std::runtime_error` with the library's
/// one-line message when the YAML file or a variable cannot be read.
event_bus::kafka_config load_config(const global_options& g);

/// Throws `usage_error` naming the option when a field that `--bootstrap` or `--timeout` set
/// breaks a rule of `kafka_config::validate`.
void check_option_values(const event_bus::kafka_config& config, const global_options& g);

/// Prints each problem of `config` to stderr as `onex-bus: config: <field>: <message>`; returns
/// false when there was any.
bool print_problems(const event_bus::kafka_config& config);

/// Starts `bus`; throws `std::runtime_error("cannot start the bus on <servers>: <why>")`.
boost::asio::awaitable<void> start_bus(event_bus::kafka_event_bus& bus);

/// What a command does with a bus; its result is the exit status.
using bus_command = std::function<boost::asio::awaitable<int>(event_bus::kafka_event_bus&)>;

/// The broker a command talks to: the effective configuration and, with `--mock`, the embedded
/// mock cluster it points at.
class broker {
public:
    /// Loads the configuration (see @ref load_config); with `--mock`, starts the embedded cluster
    /// with `mock_topics` created up front (it does not create topics on demand).
    broker(const global_options& g, const std::vector<std::string>& mock_topics);
    ~broker();
    broker(const broker&) = delete;
    broker& operator=(const broker&) = delete;

    /// The configuration, for a command's own settings before @ref run.
    event_bus::kafka_config& config() noexcept { return config_; }

    /// Checks the configuration (usage errors for the options, else the problems are printed and
    /// the result is 1), then runs `command` on a bus of it in a fresh `io_context` until
    /// everything finished. The bus is closed however `command` ends; what it throws is
    /// rethrown.
    int run(const bus_command& command);

private:
    global_options options_;
    std::unique_ptr<apps::embedded_cluster> mock_;
    event_bus::kafka_config config_;
};

} // namespace onex::cli

#endif // ONEX_EVENT_BUS_APPS_CLI_BROKER_HPP
