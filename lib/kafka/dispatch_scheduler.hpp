// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_DISPATCH_SCHEDULER_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_DISPATCH_SCHEDULER_HPP

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

namespace onex::event_bus::detail {

/// What a group's messages are kept in order by.
enum class consumer_ordering {
    /// One message of a partition at a time, in offset order.
    partition,
    /// Messages of one partition with different keys may run at once; those of one key run in
    /// offset order. A message without a key runs alone in its partition: after everything
    /// before it, before anything after it.
    key,
};

struct dispatch_limits {
    /// Messages of the group running at once (handlers called, awaited, retried or being
    /// dead-lettered), over all its partitions.
    std::size_t max_in_flight = 64;
    /// Messages of one partition fetched and not yet started: at this many, the partition's
    /// fetching pauses; it resumes once half of them have started.
    std::size_t max_queued_per_partition = 1000;
    consumer_ordering ordering = consumer_ordering::partition;
};

/// One consumed message, as the scheduler sees it.
struct dispatch_item {
    std::int32_t partition = 0;
    std::int64_t offset = 0;
    /// A hash of the message's key (key ordering only): two keys of one hash are merely kept in
    /// order together. Nothing for a message without a key.
    std::optional<std::uint64_t> key;

    friend bool operator==(const dispatch_item&, const dispatch_item&) = default;
};

/// What the consumer does after an input, in this order: start `run`, then stop fetching
/// `pause` and fetch `resume` again. The consumer clears and reuses one value.
struct dispatch_actions {
    std::vector<dispatch_item> run;
    std::vector<std::int32_t> pause;
    std::vector<std::int32_t> resume;

    void clear() noexcept {
        run.clear();
        pause.clear();
        resume.clear();
    }
    bool empty() const noexcept { return run.empty() && pause.empty() && resume.empty(); }
};

/// Which of a group's consumed messages may run next: concurrency across partitions up to
/// `max_in_flight`, order within a partition (or a key), bounded memory through pausing.
/// Partitions waiting for a free slot get one in the order they began to wait, so that a busy
/// partition does not starve the others. Sans-I/O: no librdkafka, no clock; the consumer feeds
/// it what happened and does what it says.
class dispatch_scheduler {
public:
    explicit dispatch_scheduler(dispatch_limits limits);

    /// A message was consumed from its partition, in offset order.
    void fetched(const dispatch_item& item, dispatch_actions& out);

    /// A message that was started is finished (whatever its outcome). One never started, or
    /// finished already, changes nothing.
    void finished(const dispatch_item& item, dispatch_actions& out);

    /// The partition was revoked: its messages not yet started are forgotten. Those running
    /// still hold their places until they finish, so that a partition assigned again does not
    /// run a message beside its earlier delivery.
    void revoked(std::int32_t partition, dispatch_actions& out);

    std::size_t in_flight() const noexcept { return in_flight_; }
    /// Messages fetched and not yet started, over all partitions.
    std::size_t queued() const noexcept { return queued_; }
    bool paused(std::int32_t partition) const;

private:
    struct partition_state {
        std::deque<dispatch_item> queued;
        std::size_t running = 0;
        bool keyless_running = false; // key ordering: a message without a key runs
        std::unordered_map<std::uint64_t, std::size_t> running_keys; // key ordering
        bool paused = false;
        bool waiting = false; // in waiting_, for a free slot
        // Forgotten once idle; an assigned partition keeps its state (and its queue's memory)
        // between messages.
        bool revoked = false;
    };

    std::optional<std::size_t> next_runnable(const partition_state& p) const;
    void start(std::int32_t id, partition_state& p, std::size_t index, dispatch_actions& out);
    // Starts what the partition may run while slots are free; waits for a slot if it has more.
    void serve(std::int32_t id, partition_state& p, dispatch_actions& out);
    void serve_waiting(dispatch_actions& out);
    void wait_for_slot(std::int32_t id, partition_state& p);
    void forget_if_revoked_and_idle(std::int32_t id);

    dispatch_limits limits_;
    std::unordered_map<std::int32_t, partition_state> partitions_;
    std::deque<std::int32_t> waiting_;
    std::size_t in_flight_ = 0;
    std::size_t queued_ = 0;
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_DISPATCH_SCHEDULER_HPP
