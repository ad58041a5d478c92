// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/rdkafka_queue_waker.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/eventfd.h>
#include <thread>
#include <unistd.h>
#include <utility>

using onex::event_bus::detail::rdkafka_queue_waker;
using namespace std::chrono_literals;

namespace {

constexpr int message_count = 10000;
constexpr auto guard_time = 30s;

// Written by the delivery-report callback; atomics, so that a report served on a librdkafka thread
// is counted as such instead of being a data race.
struct delivery_log {
    std::thread::id io_thread = std::this_thread::get_id();
    std::atomic<int> delivered{0};
    std::atomic<int> failed{0};
    std::atomic<int> off_thread{0};
};

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
    auto& log = *static_cast<delivery_log*>(opaque);
    if (std::this_thread::get_id() != log.io_thread)
        ++log.off_thread;
    ++(message->err == RD_KAFKA_RESP_ERR_NO_ERROR ? log.delivered : log.failed);
}

void set(rd_kafka_conf_t* conf, const char* name, const char* value) {
    std::array<char, 512> error{};
    BOOST_REQUIRE_MESSAGE(rd_kafka_conf_set(conf, name, value, error.data(), error.size()) ==
                              RD_KAFKA_CONF_OK,
                          error.data());
}

// A producer against an in-process mock cluster, with its main queue (where delivery reports land).
struct mock_producer {
    explicit mock_producer(delivery_log& log, const char* linger_ms = "5") {
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        set(conf, "test.mock.num.brokers", "1");
        set(conf, "linger.ms", linger_ms);
        set(conf, "log_level", "3");
        rd_kafka_conf_set_dr_msg_cb(conf, &on_delivery);
        rd_kafka_conf_set_opaque(conf, &log);
        std::array<char, 512> error{};
        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error.data(), error.size());
        if (rk == nullptr)
            rd_kafka_conf_destroy(conf);
        BOOST_REQUIRE_MESSAGE(rk != nullptr, error.data());
        BOOST_REQUIRE_EQUAL(rd_kafka_mock_topic_create(rd_kafka_handle_mock_cluster(rk), "t", 1, 1),
                            RD_KAFKA_RESP_ERR_NO_ERROR);
        main_queue = rd_kafka_queue_get_main(rk);
    }
    ~mock_producer() {
        rd_kafka_queue_destroy(main_queue);
        rd_kafka_flush(rk, 10000);
        rd_kafka_destroy(rk);
    }
    mock_producer(const mock_producer&) = delete;
    mock_producer& operator=(const mock_producer&) = delete;

    void produce(int count) const {
        static constexpr std::string_view payload = "payload";
        for (int i = 0; i < count; ++i) {
            const auto err = rd_kafka_producev(
                rk, RD_KAFKA_V_TOPIC("t"), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_VALUE(const_cast<char*>(payload.data()), payload.size()),
                RD_KAFKA_V_END);
            BOOST_REQUIRE_EQUAL(err, RD_KAFKA_RESP_ERR_NO_ERROR);
        }
    }

    // What the bus will do: rd_kafka_poll until it serves nothing or the budget is used.
    std::size_t poll(std::size_t budget) const {
        std::size_t served = 0;
        while (served < budget) {
            const int n = rd_kafka_poll(rk, 0);
            if (n <= 0)
                break;
            served += static_cast<std::size_t>(n);
        }
        return served;
    }

    rd_kafka_t* rk = nullptr;
    rd_kafka_queue_t* main_queue = nullptr;
};

// A queue nobody but the test touches: librdkafka never enqueues to it, so it only wakes the waker
// through rd_kafka_queue_yield.
struct private_queue {
    private_queue()
        : queue(rd_kafka_queue_new(producer.rk)) {}
    ~private_queue() { rd_kafka_queue_destroy(queue); }
    private_queue(const private_queue&) = delete;
    private_queue& operator=(const private_queue&) = delete;

