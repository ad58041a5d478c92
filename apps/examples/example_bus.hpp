// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_EXAMPLES_EXAMPLE_BUS_HPP
#define ONEX_EVENT_BUS_APPS_EXAMPLES_EXAMPLE_BUS_HPP

// What the examples share: the choice between the in-memory bus and a Kafka bus against a
// librdkafka mock cluster started in this process. Nothing here is needed to use the library;
// a service would construct one bus from its configuration (kafka_event_bus::from_env, ...).

#include "../common/embedded_cluster.hpp"

#include <onex/event_bus.hpp>

#include <boost/asio/io_context.hpp>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

namespace onex::examples {

/// The embedded cluster's settings (see embedded_cluster_config) in environment "example".
inline event_bus::kafka_config mock_cluster_config(const std::string& bootstrap_servers) {
    event_bus::kafka_config c = apps::embedded_cluster_config(bootstrap_servers);
    c.environment = "example";
    return c;
}

/// Calls `body(bus)` with an in-memory bus, or (`kafka_mock`) with a Kafka bus on an embedded mock
/// cluster holding `topics` (the mock cluster cannot create topics on demand). Both buses live on
/// `ioc`; `body` runs it and returns the exit status.
template <class Body>
int with_example_bus(boost::asio::io_context& ioc, bool kafka_mock,
                     std::initializer_list<std::string_view> topics, Body&& body) {
    if (!kafka_mock) {
        event_bus::inmemory_event_bus bus(ioc);
        return body(bus);
    }
    apps::embedded_cluster cluster; // declared first: it must outlive the bus
    for (std::string_view topic : topics)
        cluster.create_topic(std::string(topic));
    // librdkafka's warnings about the mock cluster's limits are not what the examples show.
    auto log = std::make_shared<event_bus::logger>(
        event_bus::logger::to_stderr(event_bus::log_level::error));
    event_bus::kafka_event_bus bus(ioc, mock_cluster_config(cluster.bootstrap_servers()), log);
    return body(bus);
}

} // namespace onex::examples

#endif // ONEX_EVENT_BUS_APPS_EXAMPLES_EXAMPLE_BUS_HPP
