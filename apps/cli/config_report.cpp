// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "broker.hpp"
#include "commands.hpp"
#include "json_print.hpp"

#include <iostream>

namespace onex::cli {

int run_command(const global_options& g, const config_options&) {
    if (g.mock)
        throw usage_error("--mock: config starts no cluster; its address is known only once "
                          "one runs");
    const auto config = load_config(g);
    check_option_values(config, g);
    std::cout << pretty_json(config.to_json()) << std::endl;
    return print_problems(config) ? 0 : 1;
}

} // namespace onex::cli