    delivery_log log;
    mock_producer producer{log};
    rd_kafka_queue_t* queue;
};

// Signals when librdkafka enqueues to an empty queue (its callback runs on a librdkafka thread);
// the callback is switched off again on destruction or after the wait.
class queue_became_non_empty {
public:
    explicit queue_became_non_empty(rd_kafka_queue_t* q)
        : queue_(q) {
        rd_kafka_queue_cb_event_enable(queue_, &on_event, this);
    }
    ~queue_became_non_empty() { disable(); }
    queue_became_non_empty(const queue_became_non_empty&) = delete;
    queue_became_non_empty& operator=(const queue_became_non_empty&) = delete;

    bool wait_for(std::chrono::seconds limit) {
        std::unique_lock lock(mutex_);
        const bool signalled = cv_.wait_for(lock, limit, [this] { return signalled_; });
        lock.unlock();
        disable();
        return signalled;
    }

private:
    static void on_event(rd_kafka_t*, void* opaque) {
        auto* self = static_cast<queue_became_non_empty*>(opaque);
        const std::lock_guard lock(self->mutex_);
        self->signalled_ = true;
        self->cv_.notify_all();
    }
    void disable() {
        if (queue_ != nullptr)
            rd_kafka_queue_cb_event_enable(std::exchange(queue_, nullptr), nullptr, nullptr);
    }

    rd_kafka_queue_t* queue_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool signalled_ = false;
};

// Pretends to serve a backlog of `pending` events, `budget` at a time.
struct fake_backlog {
    std::size_t pending = 0;
    int passes = 0;

    std::size_t serve(std::size_t budget) {
        ++passes;
        const std::size_t served = std::min(budget, pending);
        pending -= served;
        return served;
    }
};

// Read through /proc, since fcntl would also succeed on the number reused by another open file.
bool is_eventfd(int fd) {
    std::array<char, 64> target{};
    const std::string link = "/proc/self/fd/" + std::to_string(fd);
    const auto n = ::readlink(link.c_str(), target.data(), target.size() - 1);
    return n > 0 &&
           std::string_view(target.data(), static_cast<std::size_t>(n)) == "anon_inode:[eventfd]";
}

bool message_is(const std::exception& e, std::string_view expected) {
    return e.what() == expected;
}

// Produces message_count messages and serves their reports through a waker with `budget`.
void produce_and_serve_all(std::size_t budget) {
    boost::asio::io_context ioc;
    delivery_log log;
    mock_producer producer(log);
    rdkafka_queue_waker waker(
        ioc.get_executor(), producer.main_queue,
        [&](std::size_t b) {
            const std::size_t served = producer.poll(b);
            if (log.delivered + log.failed == message_count)
                ioc.stop();
            return served;
        },
        budget);
    producer.produce(message_count);
    ioc.run_for(guard_time);
    waker.stop();
    BOOST_TEST(log.delivered == message_count);
    BOOST_TEST(log.failed == 0);
    BOOST_TEST(log.off_thread == 0);
}

} // namespace

BOOST_AUTO_TEST_SUITE(test_rdkafka_queue_waker)

BOOST_DATA_TEST_CASE(every_delivery_report_is_served_on_the_io_thread,
                     boost::unit_test::data::make({std::size_t{7}, std::size_t{64},
                                                   rdkafka_queue_waker::default_budget}),
                     budget) {
    produce_and_serve_all(budget);
}

