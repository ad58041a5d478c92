// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_KAFKA_EVENT_PUBLISHER_HPP
#define ONEX_EVENT_BUS_KAFKA_EVENT_PUBLISHER_HPP

#include <onex/event_bus/basic_event_publisher.hpp>
#include <onex/event_bus/kafka_event_bus.hpp>

namespace onex::event_bus {

// Compiled once, in the library.
extern template class basic_event_publisher<kafka_event_bus>;

/// The publisher over a @ref kafka_event_bus: the guide's `AdapterProtocolEventPublisherKafka`
/// (see @ref basic_event_publisher). Its default service name is `"kafka-publisher"`.
using kafka_event_publisher = basic_event_publisher<kafka_event_bus>;

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_KAFKA_EVENT_PUBLISHER_HPP
