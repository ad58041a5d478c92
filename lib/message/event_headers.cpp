// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/event_headers.hpp>

namespace onex::event_bus {

bool event_headers::validate() const noexcept {
    return !event_type.empty();
}

} // namespace onex::event_bus
