// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka_broker.hpp"

#include <iostream>
#include <random>

namespace asio = boost::asio;

namespace onex::bench {

std::shared_ptr<eb::logger> bench_logger() {
    return std::make_shared<eb::logger>(eb::logger::to_stderr(eb::log_level::error));
}

// The header set the bus puts on a message, for the raw producer to send as many bytes.
std::vector<eb::kafka_header> bus_like_headers(const settings& s, const std::string& topic) {
    if (!s.raw_headers)
        return {};
    eb::event_headers h;
    h.source = "bench.bench";
    h.event_type = topic;
    return eb::encode_kafka_headers(h);
}

broker make_broker(const settings& s, const std::vector<std::string>& names) {
    broker b;
    eb::kafka_config& c = b.config;
    if (s.bootstrap.empty()) {
        b.embedded = std::make_unique<apps::embedded_cluster>();
        c = apps::embedded_cluster_config(b.embedded->bootstrap_servers());
    } else {
        c.bootstrap_servers = s.bootstrap;
        // Fresh topics for each run, so that a consumer reads only this run's messages.
        b.run_id = std::to_string(std::random_device{}() % 1'000'000);
    }
    c.environment = "bench";
    c.group = "bench";
    c.timeout_seconds = s.timeout_seconds;
    c.acks = s.acks;
    c.enable_idempotence = s.idempotence;
    c.auto_offset_reset = "earliest";
    c.librdkafka["linger.ms"] = std::to_string(s.linger_ms);
    c.librdkafka["batch.num.messages"] = std::to_string(s.batch_messages);
    c.librdkafka["queued.min.messages"] = "1000000"; // see the README: consumers refill in bursts
    c.validate();
    if (!b.embedded) {
        // An unreachable broker fails here, within timeout_seconds, with the bus's own error.
        asio::io_context ioc(1);
        with_bus(ioc, b, [](eb::kafka_event_bus&) -> asio::awaitable<void> { co_return; });
    }
    std::vector<std::string> topics;
    for (const auto& n : names)
        topics.push_back(b.topic(n));
    if (b.embedded) {
        for (const auto& t : topics)
            b.embedded->create_topic(t, s.partitions);
    } else if (const auto failure = create_topics(b.props(eb::client_kind::producer), topics,
                                                  s.partitions, std::chrono::seconds(5));
               !failure.empty()) {
        // A broker without CreateTopics (onex-kafka-mock) still creates them on first use,
        // with its own partition count.
        std::cerr << "onex-bench: cannot create the bench topics (" << failure
                  << "); relying on the broker's automatic topic creation\n";
    }
    return b;
}

} // namespace onex::bench
