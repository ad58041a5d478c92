// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "payload.hpp"
#include "process_stats.hpp"
#include "scenarios.hpp"
#include "window_driver.hpp"

#include <onex/event_bus/inmemory_event_bus.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/json/array.hpp>

#include <functional>
#include <stdexcept>
#include <string>

namespace asio = boost::asio;

namespace onex::bench {
namespace {

constexpr const char* topic = "onex.evt.bench.memory.v1";
constexpr std::uint64_t rss_step = 1'000'000;

// A clock read costs about as much as a bare post + invoke (30 ns on a KVM guest): both sides
// time one message in 16, so that the baseline measures posts rather than clocks.
constexpr std::uint64_t sample_every = 16;

std::string_view sampled_payload(message_source& source, std::uint64_t n) {
    const bool sampled = n % sample_every == 0;
    return source.payload(sampled ? now_ns() : 0, sampled);
}

// What every run shares: the count of deliveries, their latencies, and RSS every million
// publishes (which shows whether the bus's memory stays flat with a bounded history).
struct tally {
    explicit tally(side_result& r)
        : result(r) {
        result.latency = std::make_shared<histogram>();
    }

    void delivered(std::string_view payload) {
        if (const auto sent = sent_ns(payload))
            result.latency->record(now_ns() - *sent);
        ++deliveries;
        result.bytes += payload.size();
    }
    void published() {
        done.store(++publishes, std::memory_order_relaxed);
        if (publishes % rss_step == 0)
            rss.push_back(current_rss_bytes());
    }

    // Runs the window of publishes to the end on `ioc`, timed, with a progress line.
    void run(asio::io_context& ioc, window_driver& driver, progress_bar& progress,
             const char* label, std::uint64_t total) {
        progress.start(label, total, done);
        stopwatch watch;
        driver.start();
        ioc.run();
        result.seconds = watch.seconds();
        result.cpu_seconds = watch.cpu_seconds();
        progress.finish();
        result.messages = deliveries;
    }

    side_result& result;
    std::uint64_t deliveries = 0;
    std::uint64_t publishes = 0;
    std::atomic<std::uint64_t> done{0};
    boost::json::array rss;
};

side_result run_bus(const settings& s, progress_bar& progress, boost::json::array& rss) {
    side_result result{"bus"};
    tally t(result);
    asio::io_context ioc(1);
    event_bus::inmemory_options options;
    options.max_history = s.max_history;
    options.environment = "bench";
    options.group = "bench";
    event_bus::inmemory_event_bus bus(ioc, options);
    std::vector<event_bus::subscription> subs;
    for (int i = 0; i < s.subscribers; ++i)
        subs.push_back(
            bus.subscribe(topic, "bench-" + std::to_string(i),
                          [&t](const event_bus::event_message& m) { t.delivered(m.value()); }));
    bus.async_start([](boost::system::error_code) {});
    ioc.run();
    ioc.restart();

    message_source source(s.payload_bytes, s.keys);
    std::uint64_t failures = 0;
    window_driver driver(s.memory_messages, s.memory_concurrency, [&](std::uint64_t n) {
        bus.async_publish(topic, source.key(n), sampled_payload(source, n),
                          [&](boost::system::error_code ec) {
                              failures += ec ? 1 : 0;
                              t.published();
                              driver.next();
                          });
    });
    t.run(ioc, driver, progress, "memory: bus", s.memory_messages);
    if (failures != 0)
        throw std::runtime_error("memory: " + std::to_string(failures) + " publishes failed");
    rss = std::move(t.rss);
    return result;
}

// The same loop without the bus: each delivery is one post of a handler carrying its own copy of
// the payload (as a hand-written queue would), invoked through a type-erased function.
side_result run_post(const settings& s, progress_bar& progress) {
    side_result result{"asio::post"};
    tally t(result);
    asio::io_context ioc(1);
    std::vector<std::function<void(std::string_view)>> handlers(
        static_cast<std::size_t>(s.subscribers),
        [&t](std::string_view payload) { t.delivered(payload); });
    message_source source(s.payload_bytes, s.keys);
    window_driver driver(s.memory_messages, s.memory_concurrency, [&](std::uint64_t n) {
        // One post per delivery; the last one continues the window.
        const std::string payload(sampled_payload(source, n));
        for (std::size_t i = 0; i < handlers.size(); ++i) {
            const bool last = i + 1 == handlers.size();
            asio::post(ioc, [&, i, last, payload]() {
                handlers[i](payload);
                if (last) {
                    t.published();
                    driver.next();
                }
            });
        }
    });
    t.run(ioc, driver, progress, "memory: asio::post", s.memory_messages);
    return result;
}

} // namespace

scenario_result run_memory(const settings& s, progress_bar& progress) {
    scenario_result r;
    r.name = "memory";
    r.latency_of = "publish -> handler";
    r.min_ratio = 0.5; // cost per delivery at most twice a bare post + invoke
    boost::json::array rss;
    r.baseline = run_post(s, progress);
    r.bus = run_bus(s, progress, rss);
    r.extra["rss_bytes_per_million_publishes"] = rss;
    if (rss.size() >= 10) {
        const double first = static_cast<double>(rss[0].as_uint64());
        const double tenth = static_cast<double>(rss[9].as_uint64());
        r.extra["rss_growth_1m_to_10m_percent"] = 100.0 * (tenth - first) / first;
    }
    return r;
}

} // namespace onex::bench
