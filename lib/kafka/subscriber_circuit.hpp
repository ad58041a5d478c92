// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_SUBSCRIBER_CIRCUIT_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_SUBSCRIBER_CIRCUIT_HPP

#include <onex/event_bus/circuit_breaker.hpp>
#include <onex/event_bus/kafka_config.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <librdkafka/rdkafka.h>

#include <deque>
#include <string>

namespace onex::event_bus::detail {

/// The circuit of one (topic, consumer group): it counts messages whose handling ended in a
/// dead letter (one per message, whatever its retries), and a success resets it. At
/// `circuit_breaker_threshold` in a row it opens: the group consumer pauses the topic's
/// partitions (nothing is skipped) and keeps what it had read ahead in `held`, in order, until
/// `timer` ends the reset timeout; then the partitions resume half-open, the held messages go
/// first, and the next outcome closes or reopens the circuit.
struct subscriber_circuit {
    subscriber_circuit(const kafka_config& c, const std::string& topic,
                       const boost::asio::strand<boost::asio::any_io_executor>& strand);

    circuit_breaker breaker;
    std::deque<rd_kafka_message_t*> held;
    boost::asio::steady_timer timer;
    bool paused = false;
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_SUBSCRIBER_CIRCUIT_HPP
