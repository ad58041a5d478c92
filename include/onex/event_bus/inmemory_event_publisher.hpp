// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_INMEMORY_EVENT_PUBLISHER_HPP
#define ONEX_EVENT_BUS_INMEMORY_EVENT_PUBLISHER_HPP

#include <onex/event_bus/basic_event_publisher.hpp>
#include <onex/event_bus/inmemory_event_bus.hpp>

namespace onex::event_bus {

// Compiled once, in the library.
extern template class basic_event_publisher<inmemory_event_bus>;

/// The publisher over an @ref inmemory_event_bus, for test suites (see
/// @ref basic_event_publisher). Its default service name is `"inmemory-publisher"`. Unlike the
/// guide's in-memory twin, it sends the same headers as the Kafka publisher and always sets the
/// envelope's correlation id, so that a test sees what production sends.
using inmemory_event_publisher = basic_event_publisher<inmemory_event_bus>;

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_INMEMORY_EVENT_PUBLISHER_HPP
