// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_RAW_KAFKA_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_RAW_KAFKA_HPP

#include "payload.hpp"
#include "run_result.hpp"

#include <onex/event_bus/kafka_headers.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace onex::bench {

/// librdkafka properties, as `kafka_config::to_librdkafka` gives them to the bus.
using properties = std::vector<std::pair<std::string, std::string>>;

/// What the raw baselines need to know about one run.
struct raw_run {
    properties props;
    std::string topic;
    std::uint64_t messages = 0;
    std::size_t window = 0; ///< produced messages awaiting their delivery report, at most
    std::chrono::seconds timeout{10};
    std::atomic<std::uint64_t>* done = nullptr; ///< progress, written as messages complete
    bool headers = true; ///< consumers read each message's headers, as the bus must
};

/// A `rd_kafka_producev` loop that serves delivery reports with `rd_kafka_poll`, keeping
/// `window` messages in flight; latency is produce -> delivery report. `headers` are added to
/// every message (the bus's header set, for the same bytes on the wire), or none.
side_result raw_produce(const raw_run& run, message_source& source,
                        const std::vector<event_bus::kafka_header>& headers);

/// A consumer of group `group` subscribed to `topics`, reading `run.messages` messages with
/// `rd_kafka_consume_batch_queue` (the fastest raw form); timed from its first message to its last.
side_result raw_consume(const raw_run& run, const std::vector<std::string>& topics,
                        const std::string& group);

/// Publish -> handler: a producer thread sending `run.messages` at `rate` per second (0 = as fast
/// as the window allows) after a warm-up that waits for the consumer's assignment, and a
/// consumer thread as in @ref raw_consume recording each message's latency.
side_result raw_roundtrip(const raw_run& run, const properties& consumer_props,
                          const std::string& group, double rate, message_source& source,
                          const std::vector<event_bus::kafka_header>& headers);

/// CPU percent of one core used by a thread that calls `rd_kafka_poll(rk, 1)` in a loop on an
/// idle producer for `seconds`: how a polling design idles.
double poll_loop_cpu_percent(const properties& props, double seconds);

/// Creates `topics` with `partitions` each through the admin API (a real cluster); a topic that
/// exists already is fine. Returns what failed (the topic and librdkafka's error, or "no answer"),
/// or an empty string.
std::string create_topics(const properties& props, const std::vector<std::string>& topics,
                          int partitions, std::chrono::seconds timeout);

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_RAW_KAFKA_HPP
