// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "broker.hpp"
#include "commands.hpp"
#include "json_print.hpp"

#include <iostream>

namespace onex::cli {
namespace asio = boost::asio;
namespace eb = onex::event_bus;

namespace {

asio::awaitable<int> check_health(eb::kafka_event_bus& bus) {
    co_await start_bus(bus);
    const boost::json::object report = bus.health_check();
    std::cout << pretty_json(report) << std::endl;
    const auto* healthy = report.if_contains("healthy");
    co_return healthy != nullptr && healthy->is_bool() && healthy->get_bool() ? 0 : 1;
}

} // namespace

int run_command(const global_options& g, const health_options&) {
    broker b(g, {});
    return b.run(check_health);
}

} // namespace onex::cli
