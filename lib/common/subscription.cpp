// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/subscription.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/system_executor.hpp>

#include <utility>

namespace onex::event_bus {
namespace detail {

namespace {
void complete(const boost::asio::any_io_executor& ex, subscription_state::waiter w) {
    boost::asio::post(ex, boost::asio::append(std::move(w), boost::system::error_code{}));
}
} // namespace

void subscription_state::end_call() noexcept {
    if (in_flight.fetch_sub(1) != 1 || active.load())
        return;
    std::vector<waiter> ready;
    {
        std::lock_guard lock(waiters_mutex);
        ready.swap(waiters);
    }
    for (auto& w : ready)
        complete(executor, std::move(w));
}

void subscription_state::wait_idle(waiter w) {
    {
        std::lock_guard lock(waiters_mutex);
        if (in_flight.load() != 0) {
            waiters.push_back(std::move(w));
            return;
        }
    }
    complete(executor, std::move(w));
}

} // namespace detail

subscription& subscription::operator=(subscription&& other) noexcept {
    if (this != &other) {
        unsubscribe();
        state_ = std::move(other.state_);
    }
    return *this;
}

void subscription::unsubscribe() noexcept {
    if (!state_)
        return;
    state_->deactivate();
    if (auto owner = state_->owner.lock())
        owner->remove(state_);
}

const std::string& subscription::topic() const noexcept {
    static const std::string none;
    return state_ ? state_->topic : none;
}

const std::string& subscription::group_id() const noexcept {
    static const std::string none;
    return state_ ? state_->group_id : none;
}

void subscription::async_unsubscribe_erased(std::shared_ptr<detail::subscription_state> s,
                                            detail::subscription_state::waiter handler) {
    if (!s) {
        // An empty handle has no executor of its own: complete on the handler's.
        boost::asio::post(boost::asio::system_executor(),
                          boost::asio::append(std::move(handler), boost::system::error_code{}));
        return;
    }
    s->deactivate();
    if (auto owner = s->owner.lock())
        owner->remove(s);
    s->wait_idle(std::move(handler));
}

} // namespace onex::event_bus
