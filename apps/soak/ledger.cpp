// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "ledger.hpp"

#include <limits>

namespace onex::soak {
namespace {

void bump(std::uint16_t& count) {
    if (count < std::numeric_limits<std::uint16_t>::max())
        ++count;
}

} // namespace

ledger::ledger(std::uint64_t n)
    : publish_(n, none)
    , consumed_(n, 0)
    , dead_(n, 0) {}

void ledger::published(std::uint64_t id) {
    if (valid(id) && publish_[id] == none) {
        publish_[id] = in_flight;
        ++started_;
    }
}

void ledger::acknowledged(std::uint64_t id) {
    if (!valid(id) || publish_[id] != in_flight)
        return;
    publish_[id] = acked;
    ++acked_;
    if (consumed_[id] > 0 || dead_[id] > 0)
        ++accounted_acked_;
}

void ledger::failed(std::uint64_t id, const std::string& error) {
    if (!valid(id) || publish_[id] != in_flight)
        return;
    publish_[id] = failed_publish;
    ++failed_;
    ++failures_[error];
}

void ledger::consumed(std::uint64_t id) {
    if (!valid(id)) {
        ++foreign_;
        return;
    }
    if (consumed_[id] == 0 && dead_[id] == 0 && publish_[id] == acked)
        ++accounted_acked_;
    bump(consumed_[id]);
}

void ledger::dead_lettered(std::uint64_t id) {
    if (!valid(id)) {
        ++foreign_;
        return;
    }
    if (consumed_[id] == 0 && dead_[id] == 0 && publish_[id] == acked)
        ++accounted_acked_;
    bump(dead_[id]);
}

bool ledger::pending(std::uint64_t id) const {
    return valid(id) && publish_[id] == in_flight;
}

std::uint64_t ledger::unaccounted() const {
    return acked_ - accounted_acked_;
}

} // namespace onex::soak
