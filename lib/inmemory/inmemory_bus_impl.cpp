// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "inmemory/inmemory_bus_impl.hpp"

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/error.hpp>

#include <algorithm>
#include <iterator>
#include <numeric>

namespace asio = boost::asio;

namespace onex::event_bus::detail {

inmemory_bus_impl::inmemory_bus_impl(asio::any_io_executor ex, inmemory_options opts)
    : executor(std::move(ex))
    , options(std::move(opts))
    , default_source(options.environment + "." + options.group) {}

void inmemory_bus_impl::log(log_level lvl, const std::string& message) const {
    if (options.log)
        options.log->log(lvl, message);
    else
        global_logger().log(lvl, message);
}

// --- lifecycle ----------------------------------------------------------------------------------

bool inmemory_bus_impl::is_started() const {
    std::lock_guard lock(mutex_);
    return started_;
}

void inmemory_bus_impl::start() {
    std::lock_guard lock(mutex_);
    start_locked();
}

void inmemory_bus_impl::start_locked() {
    started_ = true;
    shutdown_ = false;
}

void inmemory_bus_impl::close(boost::system::error_code waiter_result) {
    std::map<std::uint64_t, completion_handler> waiters;
    {
        std::lock_guard lock(mutex_);
        for (auto& [name, topic] : topics_) {
            if (topic.subs)
                for (auto& s : *topic.subs)
                    s->deactivate();
            topic.subs.reset(); // the offset stays
        }
        circuits_.clear();
        started_ = false;
        shutdown_ = true;
        waiters.swap(consuming_waiters_);
    }
    for (auto& [id, h] : waiters) {
        asio::get_associated_cancellation_slot(h).clear();
        post_completion(executor, std::move(h), waiter_result);
    }
}

void inmemory_bus_impl::wait_for_shutdown(completion_handler h) {
    auto slot = asio::get_associated_cancellation_slot(h);
    std::lock_guard lock(mutex_);
    start_locked();
    const std::uint64_t id = next_waiter_id_++;
    consuming_waiters_.emplace(id, std::move(h));
    if (slot.is_connected()) {
        slot.assign([weak = weak_from_this(), id](asio::cancellation_type) {
            if (auto self = weak.lock())
                self->cancel_waiter(id);
        });
    }
}

void inmemory_bus_impl::cancel_waiter(std::uint64_t id) {
    // Asio 1.81's any_completion_handler move assignment recurses forever: construct only.
    std::optional<completion_handler> h;
    {
        std::lock_guard lock(mutex_);
        auto it = consuming_waiters_.find(id);
        if (it == consuming_waiters_.end())
            return;
        h.emplace(std::move(it->second));
        consuming_waiters_.erase(it);
    }
    // We run inside the slot's own handler: clearing the slot here would destroy it mid-call.
    post_completion(executor, std::move(*h), asio::error::operation_aborted);
}

// --- publishing ---------------------------------------------------------------------------------

bool inmemory_bus_impl::admit(owning_message_body& body,
                              std::shared_ptr<const subscription_list>& subs,
                              event_message& message) {
    std::lock_guard lock(mutex_);
    if (!started_)
        return false;
    auto it = topics_.find(body.topic);
    if (it == topics_.end())
        it = topics_.emplace(body.topic, topic_state{}).first;
    body.offset = std::to_string(it->second.offset++);
    if (options.max_history > 0) {
        history_.push_back(message);
        if (history_.size() > options.max_history)
            history_.pop_front();
    }
    subs = it->second.subs;
    return true;
}

// --- subscriptions ------------------------------------------------------------------------------

std::shared_ptr<subscription_state>
inmemory_bus_impl::add(std::string_view topic, std::string_view group_id, message_handler handler) {
    std::lock_guard lock(mutex_);
    auto& failures = circuits_[{std::string(topic), std::string(group_id)}];
    if (!failures)
        failures = std::make_shared<subscriber_failures>();
    auto s = std::make_shared<subscription_state>(std::string(topic), std::string(group_id),
                                                  std::move(handler), executor, failures);
    s->owner = std::weak_ptr<subscription_owner>(shared_from_this());
    auto& list = topics_[s->topic].subs;
    auto next =
        list ? std::make_shared<subscription_list>(*list) : std::make_shared<subscription_list>();
    next->push_back(s);
    list = std::move(next);
    return s;
}

void inmemory_bus_impl::remove(const std::shared_ptr<subscription_state>& s) noexcept {
    std::lock_guard lock(mutex_);
    auto it = topics_.find(s->topic);
    if (it == topics_.end() || !it->second.subs)
        return;
    const subscription_list& list = *it->second.subs;
    if (std::find(list.begin(), list.end(), s) == list.end())
        return;
    // Copy-on-write: publishes in progress keep iterating their own snapshot. The emptied list
    // stays, so that topic_count keeps counting the topic.
    auto next = std::make_shared<subscription_list>();
    next->reserve(list.size() - 1);
    std::copy_if(list.begin(), list.end(), std::back_inserter(*next),
                 [&](const auto& x) { return x != s; });
    it->second.subs = std::move(next);
}

// --- introspection ------------------------------------------------------------------------------

inmemory_health inmemory_bus_impl::health() const {
    std::lock_guard lock(mutex_);
    inmemory_health h;
    h.healthy = started_;
    h.started = started_;
    h.environment = options.environment;
    h.group = options.group;
    h.subscriber_count = count_locked(std::nullopt);
    h.topic_count = static_cast<std::size_t>(std::count_if(
        topics_.begin(), topics_.end(), [](const auto& t) { return t.second.subs != nullptr; }));
    h.history_size = history_.size();
    return h;
}

std::vector<event_message> inmemory_bus_impl::history(std::size_t limit,
                                                      std::optional<std::string_view> topic) const {
    std::lock_guard lock(mutex_);
    std::vector<event_message> out;
    const bool filter = topic && !topic->empty();
    for (const auto& m : history_)
        if (!filter || m.topic() == *topic)
            out.push_back(m);
    if (limit != 0 && limit < out.size())
        out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(limit));
    return out;
}

