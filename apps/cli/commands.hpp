// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_CLI_COMMANDS_HPP
#define ONEX_EVENT_BUS_APPS_CLI_COMMANDS_HPP

#include "options.hpp"

namespace onex::cli {

// Each returns the exit status (0 success, 1 failure) and throws usage_error for a bad argument
// and std::exception for a failure that it does not report itself.

/// Publishes one message; prints its ids once Kafka acknowledged it.
int run_command(const global_options& g, const publish_options& o);

/// Prints messages as the group receives them, until --count or SIGINT/SIGTERM.
int run_command(const global_options& g, const tail_options& o);

/// Starts the bus and prints its health check; 0 when healthy.
int run_command(const global_options& g, const health_options& o);

/// Prints the effective configuration, secrets masked, then its problems; 0 when there is none.
int run_command(const global_options& g, const config_options& o);

} // namespace onex::cli

#endif // ONEX_EVENT_BUS_APPS_CLI_COMMANDS_HPP
