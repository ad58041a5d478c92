// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_SOAK_LEDGER_HPP
#define ONEX_EVENT_BUS_APPS_SOAK_LEDGER_HPP

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace onex::soak {

/// The totals of a run. `lost` is the number of acknowledged messages that were neither
/// consumed nor dead-lettered; the bus promises 0.
struct totals {
    std::uint64_t published = 0; // publishes started
    std::uint64_t acknowledged = 0;
    std::uint64_t failed = 0;
    std::uint64_t consumed = 0;      // distinct ids a handler accepted
    std::uint64_t duplicates = 0;    // accepted deliveries beyond the first of an id
    std::uint64_t dead_lettered = 0; // distinct ids found in the dead-letter topic
    std::uint64_t dead_letter_duplicates = 0;
    std::uint64_t lost = 0;
    std::uint64_t failed_but_delivered = 0; // a failed publish whose message arrived anyway
    std::uint64_t failing_consumed = 0;     // always-failing ids that a handler accepted (a bug)
    std::uint64_t handler_failures = 0;     // handler calls that threw
    std::uint64_t foreign = 0;              // messages whose id could not be read
    std::map<std::string, std::uint64_t> failures; // publish error -> count
    std::vector<std::uint64_t> lost_ids;           // ascending
};

/// Who saw which message id, one slot per id (ids are 0 .. n-1).
class ledger {
public:
    explicit ledger(std::uint64_t n);

    void published(std::uint64_t id);
    void acknowledged(std::uint64_t id);
    void failed(std::uint64_t id, const std::string& error);
    void consumed(std::uint64_t id);
    void dead_lettered(std::uint64_t id);
    void handler_failed() { ++handler_failures_; }
    void foreign() { ++foreign_; }

    /// Whether `id` was published and has no outcome yet.
    bool pending(std::uint64_t id) const;
    std::uint64_t publishes_pending() const { return started_ - acked_ - failed_; }
    /// Acknowledged ids not yet consumed nor dead-lettered.
    std::uint64_t unaccounted() const;

    /// `failing(id)` says whether the run made id's handler always fail.
    template <class Failing>
    totals sum(const Failing& failing) const;

private:
    enum : std::uint8_t { none, in_flight, acked, failed_publish };
    bool valid(std::uint64_t id) const noexcept { return id < publish_.size(); }

    std::vector<std::uint8_t> publish_;
    std::vector<std::uint16_t> consumed_;
    std::vector<std::uint16_t> dead_;
    std::map<std::string, std::uint64_t> failures_;
    std::uint64_t started_ = 0;
    std::uint64_t acked_ = 0;
    std::uint64_t failed_ = 0;
    std::uint64_t handler_failures_ = 0;
    std::uint64_t foreign_ = 0;
    std::uint64_t accounted_acked_ = 0; // acked ids also consumed or dead-lettered
};

template <class Failing>
totals ledger::sum(const Failing& failing) const {
    totals t;
    t.published = started_;
    t.acknowledged = acked_;
    t.failed = failed_;
    t.failures = failures_;
    t.handler_failures = handler_failures_;
    t.foreign = foreign_;
    for (std::uint64_t id = 0; id < publish_.size(); ++id) {
        const bool seen = consumed_[id] > 0;
        const bool dead = dead_[id] > 0;
        t.consumed += seen ? 1 : 0;
        t.duplicates += seen ? consumed_[id] - 1U : 0;
        t.dead_lettered += dead ? 1 : 0;
        t.dead_letter_duplicates += dead ? dead_[id] - 1U : 0;
        t.failing_consumed += seen && failing(id) ? 1 : 0;
        if (publish_[id] == failed_publish && (seen || dead))
            ++t.failed_but_delivered;
        if (publish_[id] == acked && !seen && !dead) {
            ++t.lost;
            t.lost_ids.push_back(id);
        }
    }
    return t;
}

} // namespace onex::soak

#endif // ONEX_EVENT_BUS_APPS_SOAK_LEDGER_HPP
