// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/inmemory_event_publisher.hpp>
#include <onex/event_bus/kafka_event_publisher.hpp>

namespace onex::event_bus {

template class basic_event_publisher<kafka_event_bus>;
template class basic_event_publisher<inmemory_event_bus>;

} // namespace onex::event_bus
