// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_HPP
#define ONEX_EVENT_BUS_HPP

#include <onex/event_bus/basic_event_publisher.hpp>
#include <onex/event_bus/bus_health.hpp>
#include <onex/event_bus/circuit_breaker.hpp>
#include <onex/event_bus/circuit_state.hpp>
#include <onex/event_bus/circuit_status.hpp>
#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/error.hpp>
#include <onex/event_bus/event_bus.hpp>
#include <onex/event_bus/event_envelope.hpp>
#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/event_message.hpp>
#include <onex/event_bus/event_publisher.hpp>
#include <onex/event_bus/infra_error.hpp>
#include <onex/event_bus/inmemory_event_bus.hpp>
#include <onex/event_bus/inmemory_event_publisher.hpp>
#include <onex/event_bus/inmemory_health.hpp>
#include <onex/event_bus/inmemory_options.hpp>
#include <onex/event_bus/kafka_config.hpp>
#include <onex/event_bus/kafka_event_bus.hpp>
#include <onex/event_bus/kafka_event_publisher.hpp>
#include <onex/event_bus/kafka_headers.hpp>
#include <onex/event_bus/kafka_health.hpp>
#include <onex/event_bus/logger.hpp>
#include <onex/event_bus/message_category.hpp>
#include <onex/event_bus/priority.hpp>
#include <onex/event_bus/publish_options.hpp>
#include <onex/event_bus/publisher_metrics.hpp>
#include <onex/event_bus/strand_circuit_breaker.hpp>
#include <onex/event_bus/subscriber_circuit_table.hpp>
#include <onex/event_bus/subscription.hpp>
#include <onex/event_bus/trace_context.hpp>

#endif // ONEX_EVENT_BUS_HPP