BOOST_AUTO_TEST_CASE(reports_queued_before_the_waker_exists_are_served) {
    boost::asio::io_context ioc;
    delivery_log log;
    // A long linger keeps the messages in the partition queue, where the purge fails them.
    mock_producer producer(log, "60000");
    // Fewer than batch.num.messages (10000), so that no full batch leaves before the purge.
    constexpr int purged_count = 1000;
    producer.produce(purged_count);
    // The purge fails the reports on a broker thread: wait (on librdkafka's own queue callback,
    // switched off before the waker enables io events) until some are on the main queue.
    queue_became_non_empty signal(producer.main_queue);
    BOOST_REQUIRE_EQUAL(rd_kafka_purge(producer.rk, RD_KAFKA_PURGE_F_QUEUE),
                        RD_KAFKA_RESP_ERR_NO_ERROR);
    BOOST_REQUIRE(signal.wait_for(guard_time));
    BOOST_REQUIRE_GT(rd_kafka_queue_length(producer.main_queue), 0U);
    rdkafka_queue_waker waker(ioc.get_executor(), producer.main_queue, [&](std::size_t budget) {
        const std::size_t served = producer.poll(budget);
        if (log.failed == purged_count)
            ioc.stop();
        return served;
    });
    ioc.run_for(guard_time);
    waker.stop();
    BOOST_TEST(log.failed == purged_count);
    BOOST_TEST(log.delivered == 0);
    BOOST_TEST(log.off_thread == 0);
}

BOOST_AUTO_TEST_CASE(a_pass_that_uses_its_budget_posts_the_next_instead_of_waiting) {
    boost::asio::io_context ioc;
    private_queue q;
    fake_backlog backlog{.pending = 100};
    rdkafka_queue_waker waker(
        ioc.get_executor(), q.queue, [&](std::size_t b) { return backlog.serve(b); }, 7);
    // Nothing writes the eventfd: a waker that waited after a full pass would leave work undone.
    ioc.poll();
    BOOST_TEST(backlog.pending == 0U);
    BOOST_TEST(backlog.passes == 100 / 7 + 1);
}

BOOST_AUTO_TEST_CASE(an_idle_waker_serves_only_when_librdkafka_wakes_it) {
    boost::asio::io_context ioc;
    private_queue q;
    int passes = 0;
    rdkafka_queue_waker waker(ioc.get_executor(), q.queue, [&](std::size_t) {
        ++passes;
        ioc.stop();
        return std::size_t{0};
    });
    ioc.poll();
    BOOST_TEST(passes == 1); // the pass right after enabling
    ioc.restart();
    ioc.poll();
    BOOST_TEST(passes == 1);

    rd_kafka_queue_yield(q.queue); // writes the io event, the queue being empty
    ioc.restart();
    ioc.run_for(guard_time);
    BOOST_TEST(passes == 2);

    // The wake-up was drained, so the wait does not complete again by itself.
    ioc.restart();
    ioc.poll();
    BOOST_TEST(passes == 2);
}

BOOST_AUTO_TEST_CASE(stop_before_the_first_pass_prevents_it) {
    boost::asio::io_context ioc;
    private_queue q;
    int passes = 0;
    rdkafka_queue_waker waker(ioc.get_executor(), q.queue, [&](std::size_t) {
        ++passes;
        return std::size_t{0};
    });
    waker.stop();
    ioc.poll();
    BOOST_TEST(passes == 0);
}

BOOST_AUTO_TEST_CASE(after_stop_nothing_is_served_and_the_eventfd_is_closed) {
    boost::asio::io_context ioc;
    delivery_log log;
    mock_producer producer(log);
    int passes = 0;
    int expected = 100;
    rdkafka_queue_waker waker(ioc.get_executor(), producer.main_queue, [&](std::size_t budget) {
        ++passes;
        const std::size_t served = producer.poll(budget);
        if (log.delivered == expected)
            ioc.stop();
        return served;
    });
    const int fd = waker.native_handle();
    BOOST_REQUIRE(is_eventfd(fd));
    producer.produce(expected);
    ioc.run_for(guard_time);
    BOOST_REQUIRE_EQUAL(log.delivered, expected);

    waker.stop();
    BOOST_TEST(waker.stopped());
    BOOST_TEST(waker.native_handle() == -1);
    BOOST_TEST(!is_eventfd(fd));

    const int passes_at_stop = passes;
    expected = 2 * expected;
    producer.produce(100);
    rd_kafka_queue_yield(producer.main_queue);
    ioc.restart();
    ioc.poll();
    BOOST_TEST(passes == passes_at_stop);
    BOOST_TEST(log.delivered == 100);
}

