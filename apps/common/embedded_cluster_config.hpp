// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_COMMON_EMBEDDED_CLUSTER_CONFIG_HPP
#define ONEX_EVENT_BUS_APPS_COMMON_EMBEDDED_CLUSTER_CONFIG_HPP

#include <onex/event_bus/kafka_config.hpp>

#include <string>

namespace onex::apps {

/// The settings every program of this repository (tests, examples, the demo, the bench and the
/// soak) uses against an embedded cluster; each then tunes only what its purpose needs (retry
/// policy, timeouts, linger).
/// - A new consumer group reads from the beginning, so that messages published before the group
///   had its partitions are read too.
/// - The session timeout is the brokers' minimum (6 s; librdkafka 2.0.2's mock never answered a
///   JoinGroup with less) and the heartbeat 1 s, since the mock's rebalances wait for the
///   session: a first join takes about 3 s instead of the default 45 s session.
/// - The mock holds an empty fetch for `fetch.wait.max.ms`, which would otherwise add 500 ms to
///   a delivery; `linger.ms` 1 sends at once.
/// - Topics created while a client runs are learnt within about a second (the metadata refresh),
///   and a broker that comes back is reconnected to within 100 ms. The refresh is not a whole
///   second: the mock answers a JoinGroup exactly 3 or 5 s after it came, and a refresh answered
///   in that instant makes librdkafka 2.0.2 rejoin ("subscription updated from metadata
///   change"); at 1000 ms the two stayed in phase and a consumer rejoined every 5 s for 30 s
///   and more before it got its partitions.
inline event_bus::kafka_config embedded_cluster_config(const std::string& bootstrap_servers) {
    event_bus::kafka_config c;
    c.bootstrap_servers = bootstrap_servers;
    c.timeout_seconds = 10;
    c.auto_offset_reset = "earliest";
    c.session_timeout_ms = 6000;
    c.heartbeat_interval_ms = 1000;
    c.max_poll_interval_ms = 10000;
    c.reconnect_backoff_ms = 10;
    c.reconnect_backoff_max_ms = 100;
    c.librdkafka["fetch.wait.max.ms"] = "10";
    c.librdkafka["linger.ms"] = "1";
    c.librdkafka["topic.metadata.refresh.interval.ms"] = "1170";
    return c;
}

} // namespace onex::apps

#endif // ONEX_EVENT_BUS_APPS_COMMON_EMBEDDED_CLUSTER_CONFIG_HPP
