// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "pacer.hpp"
#include "process_stats.hpp"
#include "raw_kafka.hpp"
#include "settings.hpp"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <thread>

namespace onex::bench {
namespace {

struct client_deleter {
    void operator()(rd_kafka_t* rk) const noexcept { rd_kafka_destroy(rk); }
};
using client_ptr = std::unique_ptr<rd_kafka_t, client_deleter>;

struct queue_deleter {
    void operator()(rd_kafka_queue_t* q) const noexcept { rd_kafka_queue_destroy(q); }
};
using queue_ptr = std::unique_ptr<rd_kafka_queue_t, queue_deleter>;

// The bus's passthrough properties go to both kinds of client, and librdkafka warns about those
// meant for the other kind: raw clients log errors only, as the bench's bus logger does.
rd_kafka_conf_t* make_conf(const properties& props) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    std::array<char, 512> error{};
    rd_kafka_conf_set(conf, "log_level", "3", error.data(), error.size());
    for (const auto& [name, value] : props) {
        if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error.data(), error.size()) !=
            RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(conf);
            throw std::runtime_error("raw librdkafka: " + name + ": " + error.data());
        }
    }
    return conf;
}

client_ptr make_client(rd_kafka_type_t type, rd_kafka_conf_t* conf) {
    std::array<char, 512> error{};
    rd_kafka_t* rk = rd_kafka_new(type, conf, error.data(), error.size());
    if (rk == nullptr) {
        rd_kafka_conf_destroy(conf);
        throw std::runtime_error(std::string("raw librdkafka: ") + error.data());
    }
    return client_ptr(rk);
}

// A producer whose delivery reports count and time the messages.
struct producer {
    std::uint64_t in_flight = 0;
    std::uint64_t acknowledged = 0;
    std::uint64_t failed = 0;
    rd_kafka_resp_err_t first_error = RD_KAFKA_RESP_ERR_NO_ERROR;
    histogram* latency = nullptr;
    std::atomic<std::uint64_t>* done = nullptr;
    client_ptr rk;

    explicit producer(const properties& props, histogram* h, std::atomic<std::uint64_t>* d)
        : latency(h)
        , done(d) {
        rd_kafka_conf_t* conf = make_conf(props);
        rd_kafka_conf_set_dr_msg_cb(conf, &producer::on_delivery);
        rd_kafka_conf_set_opaque(conf, this);
        rk = make_client(RD_KAFKA_PRODUCER, conf);
    }

    static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
        auto& self = *static_cast<producer*>(opaque);
        --self.in_flight;
        if (m->err) {
            if (self.failed++ == 0)
                self.first_error = m->err;
            return;
        }
        ++self.acknowledged;
        if (self.latency)
            self.latency->record(now_ns() - reinterpret_cast<std::uintptr_t>(m->_private));
        if (self.done)
            self.done->store(self.acknowledged, std::memory_order_relaxed);
    }

    // Produces one message, serving reports while librdkafka's queue is full.
    void produce(const std::string& topic, std::optional<std::string_view> key,
                 std::string_view value, std::uint64_t sent,
                 const std::vector<event_bus::kafka_header>& headers) {
        for (;;) {
            rd_kafka_headers_t* hdrs = nullptr;
            if (!headers.empty()) {
                hdrs = rd_kafka_headers_new(headers.size());
                for (const auto& h : headers)
                    rd_kafka_header_add(hdrs, h.name.data(), static_cast<ssize_t>(h.name.size()),
                                        h.value.data(), static_cast<ssize_t>(h.value.size()));
            }
            // librdkafka's macros cast their arguments without parentheses: compute them first.
            const char* topic_name = topic.c_str();
            void* key_ptr = key ? const_cast<char*>(key->data()) : nullptr;
            const std::size_t key_len = key ? key->size() : 0;
            void* value_ptr = const_cast<char*>(value.data());
            const std::size_t value_len = value.size();
            void* opaque = reinterpret_cast<void*>(static_cast<std::uintptr_t>(sent));
            const auto err = rd_kafka_producev(
                rk.get(), RD_KAFKA_V_TOPIC(topic_name), RD_KAFKA_V_KEY(key_ptr, key_len),
                RD_KAFKA_V_VALUE(value_ptr, value_len), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
            if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                ++in_flight;
                return;
            }
            if (hdrs)
                rd_kafka_headers_destroy(hdrs);
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                throw std::runtime_error("raw librdkafka: produce to " + topic + ": " +
                                         rd_kafka_err2str(err));
            rd_kafka_poll(rk.get(), 1);
        }
    }

    void flush(std::chrono::seconds timeout, const std::string& topic) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (in_flight > 0 && std::chrono::steady_clock::now() < deadline)
            rd_kafka_poll(rk.get(), 100);
        if (in_flight > 0 || failed > 0)
            throw std::runtime_error(
                "raw librdkafka: " + std::to_string(failed) + " failed and " +
                std::to_string(in_flight) + " unacknowledged messages on " + topic +
                (failed ? std::string(" (first error: ") + rd_kafka_err2str(first_error) + ")"
                        : std::string()));
    }
};

