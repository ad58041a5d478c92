// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/dispatch_scheduler.hpp"

#include <algorithm>

namespace onex::event_bus::detail {

dispatch_scheduler::dispatch_scheduler(dispatch_limits limits)
    : limits_(limits) {
    limits_.max_in_flight = std::max<std::size_t>(limits_.max_in_flight, 1);
    limits_.max_queued_per_partition = std::max<std::size_t>(limits_.max_queued_per_partition, 1);
}

bool dispatch_scheduler::paused(std::int32_t partition) const {
    const auto it = partitions_.find(partition);
    return it != partitions_.end() && it->second.paused;
}

std::optional<std::size_t> dispatch_scheduler::next_runnable(const partition_state& p) const {
    if (p.queued.empty())
        return std::nullopt;
    if (limits_.ordering == consumer_ordering::partition)
        return p.running == 0 ? std::optional<std::size_t>(0) : std::nullopt;
    if (p.keyless_running)
        return std::nullopt;
    // The first queued message whose key does not run. It is the first of its key too: an
    // earlier one of that key would have been found first. A message without a key stops the
    // search (nothing passes it).
    for (std::size_t i = 0; i < p.queued.size(); ++i) {
        const auto& key = p.queued[i].key;
        if (!key)
            return i == 0 && p.running == 0 ? std::optional<std::size_t>(0) : std::nullopt;
        if (!p.running_keys.contains(*key))
            return i;
    }
    return std::nullopt;
}

void dispatch_scheduler::start(std::int32_t id, partition_state& p, std::size_t index,
                               dispatch_actions& out) {
    const dispatch_item item = p.queued[index];
    p.queued.erase(p.queued.begin() + static_cast<std::ptrdiff_t>(index));
    --queued_;
    ++p.running;
    ++in_flight_;
    if (limits_.ordering == consumer_ordering::key) {
        if (item.key)
            ++p.running_keys[*item.key];
        else
            p.keyless_running = true;
    }
    out.run.push_back(item);
    if (p.paused && p.queued.size() <= limits_.max_queued_per_partition / 2) {
        p.paused = false;
        out.resume.push_back(id);
    }
}

void dispatch_scheduler::wait_for_slot(std::int32_t id, partition_state& p) {
    if (!p.waiting) {
        p.waiting = true;
        waiting_.push_back(id);
    }
}

void dispatch_scheduler::serve(std::int32_t id, partition_state& p, dispatch_actions& out) {
    for (auto next = next_runnable(p); next; next = next_runnable(p)) {
        // Slots are free only while no partition waits (a freed slot goes to the waiting
        // first), so a partition that finds none queues behind those that waited before it.
        if (in_flight_ >= limits_.max_in_flight) {
            wait_for_slot(id, p);
            return;
        }
        start(id, p, *next, out);
    }
}

// One message a turn, so that the free slots go round the waiting partitions.
void dispatch_scheduler::serve_waiting(dispatch_actions& out) {
    while (in_flight_ < limits_.max_in_flight && !waiting_.empty()) {
        const auto id = waiting_.front();
        waiting_.pop_front();
        const auto it = partitions_.find(id);
        if (it == partitions_.end())
            continue;
        auto& p = it->second;
        p.waiting = false;
        if (const auto next = next_runnable(p)) {
            start(id, p, *next, out);
            if (next_runnable(p))
                wait_for_slot(id, p);
        } else {
            forget_if_revoked_and_idle(id);
        }
    }
}

void dispatch_scheduler::fetched(const dispatch_item& item, dispatch_actions& out) {
    auto& p = partitions_[item.partition];
    p.revoked = false; // assigned again
    p.queued.push_back(item);
    ++queued_;
    serve(item.partition, p, out);
    if (!p.paused && p.queued.size() >= limits_.max_queued_per_partition) {
        p.paused = true;
        out.pause.push_back(item.partition);
    }
}

void dispatch_scheduler::finished(const dispatch_item& item, dispatch_actions& out) {
    const auto it = partitions_.find(item.partition);
    if (it == partitions_.end() || it->second.running == 0)
        return;
    auto& p = it->second;
    if (limits_.ordering == consumer_ordering::key) {
        if (item.key) {
            const auto k = p.running_keys.find(*item.key);
            if (k == p.running_keys.end())
                return;
            if (--k->second == 0)
                p.running_keys.erase(k);
        } else {
            if (!p.keyless_running)
                return;
            p.keyless_running = false;
        }
    }
    --p.running;
    --in_flight_;
    serve_waiting(out); // may forget this partition: revoked, waiting and now idle
    if (const auto again = partitions_.find(item.partition); again != partitions_.end()) {
        serve(item.partition, again->second, out);
        forget_if_revoked_and_idle(item.partition);
    }
}

void dispatch_scheduler::revoked(std::int32_t partition, dispatch_actions& out) {
    const auto it = partitions_.find(partition);
    if (it == partitions_.end())
        return;
    queued_ -= it->second.queued.size();
    it->second.queued.clear();
    it->second.paused = false; // librdkafka forgets the pause with the assignment
    it->second.revoked = true;
    forget_if_revoked_and_idle(partition);
    serve_waiting(out);
}

void dispatch_scheduler::forget_if_revoked_and_idle(std::int32_t id) {
    const auto it = partitions_.find(id);
    if (it != partitions_.end() && it->second.revoked && it->second.queued.empty() &&
        it->second.running == 0 && !it->second.waiting)
        partitions_.erase(it);
}

} // namespace onex::event_bus::detail
