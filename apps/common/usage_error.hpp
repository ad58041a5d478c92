// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_COMMON_USAGE_ERROR_HPP
#define ONEX_EVENT_BUS_APPS_COMMON_USAGE_ERROR_HPP

#include <sstream>
#include <stdexcept>

namespace onex::apps {

/// A bad command line; the message names the option.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Throws `usage_error("--option value: rule")` unless `ok`.
template <class T>
void require(bool ok, const char* option, const T& value, const char* rule) {
    if (!ok) {
        std::ostringstream os;
        os << "--" << option << " " << value << ": " << rule;
        throw usage_error(os.str());
    }
}

} // namespace onex::apps

#endif // ONEX_EVENT_BUS_APPS_COMMON_USAGE_ERROR_HPP
