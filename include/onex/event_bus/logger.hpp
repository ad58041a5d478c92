// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LOGGER_HPP
#define ONEX_EVENT_BUS_LOGGER_HPP

#include <functional>
#include <string_view>

namespace onex::event_bus {

/// Severity of a log record.
enum class log_level { debug, info, warning, error, off };

/// Name of a level: "debug", "info", "warning", "error", "off".
std::string_view to_string(log_level lvl) noexcept;

/// Where the library's log records go: a minimum level and a sink.
///
/// The library never logs message keys or values (they may hold personal data). It logs topics,
/// partitions, offsets, correlation ids and errors. The sink is called on the thread that runs the
/// bus's executor; it must not throw (an exception from it is swallowed).
class logger {
public:
    using sink_type = std::function<void(log_level, std::string_view)>;

    /// Warnings and errors to stderr.
    logger();

    /// Records at `min_level` or above go to `sink`. An empty sink discards everything.
    logger(log_level min_level, sink_type sink);

    /// Records at `min_level` or above go to stderr, one line each.
    static logger to_stderr(log_level min_level = log_level::warning);

    /// Discards everything.
    static logger silent() { return {log_level::off, {}}; }

    log_level level() const noexcept { return level_; }
    bool enabled(log_level lvl) const noexcept {
        return lvl >= level_ && lvl != log_level::off && sink_;
    }

    /// Sends one record to the sink if `lvl` is enabled.
    void log(log_level lvl, std::string_view message) const noexcept;

private:
    log_level level_;
    sink_type sink_;
};

/// The logger used by buses constructed without one. Initially `logger{}` (warnings and errors to
/// stderr). Safe to call from any thread; buses read it when they log.
void set_global_logger(logger l);

/// A copy of the global logger.
logger global_logger();

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_LOGGER_HPP
