// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka_bus_runs.hpp"
#include "pacer.hpp"
#include "payload.hpp"
#include "process_stats.hpp"
#include "window_driver.hpp"

#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <pthread.h>
#include <thread>

namespace asio = boost::asio;

namespace onex::bench {
namespace {

using namespace std::chrono_literals;

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
        const auto allowed = count == 0 ? join_timeout(timeout) : timeout;
        if (count != last) {
            last = count;
            last_change = now;
        } else if (count < target && now - last_change > allowed) {
            throw std::runtime_error("kafka: " + what + " stalled at " + std::to_string(count) +
                                     " of " + std::to_string(target) + " for " +
                                     std::to_string(allowed.count()) + " s");
        }
    }
}

std::chrono::seconds timeout_of(const settings& s) {
    return std::chrono::seconds(s.timeout_seconds);
}

// Sets its flag when the scope ends, however it ends.
struct stop_on_exit {
    bool& flag;
    ~stop_on_exit() { flag = true; }
};

// The CPU clock of another thread.
double cpu_seconds_of(std::thread& t) {
    clockid_t id{};
    timespec ts{};
    if (pthread_getcpuclockid(t.native_handle(), &id) != 0 || clock_gettime(id, &ts) != 0)
        return 0;
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

} // namespace

side_result bus_produce(const settings& s, const broker& b, const std::string& topic,
                        progress_bar& progress) {
    side_result result{"bus"};
    result.latency = std::make_shared<histogram>();
    asio::io_context ioc(1);
    std::atomic<std::uint64_t> done{0};
    // What the completions touch lives out here: publishes still in flight when the run stops
    // early complete while the bus closes, after the coroutine below is gone.
    message_source source(s.payload_bytes, s.keys);
    std::uint64_t completed = 0;
    std::uint64_t failed = 0;
    std::string first_error;
    asio::steady_timer finished(ioc);
    eb::kafka_event_bus* running = nullptr;
    bool stopped = false; // the run is over: completions start nothing new
    window_driver driver(s.kafka_messages, s.concurrency, [&](std::uint64_t n) {
        const auto sent = now_ns();
        running->async_publish(topic, source.key(n), source.payload(sent),
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
                                   if (!stopped)
                                       driver.next();
                               });
    });
    with_bus(ioc, b, [&](eb::kafka_event_bus& bus) -> asio::awaitable<void> {
        running = &bus;
        const stop_on_exit guard{stopped};
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

side_result bus_consume(const settings& s, const broker& b, const std::vector<std::string>& topics,
                        std::uint64_t messages, progress_bar& progress) {
    side_result result{"bus"};
    asio::io_context ioc(1);
    std::atomic<std::uint64_t> done{0};
    with_bus(ioc, b, [&](eb::kafka_event_bus& bus) -> asio::awaitable<void> {
        asio::steady_timer finished(ioc);
        stopwatch watch;
        const auto handler = [&](const eb::event_message& m) {
            if (result.messages++ == 0)
                watch.restart(); // the group join is not the consumer's speed
            result.bytes += m.value().size();
            done.store(result.messages, std::memory_order_relaxed);
            if (result.messages == messages) {
                result.seconds = watch.seconds();
                result.cpu_seconds = watch.cpu_seconds();
                finished.cancel();
            }
        };
        // All in one go, so that the group's consumer joins once with every topic.
        std::vector<eb::subscription> subs;
        for (const auto& topic : topics)
            subs.push_back(bus.subscribe(topic, "bench-consume-bus", handler));
        progress.start("kafka-consume: bus", messages, done);
        co_await wait_for(finished, result.messages, messages, timeout_of(s), "consuming");
        progress.finish();
    });
    return result;
}

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
    // Touched by completions that may run while the bus closes, after the coroutine is gone.
    std::uint64_t in_flight = 0;
    try {
        with_bus(ioc, b, [&](eb::kafka_event_bus& bus) -> asio::awaitable<void> {
            message_source source(s.payload_bytes, s.keys);
            asio::steady_timer timer(ioc);
            // Warm-up: until the subscriber has its partitions, a measured message would wait
            // for the group join.
            const auto join_deadline =
                std::chrono::steady_clock::now() + join_timeout(timeout_of(s));
            while (!ready.load()) {
                if (std::chrono::steady_clock::now() > join_deadline)
                    throw std::runtime_error("kafka: nothing received on " + topic + " within " +
                                             std::to_string(join_timeout(timeout_of(s)).count()) +
                                             " s of subscribing (the group join did not finish)");
                bus.async_publish(topic, source.key(0), source.payload(now_ns(), false),
                                  [](boost::system::error_code) {});
                timer.expires_after(100ms);
                co_await timer.async_wait(asio::use_awaitable);
            }
            progress.start("kafka-roundtrip: bus", s.roundtrip_messages, done);
            watch.restart();
            const pacer pace(s.roundtrip_rate, s.roundtrip_messages);
            std::uint64_t sent = 0;
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

} // namespace onex::bench
