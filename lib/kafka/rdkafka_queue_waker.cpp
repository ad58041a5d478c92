// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/rdkafka_queue_waker.hpp"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/system/error_code.hpp>

#include <librdkafka/rdkafka.h>

#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <sys/eventfd.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace onex::event_bus::detail {
namespace {

// eventfd accepts only 8-byte writes: a shorter payload fails with EINVAL, which librdkafka
// ignores, so every wake-up would be lost. Static, since librdkafka keeps the pointer.
constexpr std::uint64_t wake_token = 1;

int make_eventfd() {
    const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), "rdkafka_queue_waker: eventfd");
    return fd;
}

// Reads until EAGAIN, so that the next wait only completes on a wake-up written after this.
void drain(int fd) noexcept {
    std::uint64_t counter = 0;
    for (;;) {
        if (::read(fd, &counter, sizeof counter) >= 0)
            continue;
        if (errno != EINTR)
            return;
    }
}

} // namespace

struct rdkafka_queue_waker::state : std::enable_shared_from_this<state> {
    state(const boost::asio::any_io_executor& executor, rd_kafka_queue_t* q, serve_function f,
          std::size_t b)
        : descriptor(executor)
        , queue(q)
        , serve(std::move(f))
        , budget(b) {}

    boost::asio::posix::stream_descriptor descriptor;
    rd_kafka_queue_t* queue;
    serve_function serve;
    std::size_t budget;
    bool serving = false;
    bool stopped = false;

    void start(int fd) {
        boost::system::error_code ec;
        descriptor.assign(fd, ec);
        if (ec) {
            ::close(fd);
            throw std::system_error(ec, "rdkafka_queue_waker: register eventfd");
        }
        rd_kafka_queue_io_event_enable(queue, fd, &wake_token, sizeof wake_token);
        post_pass();
    }

    void post_pass() {
        boost::asio::post(descriptor.get_executor(),
                          [self = shared_from_this()] { self->serve_pass(); });
    }

    void wait() {
        descriptor.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                              [self = shared_from_this()](boost::system::error_code ec) {
                                  if (!ec)
                                      self->serve_pass();
                              });
    }

    void serve_pass() {
        if (stopped)
            return;
        drain(descriptor.native_handle());
        serving = true;
        const std::size_t served = serve(budget);
        serving = false;
        if (stopped) {
            serve = nullptr;
            return;
        }
        // librdkafka writes only when the queue turns non-empty; waiting while events remain
        // would stall until some unrelated event arrives.
        if (served >= budget)
            post_pass();
        else
            wait();
    }

    void stop() noexcept {
        if (stopped)
            return;
        stopped = true;
        // Before closing: librdkafka must not write to the fd number once it can be reused.
        rd_kafka_queue_io_event_enable(queue, -1, nullptr, 0);
        boost::system::error_code ignored;
        descriptor.cancel(ignored);
        descriptor.close(ignored);
        // Drops what `serve` holds (perhaps the owner itself) even while the cancelled wait
        // keeps this state alive; inside `serve`, the pass does it on return.
        if (!serving)
            serve = nullptr;
    }
};

rdkafka_queue_waker::rdkafka_queue_waker(const boost::asio::any_io_executor& executor,
                                         rd_kafka_queue_t* queue, serve_function serve,
                                         std::size_t budget) {
    if (queue == nullptr)
        throw std::invalid_argument("rdkafka_queue_waker: queue must not be null");
    if (!serve)
        throw std::invalid_argument("rdkafka_queue_waker: serve must not be empty");
    if (budget == 0)
        throw std::invalid_argument("rdkafka_queue_waker: budget must not be zero");
    state_ = std::make_shared<state>(executor, queue, std::move(serve), budget);
    state_->start(make_eventfd());
}

rdkafka_queue_waker::~rdkafka_queue_waker() {
    stop();
}

void rdkafka_queue_waker::stop() noexcept {
    state_->stop();
}

void rdkafka_queue_waker::kick() noexcept {
    if (!state_->stopped)
        ::eventfd_write(state_->descriptor.native_handle(), wake_token);
}

bool rdkafka_queue_waker::stopped() const noexcept {
    return state_->stopped;
}

int rdkafka_queue_waker::native_handle() const noexcept {
    return state_->descriptor.is_open() ? state_->descriptor.native_handle() : -1;
}

} // namespace onex::event_bus::detail
