// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "../common/embedded_cluster.hpp"
#include "fault_plan.hpp"
#include "soak_run.hpp"

#include <onex/event_bus/kafka_event_bus.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace onex::soak {
namespace {

namespace asio = boost::asio;
namespace eb = onex::event_bus;
using clock = std::chrono::steady_clock;

constexpr std::string_view topic = "soak.events";
constexpr std::string_view dead_letter_topic = "soak.dlq";
constexpr std::string_view group = "soak";
constexpr std::string_view audit_group = "soak-audit";
constexpr auto progress_interval = std::chrono::seconds(10);

constexpr auto tuple = asio::as_tuple(asio::use_awaitable);

// A stable pseudo-random spread of ids, so that failing messages are the same in every run.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31U);
}

std::optional<std::uint64_t> parse_id(std::string_view text) {
    std::uint64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return id;
}

// The dead-letter record keeps the original key: that is the id.
std::optional<std::uint64_t> dead_letter_id(std::string_view payload) {
    boost::system::error_code ec;
    const auto v = boost::json::parse(payload, ec);
    if (ec || !v.is_object())
        return std::nullopt;
    const auto* original = v.as_object().if_contains("original_message");
    const auto* topic_name = v.as_object().if_contains("original_topic");
    if (!original || !original->is_object() || !topic_name || !topic_name->is_string() ||
        topic_name->as_string() != topic)
        return std::nullopt;
    const auto* key = original->as_object().if_contains("key");
    if (!key || !key->is_string())
        return std::nullopt;
    return parse_id(key->as_string());
}

// Tuned for the mock cluster (see test/common/mock_cluster.hpp) and for retries that do not
// stall the group, which handles one message at a time: a failing message waits about
// 2 + 4 + 8 ms before it is dead-lettered (the default base, 1 s, would wait 7 s).
// The embedded cluster's settings, with the soak's own: a 5 s publish timeout (shorter than the
// all-brokers-down fault, so that the publish circuit opens), fast retries, a circuit that
// half-opens after 2 s, room for handlers stalled by the faults, batches of 5 ms, and a slower
// reconnect while brokers are down.
eb::kafka_config soak_config(const std::string& servers, const settings& s) {
    eb::kafka_config c = apps::embedded_cluster_config(servers);
    c.environment = "soak";
    c.group = std::string(group);
    c.timeout_seconds = 5;
    c.max_retry_attempts = 3;
    c.retry_backoff_base = 0.002;
    c.circuit_breaker_threshold = 5;
    c.circuit_breaker_reset_timeout = 2.0;
    c.max_poll_interval_ms = 60000;
    c.reconnect_backoff_max_ms = 500;
    c.dead_letter_topic = std::string(dead_letter_topic);
    c.enable_idempotence = s.idempotence;
    c.librdkafka["linger.ms"] = "5";
    c.validate();
    return c;
}

std::string payload_for(std::uint64_t id, int bytes) {
    std::string p = "{\"id\":" + std::to_string(id) + ",\"pad\":\"";
    const auto room = static_cast<std::size_t>(bytes) - std::min<std::size_t>(p.size() + 2, bytes);
    p.append(room, 'x');
    p += "\"}";
    return p;
}

std::string describe(const std::exception_ptr& ep) {
    try {
        std::rethrow_exception(ep);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown exception";
    }
}

class soak {
public:
    explicit soak(const settings& s)
        : s_(s)
        , cluster_(s.brokers)
        , ledger_(s.messages)
        , first_call_seen_(s.messages, false)
        , wake_(ioc_)
        , pace_(ioc_)
        , fault_timer_(ioc_)
        , progress_timer_(ioc_) {
        cluster_.create_topic(std::string(topic), s.partitions);
        cluster_.create_topic(std::string(dead_letter_topic), 3);
        config_ = soak_config(cluster_.bootstrap_servers(), s);
        log_ = std::make_shared<eb::logger>(
            eb::log_level::info, [this](eb::log_level l, std::string_view m) { on_log(l, m); });
    }

