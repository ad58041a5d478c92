// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_STRAND_CIRCUIT_BREAKER_HPP
#define ONEX_EVENT_BUS_STRAND_CIRCUIT_BREAKER_HPP

#include <onex/event_bus/circuit_breaker.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <memory>
#include <optional>

namespace onex::event_bus {

namespace detail {
class strand_breaker_impl;
}

/// A @ref circuit_breaker shared by concurrent operations: its state lives on a
/// `boost::asio::strand` over the given executor, so no mutex is taken.
///
/// Every member function posts its work to the strand and returns at once; the transition
/// callback runs on the strand. Operations keep the shared state alive, so the object may be
/// destroyed while some are pending; they complete normally. A pending active recovery ends
/// with the last owner of that state.
///
/// With active recovery, opening the circuit arms a timer that moves it to half-open (firing
/// the transition callback) after `reset_timeout`, without waiting for a check. The timer is
/// cancelled when the circuit leaves the open state first (reset, success, passive check) and
/// by @ref close.
///
/// A moved-from object may only be assigned to or destroyed. The executor's execution context
/// must outlive the object.
///
/// \par Thread safety
/// Distinct objects: safe. \n
/// Shared objects: safe, except for assignment and destruction, which must not run concurrently
/// with other calls.
class strand_circuit_breaker {
public:
    using executor_type = boost::asio::any_io_executor;

    /// `void(error_code, std::optional<std::chrono::seconds> retry_after)`.
    using check_signature = void(boost::system::error_code, std::optional<std::chrono::seconds>);

    /// `void(circuit_status)`.
    using status_signature = void(circuit_status);

    /// A closed breaker on a new strand over `ex`. `active_recovery` (default true) moves an open
    /// circuit to half-open by timer instead of at the first check after `reset_timeout`.
    /// \throws protocol_configuration_error when `options` is out of range (see
    /// @ref circuit_breaker).
    explicit strand_circuit_breaker(executor_type ex, circuit_breaker_options options = {},
                                    bool active_recovery = true);

    ~strand_circuit_breaker();
    strand_circuit_breaker(strand_circuit_breaker&&) noexcept;
    strand_circuit_breaker& operator=(strand_circuit_breaker&&) noexcept;
    strand_circuit_breaker(const strand_circuit_breaker&) = delete;
    strand_circuit_breaker& operator=(const strand_circuit_breaker&) = delete;

    /// The executor given to the constructor; completion handlers without an associated
    /// executor run on it.
    executor_type get_executor() const noexcept;

    /// The options given to the constructor (they never change).
    const circuit_breaker_options& options() const noexcept;

    bool active_recovery() const noexcept;

    /// Asks whether a request may proceed (see @ref circuit_breaker::check).
    /// \par Handler signature
    /// `void(error_code, std::optional<std::chrono::seconds> retry_after)`: success and no
    /// `retry_after` when allowed; `errc::unavailable` and the time left, truncated to whole
    /// seconds, when the circuit is open.
    /// \par Executor
    /// The handler runs on its associated executor (this object's by default), never from
    /// inside this function.
    /// \par Per-operation cancellation
    /// Not supported: the operation completes as soon as the strand runs it.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(check_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_check(CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, check_signature>(
            [](auto handler, std::shared_ptr<detail::strand_breaker_impl> impl) {
                check_erased(std::move(impl), check_handler(std::move(handler)));
            },
            token, impl_);
    }

    /// The breaker's status (see @ref circuit_breaker::status) with `active_recovery_enabled`
    /// and `active_recovery_running` set.
    /// \par Handler signature
    /// `void(circuit_status)`.
    /// \par Executor
    /// As for @ref async_check.
    /// \par Per-operation cancellation
    /// Not supported: the operation completes as soon as the strand runs it.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(status_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_status(CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, status_signature>(
            [](auto handler, std::shared_ptr<detail::strand_breaker_impl> impl) {
                status_erased(std::move(impl), status_handler(std::move(handler)));
            },
            token, impl_);
    }

    /// Counts a successful request (posted; fire-and-forget).
    void record_success();

    /// Counts a failed request (posted; fire-and-forget).
    void record_failure();

    /// Back to closed with no failures, cancelling a pending recovery (posted).
    void reset();

    /// Cancels a pending active recovery; the circuit stays as it is (posted). A later opening
    /// arms the timer again.
    void close();

    /// Replaces the transition callback, which then runs on the strand (posted, so operations
    /// requested afterwards from the same thread see it). An exception it throws is swallowed.
    void set_transition_callback(circuit_transition_callback cb);

private:
    using check_handler = boost::asio::any_completion_handler<check_signature>;
    using status_handler = boost::asio::any_completion_handler<status_signature>;

    static void check_erased(std::shared_ptr<detail::strand_breaker_impl> impl, check_handler h);
    static void status_erased(std::shared_ptr<detail::strand_breaker_impl> impl, status_handler h);

    std::shared_ptr<detail::strand_breaker_impl> impl_;
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_STRAND_CIRCUIT_BREAKER_HPP