BOOST_AUTO_TEST_CASE(a_disabled_queue_no_longer_writes_to_the_old_descriptor) {
    boost::asio::io_context ioc;
    private_queue q;
    rdkafka_queue_waker waker(ioc.get_executor(), q.queue,
                              [](std::size_t) { return std::size_t{0}; });
    ioc.poll();
    waker.stop();
    // Whatever gets the closed number next must not receive librdkafka's wake-ups.
    const int probe = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    BOOST_REQUIRE_GE(probe, 0);
    rd_kafka_queue_yield(q.queue);
    std::uint64_t counter = 0;
    BOOST_TEST(::read(probe, &counter, sizeof counter) == -1);
    BOOST_TEST(errno == EAGAIN);
    ::close(probe);
}

BOOST_AUTO_TEST_CASE(stop_from_inside_serve_ends_the_passes) {
    boost::asio::io_context ioc;
    private_queue q;
    fake_backlog backlog{.pending = 100};
    rdkafka_queue_waker* self = nullptr;
    rdkafka_queue_waker waker(
        ioc.get_executor(), q.queue,
        [&](std::size_t b) {
            const std::size_t served = backlog.serve(b);
            if (backlog.passes == 3)
                self->stop();
            return served;
        },
        7);
    self = &waker;
    ioc.poll();
    BOOST_TEST(backlog.passes == 3);
    BOOST_TEST(backlog.pending == 100U - 3 * 7);
    BOOST_TEST(waker.stopped());
}

BOOST_AUTO_TEST_CASE(a_null_queue_is_rejected) {
    boost::asio::io_context ioc;
    BOOST_CHECK_EXCEPTION(rdkafka_queue_waker(ioc.get_executor(), nullptr,
                                              [](std::size_t) { return std::size_t{0}; }),
                          std::invalid_argument, [](const auto& e) {
                              return message_is(e, "rdkafka_queue_waker: queue must not be null");
                          });
}

BOOST_AUTO_TEST_CASE(an_empty_serve_is_rejected) {
    boost::asio::io_context ioc;
    private_queue q;
    BOOST_CHECK_EXCEPTION(rdkafka_queue_waker(ioc.get_executor(), q.queue, {}),
                          std::invalid_argument, [](const auto& e) {
                              return message_is(e, "rdkafka_queue_waker: serve must not be empty");
                          });
}

BOOST_AUTO_TEST_CASE(a_zero_budget_is_rejected) {
    boost::asio::io_context ioc;
    private_queue q;
    BOOST_CHECK_EXCEPTION(
        rdkafka_queue_waker(
            ioc.get_executor(), q.queue, [](std::size_t) { return std::size_t{0}; }, 0),
        std::invalid_argument, [](const auto& e) {
            return message_is(e, "rdkafka_queue_waker: budget must not be zero");
        });
}

BOOST_AUTO_TEST_CASE(a_kick_runs_a_pass_without_a_librdkafka_wake_up) {
    boost::asio::io_context ioc;
    private_queue q;
    int passes = 0;
    rdkafka_queue_waker waker(ioc.get_executor(), q.queue, [&](std::size_t) {
        ++passes;
        return std::size_t{0};
    });
    ioc.poll();
    BOOST_TEST(passes == 1); // the pass right after enabling
    ioc.restart();
    ioc.poll();
    BOOST_TEST(passes == 1); // nothing woke it

    waker.kick();
    ioc.restart();
    ioc.run_one_for(guard_time);
    BOOST_TEST(passes == 2);

    waker.stop();
    waker.kick(); // a no-op once stopped
    ioc.restart();
    ioc.poll();
    BOOST_TEST(passes == 2);
}

BOOST_AUTO_TEST_SUITE_END()