void inmemory_bus_impl::clear_history() {
    std::lock_guard lock(mutex_);
    history_.clear();
}

std::size_t inmemory_bus_impl::subscriber_count(std::optional<std::string_view> topic) const {
    std::lock_guard lock(mutex_);
    return count_locked(topic);
}

std::size_t inmemory_bus_impl::count_locked(std::optional<std::string_view> topic) const {
    if (topic) {
        auto it = topics_.find(*topic);
        return it == topics_.end() || !it->second.subs ? 0 : it->second.subs->size();
    }
    return std::accumulate(topics_.begin(), topics_.end(), std::size_t{0},
                           [](std::size_t n, const auto& kv) {
                               return n + (kv.second.subs ? kv.second.subs->size() : 0);
                           });
}

std::vector<std::string> inmemory_bus_impl::topics() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [name, topic] : topics_)
        if (topic.subs && !topic.subs->empty())
            out.push_back(name);
    std::sort(out.begin(), out.end());
    return out;
}

std::uint64_t inmemory_bus_impl::topic_offset(std::string_view topic) const {
    std::lock_guard lock(mutex_);
    auto it = topics_.find(topic);
    return it == topics_.end() ? 0 : it->second.offset;
}

subscriber_circuit_table inmemory_bus_impl::subscriber_circuits() const {
    std::lock_guard lock(mutex_);
    subscriber_circuit_table t;
    for (const auto& [key, failures] : circuits_) {
        const auto count = failures->count.load();
        if (count == 0)
            continue;
        t.entries.push_back(
            {key.first, key.second, count, count >= options.circuit_breaker_threshold});
    }
    return t;
}

bool inmemory_bus_impl::reset_circuit(std::string_view topic, std::string_view group_id) {
    std::lock_guard lock(mutex_);
    auto it = circuits_.find({std::string(topic), std::string(group_id)});
    return it != circuits_.end() && it->second->count.exchange(0) != 0;
}

} // namespace onex::event_bus::detail
