// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "../common/embedded_cluster.hpp"
#include "pacer.hpp"
#include "payload.hpp"
#include "process_stats.hpp"
#include "raw_kafka.hpp"
#include "scenarios.hpp"
#include "window_driver.hpp"

#include <onex/event_bus/kafka_event_bus.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <pthread.h>
#include <random>
#include <stdexcept>
#include <thread>

namespace asio = boost::asio;
namespace eb = onex::event_bus;

namespace onex::bench {
namespace {

using namespace std::chrono_literals;

// Where the Kafka runs go: the embedded mock cluster, or the user's brokers.
struct broker {
    std::unique_ptr<apps::embedded_cluster> embedded;
    eb::kafka_config config;
    std::string run_id;

    std::string topic(const std::string& what) const {
        return "onex.evt.bench." + what + (run_id.empty() ? "" : "-" + run_id) + ".v1";
    }
    properties props(eb::client_kind kind) const { return config.to_librdkafka(kind); }
};

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

// Runs `body(bus)` on a started bus on `ioc`, then closes it; rethrows what failed.
template <class Body>
void with_bus(asio::io_context& ioc, const broker& b, Body body) {
    eb::kafka_event_bus bus(ioc, b.config, bench_logger());
    std::exception_ptr failure;
    asio::co_spawn(
        ioc,
        [&]() -> asio::awaitable<void> {
            eb::diagnostics diag;
            auto [ec] = co_await bus.async_start(diag, asio::as_tuple(asio::use_awaitable));
            if (ec)
                throw std::runtime_error("kafka: cannot start the bus on " +
                                         b.config.bootstrap_servers + ": " + diag.message);
            std::exception_ptr inner;
            try {
                co_await body(bus);
            } catch (...) {
                inner = std::current_exception();
            }
            co_await bus.async_close(asio::as_tuple(asio::use_awaitable));
            if (inner)
                std::rethrow_exception(inner);
        },
        [&](std::exception_ptr e) { failure = e; });
    ioc.run();
    ioc.restart();
    if (failure)
        std::rethrow_exception(failure);
}

broker make_broker(const settings& s, const std::vector<std::string>& names) {
    broker b;
    eb::kafka_config& c = b.config;
    if (s.bootstrap.empty()) {
        b.embedded = std::make_unique<apps::embedded_cluster>();
        c.bootstrap_servers = b.embedded->bootstrap_servers();
        c.session_timeout_ms = 6000; // the mock's rebalances wait for it
        c.heartbeat_interval_ms = 1000;
        c.librdkafka["fetch.wait.max.ms"] = "10"; // the mock holds empty fetches that long
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
    if (b.embedded)
        for (const auto& t : topics)
            b.embedded->create_topic(t, s.partitions);
    else
        create_topics(b.props(eb::client_kind::producer), topics, s.partitions,
                      std::chrono::seconds(s.timeout_seconds));
    return b;
}

// Completes once `count` reaches `target` (the caller cancels `done` then), or throws when it
// stalls for `timeout`.
asio::awaitable<void> wait_for(asio::steady_timer& done, const std::uint64_t& count,
                               std::uint64_t target, std::chrono::seconds timeout,
                               const std::string& what) {
    auto last = count;
    auto last_change = std::chrono::steady_clock::now();
    while (count < target) {
        done.expires_after(1s);
        co_await done.async_wait(asio::as_tuple(asio::use_awaitable));
        const auto now = std::chrono::steady_clock::now();
        if (count != last) {
            last = count;
            last_change = now;
        } else if (count < target && now - last_change > timeout) {
            throw std::runtime_error("kafka: " + what + " stalled at " + std::to_string(count) +
                                     " of " + std::to_string(target) + " for " +
                                     std::to_string(timeout.count()) + " s");
        }
    }
}

std::chrono::seconds timeout_of(const settings& s) {
    return std::chrono::seconds(s.timeout_seconds);
}

side_result bus_produce(const settings& s, const broker& b, const std::string& topic,
                        progress_bar& progress) {
    side_result result{"bus"};
    result.latency = std::make_shared<histogram>();
    asio::io_context ioc(1);
    std::atomic<std::uint64_t> done{0};
    with_bus(ioc, b, [&](eb::kafka_event_bus& bus) -> asio::awaitable<void> {
        message_source source(s.payload_bytes, s.keys);
        std::uint64_t completed = 0;
        std::uint64_t failed = 0;
        std::string first_error;
        asio::steady_timer finished(ioc);
        window_driver driver(s.kafka_messages, s.concurrency, [&](std::uint64_t n) {
            const auto sent = now_ns();
            bus.async_publish(topic, source.key(n), source.payload(sent),
                              [&, sent](boost::system::error_code ec) {
                                  if (ec) {
                                      if (failed++ == 0)
                                          first_error = ec.message();
                                  } else {
                                      result.latency->record(now_ns() - sent);
                                  }
                                  done.store(++completed, std::memory_order_relaxed);
                                  if (completed == s.kafka_messages)
                                      finished.cancel();
                                  driver.next();
                              });
        });
        // librdkafka 2.0.2 learns a topic it was not asked about at bootstrap only at its next
        // 1 s topic scan: both sides send one message first, so neither run measures that.
        auto [warm_up] = co_await bus.async_publish(topic, source.key(0), source.payload(0, false),
                                                    asio::as_tuple(asio::use_awaitable));
        if (warm_up)
            throw std::runtime_error("kafka: cannot publish to " + topic + ": " +
                                     warm_up.message());
        progress.start("kafka-produce: bus", s.kafka_messages, done);
        stopwatch watch;
        driver.start();
        co_await wait_for(finished, completed, s.kafka_messages, timeout_of(s), "producing");
        result.seconds = watch.seconds();
        result.cpu_seconds = watch.cpu_seconds();
        progress.finish();
        if (failed)
            throw std::runtime_error("kafka: " + std::to_string(failed) +
                                     " publishes failed, the first with: " + first_error);
        result.messages = completed;
        result.bytes = completed * s.payload_bytes;
    });
    return result;
}

side_result bus_consume(const settings& s, const broker& b, const std::string& topic,
                        progress_bar& progress) {
    side_result result{"bus"};
    asio::io_context ioc(1);
    std::atomic<std::uint64_t> done{0};
    with_bus(ioc, b, [&](eb::kafka_event_bus& bus) -> asio::awaitable<void> {
        asio::steady_timer finished(ioc);
        stopwatch watch;
        auto sub = bus.subscribe(topic, "bench-consume-bus", [&](const eb::event_message& m) {
            if (result.messages++ == 0)
                watch.restart(); // the group join is not the consumer's speed
            result.bytes += m.value().size();
            done.store(result.messages, std::memory_order_relaxed);
            if (result.messages == s.kafka_messages) {
                result.seconds = watch.seconds();
                result.cpu_seconds = watch.cpu_seconds();
                finished.cancel();
            }
        });
        progress.start("kafka-consume: bus", s.kafka_messages, done);
        co_await wait_for(finished, result.messages, s.kafka_messages, timeout_of(s), "consuming");
        progress.finish();
    });
    return result;
}

// The CPU clock of another thread.
double cpu_seconds_of(std::thread& t) {
    clockid_t id{};
    timespec ts{};
    if (pthread_getcpuclockid(t.native_handle(), &id) != 0 || clock_gettime(id, &ts) != 0)
        return 0;
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Publish -> handler through two buses, each on an io_context of its own thread (as the raw
// baseline's producer and consumer threads). Then, both still started and idle, measures the
// subscriber bus's io thread against a 1 ms polling loop.
side_result bus_roundtrip(const settings& s, const broker& b, const std::string& topic,
                          progress_bar& progress, idle_result& idle) {
    side_result result{"bus"};
    result.latency = std::make_shared<histogram>();
    asio::io_context sub_ioc(1);
    std::atomic<bool> ready{false};
    std::atomic<bool> finished{false};
    std::atomic<std::uint64_t> done{0};
    asio::steady_timer stop_subscriber(sub_ioc, asio::steady_timer::time_point::max());
    std::exception_ptr subscriber_failure;
    std::thread subscriber_thread([&] {
        try {
            with_bus(sub_ioc, b, [&](eb::kafka_event_bus& bus) -> asio::awaitable<void> {
                auto sub =
                    bus.subscribe(topic, "bench-roundtrip-bus", [&](const eb::event_message& m) {
                        const auto sent = sent_ns(m.value());
                        if (!sent) {
                            ready.store(true);
                            return;
                        }
                        result.latency->record(now_ns() - *sent);
                        result.bytes += m.value().size();
                        done.store(++result.messages, std::memory_order_relaxed);
                        if (result.messages == s.roundtrip_messages)
                            finished.store(true);
                    });
                co_await stop_subscriber.async_wait(asio::as_tuple(asio::use_awaitable));
            });
        } catch (...) {
            subscriber_failure = std::current_exception();
            finished.store(true);
            ready.store(true);
        }
    });

    asio::io_context ioc(1);
    stopwatch watch;
    try {
        with_bus(ioc, b, [&](eb::kafka_event_bus& bus) -> asio::awaitable<void> {
            message_source source(s.payload_bytes, s.keys);
            asio::steady_timer timer(ioc);
            // Warm-up: until the subscriber has its partitions, a measured message would wait
            // for the group join.
            while (!ready.load()) {
                bus.async_publish(topic, source.key(0), source.payload(now_ns(), false),
                                  [](boost::system::error_code) {});
                timer.expires_after(100ms);
                co_await timer.async_wait(asio::use_awaitable);
            }
            progress.start("kafka-roundtrip: bus", s.roundtrip_messages, done);
            watch.restart();
            const pacer pace(s.roundtrip_rate, s.roundtrip_messages);
            std::uint64_t sent = 0;
            std::uint64_t in_flight = 0;
            auto last_progress = std::chrono::steady_clock::now();
            std::uint64_t last_done = 0;
            while (!finished.load()) {
                const auto now = pacer::clock::now();
                for (const auto due = pace.due(now); sent < due && in_flight < s.concurrency;
                     ++sent, ++in_flight) {
                    const auto stamp = now_ns();
                    bus.async_publish(topic, source.key(sent), source.payload(stamp),
                                      [&](boost::system::error_code) { --in_flight; });
                }
                if (done.load() != last_done) {
                    last_done = done.load();
                    last_progress = now;
                } else if (now - last_progress > timeout_of(s)) {
                    throw std::runtime_error("kafka: publish -> handler stalled at " +
                                             std::to_string(last_done) + " of " +
                                             std::to_string(s.roundtrip_messages));
                }
                timer.expires_at(pace.next_tick(now));
                co_await timer.async_wait(asio::use_awaitable);
            }
            result.seconds = watch.seconds();
            result.cpu_seconds = watch.cpu_seconds();
            progress.finish();
            if (s.idle_seconds > 0 && !subscriber_failure) {
                // Both buses started, nothing to do: the subscriber's io thread should sleep.
                const double thread_before = cpu_seconds_of(subscriber_thread);
                const double process_before = process_cpu_seconds();
                double poll_percent = 0;
                std::thread poll_loop([&] {
                    poll_percent =
                        poll_loop_cpu_percent(b.props(eb::client_kind::producer), s.idle_seconds);
                });
                timer.expires_after(std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::duration<double>(s.idle_seconds)));
                co_await timer.async_wait(asio::use_awaitable);
                poll_loop.join();
                idle.seconds = s.idle_seconds;
                idle.bus_cpu_percent =
                    100.0 * (cpu_seconds_of(subscriber_thread) - thread_before) / s.idle_seconds;
                idle.poll_loop_cpu_percent = poll_percent;
                idle.process_cpu_percent =
                    100.0 * (process_cpu_seconds() - process_before) / s.idle_seconds;
            }
        });
    } catch (...) {
        asio::post(sub_ioc, [&] { stop_subscriber.cancel(); });
        subscriber_thread.join();
        throw;
    }
    asio::post(sub_ioc, [&] { stop_subscriber.cancel(); });
    subscriber_thread.join();
    if (subscriber_failure)
        std::rethrow_exception(subscriber_failure);
    return result;
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

    // Both consumers read what the bus produced, each in a group of its own.
    if (wanted("kafka-consume")) {
        scenario_result consume;
        consume.name = "kafka-consume";
        consume.latency_of = "";
        consume.min_ratio = 0.95;
        done = 0;
        progress.start("kafka-consume: librdkafka", s.kafka_messages, done);
        consume.baseline =
            raw_consume(raw_settings(s, b, eb::client_kind::consumer, b.topic("produce-bus-0"),
                                     s.kafka_messages, done),
                        "bench-consume-raw");
        progress.finish();
        consume.bus = bus_consume(s, b, b.topic("produce-bus-0"), progress);
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
