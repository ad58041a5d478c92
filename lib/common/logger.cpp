// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/logger.hpp>

#include <cstdio>
#include <mutex>
#include <string>

namespace onex::event_bus {
namespace {

void stderr_sink(log_level lvl, std::string_view message) {
    // One fprintf per record keeps lines from different threads whole.
    std::fprintf(stderr, "[onex.event_bus] %.*s: %.*s\n", static_cast<int>(to_string(lvl).size()),
                 to_string(lvl).data(), static_cast<int>(message.size()), message.data());
}

std::mutex& global_mutex() {
    static std::mutex m;
    return m;
}

logger& global_instance() {
    static logger l;
    return l;
}

} // namespace

std::string_view to_string(log_level lvl) noexcept {
    switch (lvl) {
    case log_level::debug:
        return "debug";
    case log_level::info:
        return "info";
    case log_level::warning:
        return "warning";
    case log_level::error:
        return "error";
    case log_level::off:
        return "off";
    }
    return "unknown";
}

logger::logger()
    : level_(log_level::warning)
    , sink_(&stderr_sink) {}

logger::logger(log_level min_level, sink_type sink)
    : level_(min_level)
    , sink_(std::move(sink)) {}

logger logger::to_stderr(log_level min_level) {
    return {min_level, &stderr_sink};
}

void logger::log(log_level lvl, std::string_view message) const noexcept {
    if (!enabled(lvl))
        return;
    try {
        sink_(lvl, message);
    } catch (...) {
        // A logging failure must never turn into a lost message or a failed publish.
    }
}

void set_global_logger(logger l) {
    std::lock_guard lock(global_mutex());
    global_instance() = std::move(l);
}

logger global_logger() {
    std::lock_guard lock(global_mutex());
    return global_instance();
}

} // namespace onex::event_bus
