// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_INMEMORY_INMEMORY_BUS_IMPL_HPP
#define ONEX_EVENT_BUS_LIB_INMEMORY_INMEMORY_BUS_IMPL_HPP

#include "common/completion.hpp"

#include <onex/event_bus/detail/message_body.hpp>
#include <onex/event_bus/detail/message_handler.hpp>
#include <onex/event_bus/detail/subscription_state.hpp>
#include <onex/event_bus/event_message.hpp>
#include <onex/event_bus/inmemory_health.hpp>
#include <onex/event_bus/inmemory_options.hpp>
#include <onex/event_bus/logger.hpp>
#include <onex/event_bus/subscriber_circuit_table.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace onex::event_bus::detail {

/// Everything behind an `inmemory_event_bus`: the registry of subscriptions, the per-topic
/// offsets, the history and the per-subscriber failure counts, under one short lock that no
/// handler ever runs inside.
class inmemory_bus_impl final : public subscription_owner,
                                public std::enable_shared_from_this<inmemory_bus_impl> {
public:
    inmemory_bus_impl(boost::asio::any_io_executor ex, inmemory_options opts);

    const boost::asio::any_io_executor executor;
    const inmemory_options options;
    /// `"{environment}.{group}"`, the default headers' `source`.
    const std::string default_source;

    void log(log_level lvl, const std::string& message) const;

    // --- lifecycle (any thread) -----------------------------------------------------------
    bool is_started() const;
    void start();
    /// Drops every subscription and failure count; pending start_consuming waiters complete
    /// with `waiter_result`.
    void close(boost::system::error_code waiter_result);
    void wait_for_shutdown(completion_handler h);

    // --- publishing -----------------------------------------------------------------------
    /// Assigns the offset, records the message and snapshots the topic's subscriptions: the one
    /// moment a publish holds the lock. False when the bus is not started.
    bool admit(owning_message_body& body, std::shared_ptr<const subscription_list>& subs,
               event_message& message);

    // --- subscriptions --------------------------------------------------------------------
    std::shared_ptr<subscription_state> add(std::string_view topic, std::string_view group_id,
                                            message_handler handler);
    void remove(const std::shared_ptr<subscription_state>& s) noexcept override;

    // --- introspection --------------------------------------------------------------------
    inmemory_health health() const;
    std::vector<event_message> history(std::size_t limit,
                                       std::optional<std::string_view> topic) const;
    void clear_history();
    std::size_t subscriber_count(std::optional<std::string_view> topic) const;
    std::vector<std::string> topics() const;
    std::uint64_t topic_offset(std::string_view topic) const;
    subscriber_circuit_table subscriber_circuits() const;
    bool reset_circuit(std::string_view topic, std::string_view group_id);

private:
    struct string_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };

    struct topic_state {
        std::uint64_t offset = 0;
        std::shared_ptr<const subscription_list> subs;
    };

    void start_locked();
    std::size_t count_locked(std::optional<std::string_view> topic) const;
    void cancel_waiter(std::uint64_t id);

    mutable std::mutex mutex_;
    bool started_ = false;
    bool shutdown_ = false;
    // One entry per topic ever published or subscribed to: one lookup per publish. `subs` is
    // null until the topic's first subscription since the last close (topic_count counts
    // those, empty lists included, as the guide's in-memory bus does).
    std::unordered_map<std::string, topic_state, string_hash, std::equal_to<>> topics_;
    std::map<std::pair<std::string, std::string>, std::shared_ptr<subscriber_failures>> circuits_;
    std::deque<event_message> history_;
    std::map<std::uint64_t, completion_handler> consuming_waiters_;
    std::uint64_t next_waiter_id_ = 0;
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_INMEMORY_INMEMORY_BUS_IMPL_HPP
