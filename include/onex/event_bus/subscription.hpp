// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_SUBSCRIPTION_HPP
#define ONEX_EVENT_BUS_SUBSCRIPTION_HPP

#include <onex/event_bus/detail/subscription_state.hpp>

#include <boost/asio/async_result.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/system/error_code.hpp>

#include <memory>
#include <string>

namespace onex::event_bus {

/// The handle `subscribe` returns. Destroying it unsubscribes, so keep it for as long as the
/// handler should receive messages. Move-only.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: unsafe (but the bus it came from may be used
/// concurrently with it).
class subscription {
public:
    /// An empty handle, subscribed to nothing.
    subscription() noexcept = default;

    explicit subscription(std::shared_ptr<detail::subscription_state> state) noexcept
        : state_(std::move(state)) {}

    subscription(subscription&&) noexcept = default;
    subscription& operator=(subscription&& other) noexcept;
    subscription(const subscription&) = delete;
    subscription& operator=(const subscription&) = delete;

    ~subscription() { unsubscribe(); }

    /// Removes the subscription. Safe to call twice, on an empty handle, after the bus closed, or
    /// from inside the handler itself. After it returns no new call of the handler begins; a call
    /// already running on another thread may still be finishing (use @ref async_unsubscribe to
    /// wait for it).
    void unsubscribe() noexcept;

    /// Removes the subscription and completes once no call of the handler is running anymore.
    ///
    /// \par Handler signature
    /// `void(boost::system::error_code)`, always success.
    /// \par Executor
    /// The completion runs on the handler's associated executor, by default the bus's; it is never
    /// invoked from inside this function.
    /// \par Per-operation cancellation
    /// Not supported: the subscription is removed at once; only the wait for a running handler
    /// remains, and it ends when that handler returns.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_unsubscribe(CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [](auto handler, std::shared_ptr<detail::subscription_state> s) {
                async_unsubscribe_erased(std::move(s), std::move(handler));
            },
            token, state_);
    }

    /// True until @ref unsubscribe is called or the bus is closed.
    bool active() const noexcept { return state_ && state_->active.load(); }

    /// The subscribed topic ("" for an empty handle).
    const std::string& topic() const noexcept;

    /// The group id given to `subscribe` ("" for an empty handle).
    const std::string& group_id() const noexcept;

private:
    static void async_unsubscribe_erased(std::shared_ptr<detail::subscription_state> s,
                                         detail::subscription_state::waiter handler);

    std::shared_ptr<detail::subscription_state> state_;
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_SUBSCRIPTION_HPP
