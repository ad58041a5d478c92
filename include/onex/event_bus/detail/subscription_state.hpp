// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_DETAIL_SUBSCRIPTION_STATE_HPP
#define ONEX_EVENT_BUS_DETAIL_SUBSCRIPTION_STATE_HPP

#include <onex/event_bus/detail/message_handler.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/system/error_code.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace onex::event_bus::detail {

struct subscription_state;

// What a subscription handle talks back to: the bus that registered it.
class subscription_owner {
public:
    virtual void remove(const std::shared_ptr<subscription_state>& s) noexcept = 0;

protected:
    ~subscription_owner() = default;
};

// Consecutive failures of one (topic, group_id) pair on the in-memory bus; subscriptions with the
// same pair share it (the guide's rule). Atomic so that dispatch never takes a lock to read or
// update it. The Kafka bus keeps its circuits in its consumers and leaves this null.
struct subscriber_failures {
    std::atomic<std::uint32_t> count{0};
};

struct subscription_state {
    using waiter = boost::asio::any_completion_handler<void(boost::system::error_code)>;

    subscription_state(std::string topic_, std::string group_id_, message_handler handler_,
                       boost::asio::any_io_executor executor_,
                       std::shared_ptr<subscriber_failures> failures_)
        : topic(std::move(topic_))
        , group_id(std::move(group_id_))
        , handler(std::move(handler_))
        , executor(std::move(executor_))
        , failures(std::move(failures_)) {}

    const std::string topic;
    const std::string group_id;
    const message_handler handler;
    const boost::asio::any_io_executor executor;
    const std::shared_ptr<subscriber_failures> failures;
    std::weak_ptr<subscription_owner> owner;

    std::atomic<bool> active{true};
    std::atomic<std::uint32_t> in_flight{0};

    // Only touched when unsubscribing while a handler runs on another thread.
    std::mutex waiters_mutex;
    std::vector<waiter> waiters;

    // Marks a call as started; false when the subscription is gone and the call must not happen.
    bool begin_call() noexcept {
        in_flight.fetch_add(1);
        if (active.load())
            return true;
        end_call();
        return false;
    }

    // Marks a call as finished and completes async_unsubscribe waiters once none is left.
    void end_call() noexcept;

    // Deactivates; no call begins afterwards.
    void deactivate() noexcept { active.store(false); }

    // Completes `w` once no call is in flight.
    void wait_idle(waiter w);
};

/// The subscriptions of one topic, in subscription order: published as a whole (copy-on-write),
/// so that a dispatch in progress keeps the snapshot it started with.
using subscription_list = std::vector<std::shared_ptr<subscription_state>>;

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_DETAIL_SUBSCRIPTION_STATE_HPP