// A subscribed consumer served through its consumer queue.
// What a raw consumer that uses the headers does with them: librdkafka parses them on request,
// and they are read once. The bus must, to build each message's event_headers.
std::size_t read_headers(rd_kafka_message_t* m) {
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_message_headers(m, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return 0;
    std::size_t bytes = 0;
    const char* name = nullptr;
    const void* value = nullptr;
    std::size_t size = 0;
    for (std::size_t i = 0;
         rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
         ++i)
        bytes += size;
    return bytes;
}

struct consumer {
    client_ptr rk;
    queue_ptr queue;
    bool with_headers = true;

    consumer(const properties& props, const std::string& group,
             const std::vector<std::string>& topics, bool headers)
        : with_headers(headers) {
        rd_kafka_conf_t* conf = make_conf(props);
        std::array<char, 512> error{};
        // Raw at its best: librdkafka stores each offset as it hands the message over, where the
        // bus stores it only once the handler has succeeded.
        rd_kafka_conf_set(conf, "group.id", group.c_str(), error.data(), error.size());
        rd_kafka_conf_set(conf, "enable.auto.offset.store", "true", error.data(), error.size());
        rk = make_client(RD_KAFKA_CONSUMER, conf);
        rd_kafka_poll_set_consumer(rk.get());
        rd_kafka_topic_partition_list_t* list =
            rd_kafka_topic_partition_list_new(static_cast<int>(topics.size()));
        for (const auto& topic : topics)
            rd_kafka_topic_partition_list_add(list, topic.c_str(), RD_KAFKA_PARTITION_UA);
        const auto err = rd_kafka_subscribe(rk.get(), list);
        rd_kafka_topic_partition_list_destroy(list);
        if (err)
            throw std::runtime_error("raw librdkafka: subscribe to " + topics.front() + ": " +
                                     rd_kafka_err2str(err));
        queue.reset(rd_kafka_queue_get_consumer(rk.get()));
    }
    ~consumer() {
        queue.reset();
        rd_kafka_consumer_close(rk.get());
    }

    // Calls `f(payload)` for each message until it returns false or `timeout` passes without one.
    std::size_t header_bytes = 0; // read, so that the reading is not optimised away

    template <class F>
    void consume(std::chrono::seconds timeout, const std::string& topic, F&& f) {
        constexpr std::size_t batch = 64;
        std::array<rd_kafka_message_t*, batch> messages{};
        auto last = std::chrono::steady_clock::now();
        bool joined = false;
        for (;;) {
            // A batch call with a timeout waits for a full batch: wait for one message, then
            // take what else is there without waiting (what the bus does on its eventfd).
            auto n = rd_kafka_consume_batch_queue(queue.get(), 100, messages.data(), 1);
            if (n == 1)
                n += std::max<ssize_t>(0, rd_kafka_consume_batch_queue(
                                              queue.get(), 0, messages.data() + 1, batch - 1));
            bool more = true;
            for (ssize_t i = 0; i < n; ++i) {
                rd_kafka_message_t* m = messages[static_cast<std::size_t>(i)];
                if (!m->err && more) {
                    if (with_headers)
                        header_bytes += read_headers(m);
                    more = f(std::string_view(static_cast<const char*>(m->payload), m->len));
                }
                rd_kafka_message_destroy(m);
            }
            if (!more)
                return;
            const auto now = std::chrono::steady_clock::now();
            if (n > 0) {
                last = now;
                joined = true;
            } else if (!joined && now - last > join_timeout(timeout)) {
                throw std::runtime_error("raw librdkafka: nothing received on " + topic +
                                         " within " +
                                         std::to_string(join_timeout(timeout).count()) +
                                         " s of subscribing (the group join did not finish)");
            } else if (joined && now - last > timeout) {
                throw std::runtime_error("raw librdkafka: no message on " + topic + " for " +
                                         std::to_string(timeout.count()) + " s");
            }
        }
    }
};

} // namespace

side_result raw_produce(const raw_run& run, message_source& source,
                        const std::vector<event_bus::kafka_header>& headers) {
    side_result result{"librdkafka"};
    result.latency = std::make_shared<histogram>();
    producer p(run.props, nullptr, nullptr);
    // As the bus's run: one message first, so that the topic's metadata is known.
    p.produce(run.topic, source.key(0), source.payload(0, false), 0, headers);
    p.flush(run.timeout, run.topic);
    p.latency = result.latency.get();
    p.done = run.done;
    stopwatch watch;
    for (std::uint64_t n = 0; n < run.messages; ++n) {
        while (p.in_flight >= run.window)
            rd_kafka_poll(p.rk.get(), 10);
        const auto sent = now_ns();
        p.produce(run.topic, source.key(n), source.payload(sent), sent, headers);
        if (n % 64 == 0)
            rd_kafka_poll(p.rk.get(), 0);
    }
    p.flush(run.timeout, run.topic);
    result.seconds = watch.seconds();
    result.cpu_seconds = watch.cpu_seconds();
    result.messages = p.acknowledged;
    result.bytes = p.acknowledged * source.payload_bytes();
    return result;
}

