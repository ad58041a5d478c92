// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka_broker.hpp"
#include "kafka_bus_runs.hpp"
#include "payload.hpp"
#include "raw_kafka.hpp"
#include "scenarios.hpp"

#include <algorithm>
#include <atomic>

namespace onex::bench {
namespace {

std::chrono::seconds timeout_of(const settings& s) {
    return std::chrono::seconds(s.timeout_seconds);
}

raw_run raw_settings(const settings& s, const broker& b, eb::client_kind kind,
                     const std::string& topic, std::uint64_t messages,
                     std::atomic<std::uint64_t>& done) {
    return raw_run{b.props(kind), topic, messages,     s.concurrency,
                   timeout_of(s), &done, s.raw_headers};
}

std::vector<std::string> topic_names(int runs) {
    std::vector<std::string> names{"roundtrip-bus", "roundtrip-raw"};
    for (int i = 0; i < runs; ++i) {
        names.push_back("produce-bus-" + std::to_string(i));
        names.push_back("produce-raw-" + std::to_string(i));
    }
    return names;
}

side_result median_run(std::vector<side_result> runs) {
    std::sort(runs.begin(), runs.end(), [](const side_result& a, const side_result& b) {
        return a.msgs_per_s() < b.msgs_per_s();
    });
    return runs[runs.size() / 2];
}

} // namespace

std::vector<scenario_result> run_kafka(const settings& s, progress_bar& progress,
                                       idle_result& idle) {
    const broker b = make_broker(s, topic_names(s.runs));
    std::vector<scenario_result> out;
    std::atomic<std::uint64_t> done{0};
    const auto wanted = [&](const char* name) {
        return s.kafka_only.empty() || s.kafka_only == name ||
               (s.kafka_only == "kafka-consume" && std::string_view(name) == "kafka-produce");
    };

    if (wanted("kafka-produce")) {
        scenario_result produce;
        produce.name = "kafka-produce";
        produce.latency_of = "publish -> acknowledged";
        produce.min_ratio = 0.95;
        // Alternating runs on fresh topics, so that neither side always meets the broker in
        // the same state; the median run of each side is reported.
        std::vector<side_result> raw_runs;
        std::vector<side_result> bus_runs;
        for (int i = 0; i < s.runs; ++i) {
            message_source source(s.payload_bytes, s.keys);
            const auto topic = b.topic("produce-raw-" + std::to_string(i));
            done = 0;
            progress.start("kafka-produce: librdkafka", s.kafka_messages, done);
            raw_runs.push_back(raw_produce(
                raw_settings(s, b, eb::client_kind::producer, topic, s.kafka_messages, done),
                source, bus_like_headers(s, topic)));
            progress.finish();
            bus_runs.push_back(
                bus_produce(s, b, b.topic("produce-bus-" + std::to_string(i)), progress));
        }
        produce.baseline = median_run(std::move(raw_runs));
        produce.bus = median_run(std::move(bus_runs));
        if (s.kafka_only != "kafka-consume")
            out.push_back(std::move(produce));
    }

    // Both consumers read everything the bus produced (the runs' topics: a longer, steadier
    // measurement for one group join each), each in a group of its own.
    if (wanted("kafka-consume")) {
        scenario_result consume;
        consume.name = "kafka-consume";
        consume.latency_of = "";
        consume.min_ratio = 0.95;
        std::vector<std::string> topics;
        for (int i = 0; i < s.runs; ++i)
            topics.push_back(b.topic("produce-bus-" + std::to_string(i)));
        const std::uint64_t total = s.kafka_messages * static_cast<std::uint64_t>(s.runs);
        done = 0;
        progress.start("kafka-consume: librdkafka", total, done);
        consume.baseline =
            raw_consume(raw_settings(s, b, eb::client_kind::consumer, topics.front(), total, done),
                        topics, "bench-consume-raw");
        progress.finish();
        consume.bus = bus_consume(s, b, topics, total, progress);
        out.push_back(std::move(consume));
    }
    if (!wanted("kafka-roundtrip"))
        return out;

    scenario_result roundtrip;
    roundtrip.name = "kafka-roundtrip";
    roundtrip.latency_of = "publish -> handler";
    roundtrip.min_ratio = 0.95;
    roundtrip.max_p99_ratio = 1.2;
    {
        message_source source(s.payload_bytes, s.keys);
        const auto topic = b.topic("roundtrip-raw");
        done = 0;
        progress.start("kafka-roundtrip: librdkafka", s.roundtrip_messages, done);
        auto run = raw_settings(s, b, eb::client_kind::consumer, topic, s.roundtrip_messages, done);
        run.props = b.props(eb::client_kind::producer);
        roundtrip.baseline =
            raw_roundtrip(run, b.props(eb::client_kind::consumer), "bench-roundtrip-raw",
                          s.roundtrip_rate, source, bus_like_headers(s, topic));
        progress.finish();
    }
    roundtrip.bus = bus_roundtrip(s, b, b.topic("roundtrip-bus"), progress, idle);
    out.push_back(std::move(roundtrip));
    return out;
}

} // namespace onex::bench
