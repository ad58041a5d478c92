// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_RDKAFKA_QUEUE_WAKER_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_RDKAFKA_QUEUE_WAKER_HPP

#include <boost/asio/any_io_executor.hpp>

#include <cstddef>
#include <functional>
#include <memory>

// The same type as <librdkafka/rdkafka.h>'s, so that users of this header need not see librdkafka.
using rd_kafka_queue_t = struct rd_kafka_queue_s;

namespace onex::event_bus::detail {

/// Wakes an Asio executor whenever a librdkafka queue gets events, without busy polling.
///
/// librdkafka writes an 8-byte 1 to an eventfd when the queue goes from empty to non-empty
/// (`rd_kafka_queue_io_event_enable`); the waker waits for the eventfd on the executor, drains it
/// and calls `serve`, which polls librdkafka (`rd_kafka_poll(rk, 0)` or
/// `rd_kafka_consumer_poll(rk, 0)`) and so runs the delivery-report / message callbacks on the
/// executor, never on a librdkafka thread. librdkafka writes once per empty→non-empty edge only, so
/// a pass that used up its budget posts another pass instead of waiting for the eventfd again.
///
/// Passes never overlap, even on a multi-threaded io_context: each one starts the next.
/// `stop()` (and the destructor) must run on the executor (e.g. inside a handler or a `serve`
/// call) or while no thread runs it.
class rdkafka_queue_waker {
public:
    /// Serves at most `budget` events and returns how many it served. Returning fewer than `budget`
    /// means the queue is empty: the waker then waits for librdkafka's next wake-up.
    /// It should not throw: an exception leaves the executor's run() and no further pass runs.
    using serve_function = std::function<std::size_t(std::size_t budget)>;

    /// Events one pass may serve before it yields the executor to other handlers.
    static constexpr std::size_t default_budget = 1000;

    /// Enables io events on `queue` and posts a first serve pass to `executor` (events queued
    /// before enabling never cause a wake-up).
    ///
    /// `queue` must be the final forwarded-to queue: the producer's `rd_kafka_queue_get_main`, or
    /// the consumer's `rd_kafka_queue_get_consumer` after `rd_kafka_poll_set_consumer`. It is
    /// borrowed, and must outlive `stop()`. `budget` must not be zero.
    /// Throws std::invalid_argument for a null queue, an empty `serve` or a zero budget, and
    /// std::system_error when no eventfd can be created.
    rdkafka_queue_waker(const boost::asio::any_io_executor& executor, rd_kafka_queue_t* queue,
                        serve_function serve, std::size_t budget = default_budget);

    /// Calls `stop()`.
    ~rdkafka_queue_waker();

    rdkafka_queue_waker(const rdkafka_queue_waker&) = delete;
    rdkafka_queue_waker& operator=(const rdkafka_queue_waker&) = delete;

    /// Disables io events on the queue, cancels the wait and closes the eventfd; no serve pass
    /// runs afterwards. The owner may destroy the queue once this returns. Idempotent; may be
    /// called from inside `serve`.
    void stop() noexcept;

    /// Makes the waker run a serve pass soon, as librdkafka's own wake-up does: for an owner whose
    /// `serve` returned early while events remained (it was not ready for them), since
    /// librdkafka will not write again until the queue has been emptied. Same threading rule as
    /// `stop()`; no-op once stopped.
    void kick() noexcept;

    /// True once `stop()` was called.
    [[nodiscard]] bool stopped() const noexcept;

    /// The eventfd librdkafka writes to, or -1 once stopped.
    [[nodiscard]] int native_handle() const noexcept;

private:
    struct state;
    std::shared_ptr<state> state_;
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_RDKAFKA_QUEUE_WAKER_HPP