side_result raw_consume(const raw_run& run, const std::vector<std::string>& topics,
                        const std::string& group) {
    side_result result{"librdkafka"};
    consumer c(run.props, group, topics, run.headers);
    stopwatch watch;
    c.consume(run.timeout, run.topic, [&](std::string_view payload) {
        if (result.messages++ == 0)
            watch.restart(); // the group join is not the consumer's speed
        result.bytes += payload.size();
        if (run.done)
            run.done->store(result.messages, std::memory_order_relaxed);
        return result.messages < run.messages;
    });
    result.seconds = watch.seconds();
    result.cpu_seconds = watch.cpu_seconds();
    return result;
}

side_result raw_roundtrip(const raw_run& run, const properties& consumer_props,
                          const std::string& group, double rate, message_source& source,
                          const std::vector<event_bus::kafka_header>& headers) {
    side_result result{"librdkafka"};
    result.latency = std::make_shared<histogram>();
    std::atomic<bool> ready{false};
    std::atomic<bool> consumer_done{false};
    std::exception_ptr consumer_failure;
    stopwatch watch;
    std::thread reader([&] {
        try {
            consumer c(consumer_props, group, {run.topic}, run.headers);
            c.consume(run.timeout, run.topic, [&](std::string_view payload) {
                const auto sent = sent_ns(payload);
                if (!sent) {
                    ready.store(true);
                    return true;
                }
                result.latency->record(now_ns() - *sent);
                result.bytes += payload.size();
                if (run.done)
                    run.done->store(result.messages + 1, std::memory_order_relaxed);
                return ++result.messages < run.messages;
            });
        } catch (...) {
            consumer_failure = std::current_exception();
        }
        consumer_done.store(true);
    });

    producer p(run.props, nullptr, nullptr);
    // Warm-up: until the consumer has its partitions, a measured message would wait for the join.
    while (!ready.load() && !consumer_done.load()) {
        p.produce(run.topic, source.key(0), source.payload(now_ns(), false), 0, headers);
        rd_kafka_poll(p.rk.get(), 100);
    }
    watch.restart();
    const pacer pace(rate, run.messages);
    std::uint64_t sent = 0;
    while (sent < run.messages && !consumer_done.load()) {
        const auto due = pace.due(pacer::clock::now());
        for (; sent < due; ++sent) {
            while (p.in_flight >= run.window)
                rd_kafka_poll(p.rk.get(), 10);
            const auto now = now_ns();
            p.produce(run.topic, source.key(sent), source.payload(now), now, headers);
        }
        rd_kafka_poll(p.rk.get(), 0);
        if (sent < run.messages)
            std::this_thread::sleep_until(pace.next_tick(pacer::clock::now()));
    }
    p.flush(run.timeout, run.topic);
    reader.join();
    result.seconds = watch.seconds();
    result.cpu_seconds = watch.cpu_seconds();
    if (consumer_failure)
        std::rethrow_exception(consumer_failure);
    return result;
}

double poll_loop_cpu_percent(const properties& props, double seconds) {
    producer p(props, nullptr, nullptr);
    const double before = thread_cpu_seconds();
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end)
        rd_kafka_poll(p.rk.get(), 1);
    return 100.0 * (thread_cpu_seconds() - before) / seconds;
}

std::string create_topics(const properties& props, const std::vector<std::string>& topics,
                          int partitions, std::chrono::seconds timeout) {
    producer p(props, nullptr, nullptr);
    std::vector<rd_kafka_NewTopic_t*> requests;
    std::array<char, 512> error{};
    for (const auto& t : topics)
        requests.push_back(
            rd_kafka_NewTopic_new(t.c_str(), partitions, -1, error.data(), error.size()));
    queue_ptr q(rd_kafka_queue_new(p.rk.get()));
    rd_kafka_CreateTopics(p.rk.get(), requests.data(), requests.size(), nullptr, q.get());
    rd_kafka_event_t* ev = rd_kafka_queue_poll(q.get(), static_cast<int>(timeout.count() * 1000));
    rd_kafka_NewTopic_destroy_array(requests.data(), requests.size());
    std::string failure;
    if (ev == nullptr) {
        failure = "no answer from the broker within " + std::to_string(timeout.count()) + " s";
    } else if (rd_kafka_event_error(ev)) {
        failure = rd_kafka_event_error_string(ev);
    } else {
        std::size_t n = 0;
        const rd_kafka_topic_result_t** results =
            rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
        for (std::size_t i = 0; i < n && failure.empty(); ++i) {
            const auto err = rd_kafka_topic_result_error(results[i]);
            if (err && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
                failure = std::string(rd_kafka_topic_result_name(results[i])) + ": " +
                          rd_kafka_err2str(err);
        }
    }
    if (ev)
        rd_kafka_event_destroy(ev);
    return failure;
}

} // namespace onex::bench
