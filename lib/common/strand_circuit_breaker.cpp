// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/strand_circuit_breaker.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <utility>

namespace onex::event_bus {
namespace detail {

namespace asio = boost::asio;

// The shared state. Every member but the constant ones is touched only on `strand`.
class strand_breaker_impl : public std::enable_shared_from_this<strand_breaker_impl> {
public:
    strand_breaker_impl(asio::any_io_executor ex, circuit_breaker_options options,
                        bool active_recovery)
        : executor(std::move(ex))
        , strand(asio::make_strand(executor))
        , breaker(std::move(options))
        , active_recovery(active_recovery)
        , timer_(strand) {
        breaker.set_transition_callback([this](const circuit_transition& t) { on_transition(t); });
    }

    // Runs `f(impl)` on the strand, keeping the state alive until then.
    template <class F>
    static void run(std::shared_ptr<strand_breaker_impl> self, F f) {
        auto strand = self->strand;
        asio::post(strand, [self = std::move(self), f = std::move(f)]() mutable { f(*self); });
    }

    void cancel_recovery() {
        recovery_running_ = false;
        timer_.cancel();
    }

    circuit_status status() const {
        circuit_status s = breaker.status();
        s.active_recovery_enabled = active_recovery;
        s.active_recovery_running = recovery_running_;
        return s;
    }

    const asio::any_io_executor executor;
    const asio::strand<asio::any_io_executor> strand;
    circuit_breaker breaker;
    const bool active_recovery;
    circuit_transition_callback user_callback;

private:
    void on_transition(const circuit_transition& t) {
        if (t.to == circuit_state::open) {
            if (active_recovery)
                arm_recovery(*breaker.open_until());
        } else if (t.from == circuit_state::open) {
            cancel_recovery();
        }
        if (user_callback)
            user_callback(t);
    }

    void arm_recovery(circuit_breaker::time_point deadline) {
        timer_.expires_at(deadline);
        recovery_running_ = true;
        // The weak pointer lets the state die while a wait pends (destroying the timer).
        timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
            if (auto self = weak.lock(); self && !ec)
                self->recover();
        });
    }

    void recover() {
        // A wait whose success was queued before a cancel (close, reset) must do nothing.
        if (!recovery_running_)
            return;
        recovery_running_ = false;
        // The timer and the breaker read the same clock, so the deadline has passed and this
        // check moves the circuit to half-open, firing the callback. Only a stale wait, queued
        // before a re-arm, can find the circuit still open: it waits again.
        breaker.check();
        if (const auto until = breaker.open_until())
            arm_recovery(*until);
    }

    asio::steady_timer timer_;
    bool recovery_running_ = false;
};

namespace {

// The handler's executor with work counted on it from initiation to completion, so that its
// execution context does not run out of work while the strand has not run the operation yet.
template <class Handler>
auto tracked_executor(const Handler& h, const asio::any_io_executor& fallback) {
    return asio::prefer(asio::get_associated_executor(h, fallback),
                        asio::execution::outstanding_work_t::tracked);
}

} // namespace
} // namespace detail

strand_circuit_breaker::strand_circuit_breaker(executor_type ex, circuit_breaker_options options,
                                               bool active_recovery)
    : impl_(std::make_shared<detail::strand_breaker_impl>(std::move(ex), std::move(options),
                                                          active_recovery)) {}

strand_circuit_breaker::~strand_circuit_breaker() = default;
strand_circuit_breaker::strand_circuit_breaker(strand_circuit_breaker&&) noexcept = default;
strand_circuit_breaker&
strand_circuit_breaker::operator=(strand_circuit_breaker&&) noexcept = default;

strand_circuit_breaker::executor_type strand_circuit_breaker::get_executor() const noexcept {
    return impl_->executor;
}

const circuit_breaker_options& strand_circuit_breaker::options() const noexcept {
    return impl_->breaker.options();
}

bool strand_circuit_breaker::active_recovery() const noexcept {
    return impl_->active_recovery;
}

void strand_circuit_breaker::check_erased(std::shared_ptr<detail::strand_breaker_impl> impl,
                                          check_handler h) {
    auto work = detail::tracked_executor(h, impl->executor);
    detail::strand_breaker_impl::run(
        std::move(impl), [h = std::move(h), work](detail::strand_breaker_impl& self) mutable {
            const circuit_check_result r = self.breaker.check();
            const error_code ec = r.allowed ? error_code{} : make_error_code(errc::unavailable);
            // Already outside the initiating function: dispatch is enough.
            boost::asio::dispatch(work, boost::asio::append(std::move(h), ec, r.retry_after));
        });
}

void strand_circuit_breaker::status_erased(std::shared_ptr<detail::strand_breaker_impl> impl,
                                           status_handler h) {
    auto work = detail::tracked_executor(h, impl->executor);
    detail::strand_breaker_impl::run(
        std::move(impl), [h = std::move(h), work](detail::strand_breaker_impl& self) mutable {
            boost::asio::dispatch(work, boost::asio::append(std::move(h), self.status()));
        });
}

void strand_circuit_breaker::record_success() {
    detail::strand_breaker_impl::run(impl_, [](auto& self) { self.breaker.record_success(); });
}

void strand_circuit_breaker::record_failure() {
    detail::strand_breaker_impl::run(impl_, [](auto& self) { self.breaker.record_failure(); });
}

void strand_circuit_breaker::reset() {
    detail::strand_breaker_impl::run(impl_, [](auto& self) { self.breaker.reset(); });
}

void strand_circuit_breaker::close() {
    detail::strand_breaker_impl::run(impl_, [](auto& self) { self.cancel_recovery(); });
}

void strand_circuit_breaker::set_transition_callback(circuit_transition_callback cb) {
    detail::strand_breaker_impl::run(
        impl_, [cb = std::move(cb)](auto& self) mutable { self.user_callback = std::move(cb); });
}

} // namespace onex::event_bus
