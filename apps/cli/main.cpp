// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

/** onex-bus: publish, tail, health and config from the command line, through the library's
 *  public API (kafka_event_bus on one io_context). See `onex-bus --help`.
 */

#include "commands.hpp"
#include "options.hpp"

#include <exception>
#include <iostream>
#include <variant>

int main(int argc, char** argv) {
    using namespace onex::cli;
    std::optional<command_line> cl;
    try {
        cl = parse_command_line(argc, argv);
        if (!cl)
            return 0;
    } catch (const usage_error& e) {
        std::cerr << "onex-bus: " << e.what() << std::endl;
        return 2;
    }
    try {
        return std::visit([&](const auto& options) { return run_command(cl->global, options); },
                          cl->options);
    } catch (const usage_error& e) {
        std::cerr << "onex-bus: " << cl->command << ": " << e.what() << std::endl;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "onex-bus: " << cl->command << ": " << e.what() << std::endl;
        return 1;
    }
}