    soak_result run() {
        begin_ = clock::now();
        deadline_ = begin_ + to_duration(s_.deadline_seconds());
        bool finished = false;
        try {
            producer_.emplace(ioc_, config_, log_);
            audit_ =
                producer_->subscribe(dead_letter_topic, audit_group,
                                     [this](const eb::event_message& m) { on_dead_letter(m); });
            asio::co_spawn(ioc_, main(), [this, &finished](const std::exception_ptr& ep) {
                if (ep)
                    fail(describe(ep));
                finished = true;
            });
            // The buses keep the context busy until they are closed; the margin covers closing.
            ioc_.run_until(deadline_ + std::chrono::seconds(60));
        } catch (const std::exception& e) {
            fail(e.what());
        }
        if (!finished)
            fail("the run did not stop within --max-seconds + 60 s");
        soak_result r;
        r.sums = ledger_.sum([this](std::uint64_t id) { return failing(id); });
        r.faults = faults_;
        r.breaker_transitions = transitions_;
        r.seconds = seconds_since_begin();
        r.drained = drained_;
        r.error = error_;
        if (r.sums.lost > 0) {
            try {
                r.lost_in_log =
                    find_in_log(cluster_.bootstrap_servers(), std::string(topic), s_.partitions,
                                r.sums.lost_ids, std::chrono::seconds(120));
            } catch (const std::exception& e) {
                r.forensics_error = e.what();
            }
        }
        return r;
    }

private:
    static clock::duration to_duration(double seconds) {
        return std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(seconds));
    }
    double seconds_since_begin() const {
        return std::chrono::duration<double>(clock::now() - begin_).count();
    }

    bool failing(std::uint64_t id) const {
        return mix(id) % 1000 < static_cast<std::uint64_t>(s_.failing_permille);
    }
    bool flaky(std::uint64_t id) const {
        const auto r = mix(id) % 1000;
        return r >= static_cast<std::uint64_t>(s_.failing_permille) &&
               r < static_cast<std::uint64_t>(s_.failing_permille + s_.flaky_permille);
    }

    void fail(const std::string& what) {
        if (error_.empty())
            error_ = what;
    }

    void on_log(eb::log_level level, std::string_view message) {
        const std::lock_guard lock(log_mutex_);
        if (message.starts_with("Circuit"))
            transitions_.push_back({seconds_since_begin(), std::string(message)});
        if (s_.verbose && level >= eb::log_level::warning)
            std::fprintf(stderr, "[%7.2fs] %s: %.*s\n", seconds_since_begin(),
                         std::string(eb::to_string(level)).c_str(),
                         static_cast<int>(message.size()), message.data());
    }

    // Whatever a waiter waits for may have changed.
    void notify() { wake_.cancel(); }

    // Waits until `done()` holds, re-checked whenever notify() is called, or until `until`.
    asio::awaitable<bool> wait_until(std::function<bool()> done, clock::time_point until) {
        while (!done()) {
            if (clock::now() >= until)
                co_return false;
            wake_.expires_at(until);
            co_await wake_.async_wait(tuple);
        }
        co_return true;
    }

    void on_message(const eb::event_message& m) {
        const auto id = m.key() ? parse_id(*m.key()) : std::nullopt;
        if (!id || *id >= s_.messages) {
            ledger_.foreign();
            return;
        }
        if (failing(*id)) {
            ledger_.handler_failed();
            throw std::runtime_error("soak: message " + std::to_string(*id) + " always fails");
        }
        if (flaky(*id) && !first_call_seen_[*id]) {
            first_call_seen_[*id] = true;
            ledger_.handler_failed();
            throw std::runtime_error("soak: message " + std::to_string(*id) +
                                     " fails on its first call");
        }
        ledger_.consumed(*id);
        notify();
    }

    void on_dead_letter(const eb::event_message& m) {
        if (const auto id = dead_letter_id(m.value()))
            ledger_.dead_lettered(*id);
        else
            ledger_.foreign();
        notify();
    }

    void publish(std::uint64_t id) {
        ledger_.published(id);
        // The diagnostics say why a publish failed; the error code alone says only how.
        auto diag = std::make_unique<eb::diagnostics>();
        auto& d = *diag;
        eb::event_headers headers; // fresh ids and time; what the bus would fill in itself
        headers.source = config_.environment;
        headers.event_type = topic;
        producer_->async_publish(topic, std::to_string(id), payload_for(id, s_.payload_bytes),
                                 headers, d,
                                 [this, id, diag = std::move(diag)](boost::system::error_code ec) {
                                     if (ec)
                                         ledger_.failed(id, ec.message() + ": " + diag->message);
                                     else
                                         ledger_.acknowledged(id);
                                     notify();
                                 });
    }

    asio::awaitable<boost::system::error_code> start_consumer() {
        consumer_.emplace(ioc_, config_, log_);
        consumer_sub_ = consumer_->subscribe(topic, group,
                                             [this](const eb::event_message& m) { on_message(m); });
        auto [ec] = co_await consumer_->async_start(tuple);
        co_return ec;
    }

    asio::awaitable<void> restart_consumer() {
        restarting_ = true;
        if (consumer_) {
            co_await consumer_->async_close(tuple);
            consumer_sub_ = {};
            consumer_.reset();
        }
        const auto started = co_await start_consumer();
        if (started)
            fail("the restarted consumer did not start: " + started.message());
        restarting_ = false;
        notify();
    }

    asio::awaitable<void> run_faults() {
        fault_plan_options options;
        options.brokers = s_.brokers;
        options.cycles = std::max(1, static_cast<int>(s_.publish_seconds() / fault_cycle_seconds));
        options.produce_errors = s_.produce_errors;
        auto plan = make_fault_plan(cluster_.get(), options, [this] {
            asio::co_spawn(ioc_, restart_consumer(), [this](const std::exception_ptr& ep) {
                if (ep)
                    fail("consumer restart: " + describe(ep));
            });
        });
        for (auto& f : plan) {
            fault_timer_.expires_at(publish_begin_ + to_duration(f.at));
            co_await fault_timer_.async_wait(tuple);
            if (stopping_)
                break;
            faults_.push_back({seconds_since_begin(), f.what});
            std::fprintf(stderr, "[%7.2fs] fault: %s\n", seconds_since_begin(), f.what.c_str());
            f.apply();
        }
        faults_done_ = true;
        notify();
    }

    asio::awaitable<void> report_progress() {
        while (!stopping_) {
            progress_timer_.expires_after(progress_interval);
            co_await progress_timer_.async_wait(tuple);
            if (stopping_)
                break;
            const auto t = ledger_.sum([](std::uint64_t) { return false; });
            std::fprintf(stderr,
                         "[%7.2fs] published %llu, acknowledged %llu, failed %llu | consumed %llu, "
                         "dead-lettered %llu | not yet accounted for %llu\n",
                         seconds_since_begin(), static_cast<unsigned long long>(t.published),
                         static_cast<unsigned long long>(t.acknowledged),
                         static_cast<unsigned long long>(t.failed),
                         static_cast<unsigned long long>(t.consumed),
                         static_cast<unsigned long long>(t.dead_lettered),
                         static_cast<unsigned long long>(ledger_.unaccounted()));
        }
    }

    asio::awaitable<void> publish_all() {
        std::uint64_t next = 0;
        while (next < s_.messages && clock::now() < deadline_) {
            const double seconds =
                std::chrono::duration<double>(clock::now() - publish_begin_).count();
            const auto due = std::min<std::uint64_t>(
                s_.messages, static_cast<std::uint64_t>(std::floor(seconds * s_.rate)) + 1);
            for (; next < due; ++next)
                publish(next);
            pace_.expires_after(std::chrono::milliseconds(5));
            co_await pace_.async_wait(tuple);
        }
    }

    asio::awaitable<void> close_buses() {
        while (restarting_)
            co_await wait_until([this] { return !restarting_; },
                                clock::now() + std::chrono::seconds(30));
        if (consumer_)
            co_await consumer_->async_close(tuple);
        co_await producer_->async_close(tuple);
    }

    // Waits for the consumers to account for every acknowledged message. A consumer that is
    // behind but catching up is not losing anything: each drain window in which the backlog
    // shrank grants another; the run stops at the first window without progress (or the
    // deadline), and what is unaccounted for then is lost.
    asio::awaitable<bool> drain() {
        const auto done = [this] {
            return ledger_.unaccounted() == 0 && faults_done_ && !restarting_;
        };
        auto backlog = ledger_.unaccounted();
        for (;;) {
            const auto until = std::min(deadline_, clock::now() + to_duration(s_.drain_seconds));
            if (co_await wait_until(done, until))
                co_return true;
            const auto now_backlog = ledger_.unaccounted();
            if (clock::now() >= deadline_ || now_backlog >= backlog)
                co_return now_backlog == 0;
            backlog = now_backlog;
        }
    }

    asio::awaitable<void> main() {
        auto start = producer_->async_start(tuple);
        const auto [started] = co_await std::move(start);
        if (started) {
            fail("the publishing bus did not start: " + started.message());
            co_return;
        }
        const auto consumer_started = co_await start_consumer();
        if (consumer_started) {
            fail("the consuming bus did not start: " + consumer_started.message());
            co_await producer_->async_close(tuple);
            co_return;
        }
        publish_begin_ = clock::now();
        auto on_error = [this](const std::exception_ptr& ep) {
            if (ep)
                fail(describe(ep));
        };
        asio::co_spawn(ioc_, run_faults(), on_error);
        asio::co_spawn(ioc_, report_progress(), on_error);
        co_await publish_all();
        co_await wait_until([this] { return ledger_.publishes_pending() == 0; }, deadline_);
        drained_ = co_await drain();
        stopping_ = true;
        fault_timer_.cancel();
        progress_timer_.cancel();
        // A run cut short by its deadline may have left faults in place.
        for (std::int32_t id = 1; id <= s_.brokers; ++id) {
            rd_kafka_mock_broker_set_up(cluster_.get(), id);
            rd_kafka_mock_broker_set_rtt(cluster_.get(), id, 0);
        }
        co_await close_buses();
    }

    settings s_;
    apps::embedded_cluster cluster_;
    asio::io_context ioc_;
    eb::kafka_config config_;
    std::shared_ptr<eb::logger> log_;
    ledger ledger_;
    std::vector<bool> first_call_seen_;
    std::optional<eb::kafka_event_bus> producer_;
    std::optional<eb::kafka_event_bus> consumer_;
    eb::subscription audit_;
    eb::subscription consumer_sub_;
    asio::steady_timer wake_;
    asio::steady_timer pace_;
    asio::steady_timer fault_timer_;
    asio::steady_timer progress_timer_;
    clock::time_point begin_;
    clock::time_point publish_begin_;
    clock::time_point deadline_;
    std::mutex log_mutex_;
    std::vector<timed_event> faults_;
    std::vector<timed_event> transitions_;
    std::string error_;
    bool restarting_ = false;
    bool faults_done_ = false;
    bool stopping_ = false;
    bool drained_ = false;
};

} // namespace

soak_result run_soak(const settings& s) {
    soak run(s);
    return run.run();
}

} // namespace onex::soak
