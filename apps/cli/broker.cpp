// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "../common/embedded_cluster.hpp"
#include "broker.hpp"

#include <onex/event_bus/infra_error.hpp>
#include <onex/event_bus/logger.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <stdexcept>

namespace onex::cli {
namespace asio = boost::asio;
namespace eb = onex::event_bus;

namespace {

std::optional<std::string> process_env(std::string_view name) {
    if (const char* value = std::getenv(std::string(name).c_str()))
        return std::string(value);
    return std::nullopt;
}

// Closes the bus after `command`, whether it returned or threw: a started bus keeps the
// io_context running until it is closed.
asio::awaitable<int> closing_after(eb::kafka_event_bus& bus, const bus_command& command) {
    std::exception_ptr failure;
    int status = 1;
    try {
        status = co_await command(bus);
    } catch (...) {
        failure = std::current_exception();
    }
    co_await bus.async_close(asio::as_tuple(asio::use_awaitable));
    if (failure)
        std::rethrow_exception(failure);
    co_return status;
}

} // namespace

eb::kafka_config load_config(const global_options& g) {
    eb::kafka_config config;
    try {
        if (g.yaml)
            config.apply_yaml(*g.yaml);
        config.apply_env(process_env);
    } catch (const eb::protocol_configuration_error& e) {
        throw std::runtime_error(e.diag().message);
    }
    if (g.bootstrap)
        config.bootstrap_servers = *g.bootstrap;
    if (g.timeout_seconds)
        config.timeout_seconds = *g.timeout_seconds;
    return config;
}

void check_option_values(const eb::kafka_config& config, const global_options& g) {
    for (const auto& problem : config.problems()) {
        if (g.bootstrap && problem.parameter() == "bootstrap_servers")
            throw usage_error("--bootstrap " + *g.bootstrap + ": " + problem.diag().message);
        if (g.timeout_seconds && problem.parameter() == "timeout_seconds")
            throw usage_error("--timeout " + std::to_string(*g.timeout_seconds) + ": " +
                              problem.diag().message);
    }
}

bool print_problems(const eb::kafka_config& config) {
    const auto problems = config.problems();
    for (const auto& problem : problems)
        std::cerr << "onex-bus: config: " << problem.parameter() << ": " << problem.diag().message
                  << "\n";
    return problems.empty();
}

asio::awaitable<void> start_bus(eb::kafka_event_bus& bus) {
    eb::diagnostics diag;
    const auto [ec] = co_await bus.async_start(diag, asio::as_tuple(asio::use_awaitable));
    if (ec)
        throw std::runtime_error("cannot start the bus on " + bus.config().sanitized_servers() +
                                 ": " + (diag.message.empty() ? ec.message() : diag.message));
}

broker::broker(const global_options& g, const std::vector<std::string>& mock_topics)
    : options_(g)
    , config_(load_config(g)) {
    if (!g.mock)
        return;
    mock_ = std::make_unique<apps::embedded_cluster>();
    for (const auto& topic : mock_topics)
        mock_->create_topic(topic);
    config_.bootstrap_servers = mock_->bootstrap_servers();
}

broker::~broker() = default;

int broker::run(const bus_command& command) {
    check_option_values(config_, options_);
    if (!print_problems(config_))
        return 1;
    // Until the bus has started, what the library logs is what the one-line error of a failed
    // start says; afterwards it is the only news of trouble (a broker gone while tailing). The
    // pointer outlives the io_context, which may log while it is destroyed, and is cleared
    // before the bus is.
    const eb::kafka_event_bus* started = nullptr;
    auto log = std::make_shared<eb::logger>(
        options_.log_level, [&started, out = eb::logger::to_stderr(options_.log_level)](
                                eb::log_level level, std::string_view message) {
            if (started != nullptr && started->is_started())
                out.log(level, message);
        });
    asio::io_context io;
    eb::kafka_event_bus bus(io, config_, std::move(log));
    started = &bus;
    const struct forget {
        const eb::kafka_event_bus*& bus;
        ~forget() { bus = nullptr; }
    } forget_bus{started};
    std::exception_ptr failure;
    int status = 1;
    asio::co_spawn(io, closing_after(bus, command), [&](std::exception_ptr e, int s) {
        failure = e;
        status = s;
    });
    io.run();
    if (failure)
        std::rethrow_exception(failure);
    return status;
}

} // namespace onex::cli
