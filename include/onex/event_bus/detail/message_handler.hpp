// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_DETAIL_MESSAGE_HANDLER_HPP
#define ONEX_EVENT_BUS_DETAIL_MESSAGE_HANDLER_HPP

#include <onex/event_bus/event_message.hpp>

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace onex::event_bus {

/// A subscriber handler: invocable with `const event_message&`, returning `void` or
/// `boost::asio::awaitable<void>`. It has failed when it throws.
template <class F>
concept message_handler_for = std::is_void_v<std::invoke_result_t<F&, const event_message&>> ||
    std::is_same_v<std::invoke_result_t<F&, const event_message&>, boost::asio::awaitable<void>>;

namespace detail {

// Keeps plain handlers apart from coroutine handlers so that a plain one is called without
// allocating a coroutine frame per message.
class message_handler {
public:
    using sync_type = std::function<void(const event_message&)>;
    using async_type = std::function<boost::asio::awaitable<void>(const event_message&)>;

    // message_handler_for rejects message_handler itself, which is not invocable.
    template <message_handler_for F>
    explicit message_handler(F&& f) { // NOLINT(bugprone-forwarding-reference-overload)
        using R = std::invoke_result_t<std::decay_t<F>&, const event_message&>;
        if constexpr (std::is_void_v<R>)
            sync_ = wrap<sync_type>(std::forward<F>(f));
        else
            async_ = wrap<async_type>(std::forward<F>(f));
    }

    bool is_async() const noexcept { return static_cast<bool>(async_); }
    void call(const event_message& m) const { sync_(m); }
    boost::asio::awaitable<void> call_async(const event_message& m) const { return async_(m); }

private:
    // std::function needs a copyable target; move-only handlers are shared instead.
    template <class Function, class F>
    static Function wrap(F&& f) {
        using D = std::decay_t<F>;
        if constexpr (std::is_copy_constructible_v<D>) {
            return Function(std::forward<F>(f));
        } else {
            auto p = std::make_shared<D>(std::forward<F>(f));
            return Function([p](const event_message& m) { return (*p)(m); });
        }
    }

    sync_type sync_;
    async_type async_;
};

} // namespace detail
} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_DETAIL_MESSAGE_HANDLER_HPP
