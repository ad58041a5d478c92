// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TEST_COMMON_CAPTURED_LOG_HPP
#define ONEX_EVENT_BUS_TEST_COMMON_CAPTURED_LOG_HPP

#include <onex/event_bus/logger.hpp>

#include <algorithm>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace onex::event_bus::test {

// Log records of one bus, as "level: message" lines. The sink may be called before librdkafka's
// log queue is set up, i.e. from another thread, hence the lock.
class captured_log {
public:
    std::shared_ptr<logger> make(log_level min) {
        return std::make_shared<logger>(min, [this](log_level lvl, std::string_view m) {
            std::lock_guard lock(mutex_);
            lines_.push_back(std::string(to_string(lvl)) + ": " + std::string(m));
        });
    }

    std::vector<std::string> starting_with(std::string_view prefix) const {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        std::copy_if(lines_.begin(), lines_.end(), std::back_inserter(out),
                     [&](const std::string& l) { return l.starts_with(prefix); });
        return out;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

} // namespace onex::event_bus::test

#endif // ONEX_EVENT_BUS_TEST_COMMON_CAPTURED_LOG_HPP
