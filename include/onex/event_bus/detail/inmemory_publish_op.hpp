// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_DETAIL_INMEMORY_PUBLISH_OP_HPP
#define ONEX_EVENT_BUS_DETAIL_INMEMORY_PUBLISH_OP_HPP

#include <onex/event_bus/detail/subscription_state.hpp>
#include <onex/event_bus/event_message.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/append.hpp>
#include <boost/asio/associated_allocator.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/system_executor.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace onex::event_bus::detail {

class inmemory_bus_impl;

// One in-memory publish from admission to completion: the state the bus walks the subscriptions
// with and, in the derived template, the caller's handler. One allocation per publish, made with
// the handler's associated allocator.
class inmemory_publish_op {
public:
    // Frees the op, then calls the handler with `ec`: posted through `bus_executor` when called
    // from the initiating function, else right away when the handler has no executor of its
    // own (the caller runs on the bus's executor), else dispatched to that executor.
    virtual void complete(boost::system::error_code ec, bool from_initiation,
                          const boost::asio::any_io_executor& bus_executor) = 0;

    // Frees the op without calling the handler (an executor dropped the work).
    virtual void destroy() noexcept = 0;

    std::shared_ptr<inmemory_bus_impl> impl;
    std::shared_ptr<const subscription_list> subs;
    std::optional<event_message> message;
    std::size_t next = 0;

protected:
    inmemory_publish_op() = default;
    ~inmemory_publish_op() = default;
};

template <class Handler>
class inmemory_publish_op_impl final : public inmemory_publish_op {
    using allocator_type =
        typename std::allocator_traits<boost::asio::associated_allocator_t<Handler>>::
            template rebind_alloc<inmemory_publish_op_impl>;

public:
    static inmemory_publish_op* create(Handler handler) {
        allocator_type alloc(boost::asio::get_associated_allocator(handler));
        auto* p = std::allocator_traits<allocator_type>::allocate(alloc, 1);
        try {
            return ::new (static_cast<void*>(p)) inmemory_publish_op_impl(std::move(handler));
        } catch (...) {
            std::allocator_traits<allocator_type>::deallocate(alloc, p, 1);
            throw;
        }
    }

    void complete(boost::system::error_code ec, bool from_initiation,
                  const boost::asio::any_io_executor& bus_executor) override {
        // The allocator first: a moved-from handler may not have one any more (use_future's).
        allocator_type alloc(boost::asio::get_associated_allocator(handler_));
        Handler handler(std::move(handler_));
        free(alloc);
        if (from_initiation) {
            boost::asio::post(bus_executor, boost::asio::append(std::move(handler), ec));
        } else if constexpr (std::is_same_v<boost::asio::associated_executor_t<Handler>,
                                            boost::asio::system_executor>) {
            std::move(handler)(ec);
        } else {
            // Named first: the arguments' order of evaluation is unspecified.
            auto target = boost::asio::get_associated_executor(handler, bus_executor);
            boost::asio::dispatch(target, boost::asio::append(std::move(handler), ec));
        }
    }

    void destroy() noexcept override {
        free(allocator_type(boost::asio::get_associated_allocator(handler_)));
    }

private:
    explicit inmemory_publish_op_impl(Handler handler)
        : handler_(std::move(handler)) {}
    ~inmemory_publish_op_impl() = default;

    void free(allocator_type alloc) noexcept {
        this->~inmemory_publish_op_impl();
        std::allocator_traits<allocator_type>::deallocate(alloc, this, 1);
    }

    Handler handler_;
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_DETAIL_INMEMORY_PUBLISH_OP_HPP
