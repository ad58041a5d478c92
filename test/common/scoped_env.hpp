// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TEST_COMMON_SCOPED_ENV_HPP
#define ONEX_EVENT_BUS_TEST_COMMON_SCOPED_ENV_HPP

#include <cstdlib>
#include <optional>
#include <string>

namespace onex::event_bus::test {

/// Sets a process environment variable for the scope (the buses and config loaders read some),
/// restoring the previous state afterwards.
class scoped_env {
public:
    scoped_env(const char* name, const char* value)
        : name_(name) {
        if (const char* old = std::getenv(name))
            old_ = old;
        ::setenv(name, value, 1);
    }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;
    ~scoped_env() {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

} // namespace onex::event_bus::test

#endif // ONEX_EVENT_BUS_TEST_COMMON_SCOPED_ENV_HPP
