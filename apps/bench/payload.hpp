// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_BENCH_PAYLOAD_HPP
#define ONEX_EVENT_BUS_APPS_BENCH_PAYLOAD_HPP

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onex::bench {

/// The messages every scenario sends, bus and baseline alike: a payload whose first 8 bytes carry
/// the send time (steady clock, ns) and whose 9th says whether the message is timed ('M') or not
/// (a warm-up, or one not sampled), and keys cycled from a fixed set.
class message_source {
public:
    message_source(std::size_t payload_bytes, std::size_t keys)
        : payload_(payload_bytes, 'x') {
        keys_.reserve(keys);
        for (std::size_t i = 0; i < keys; ++i)
            keys_.push_back("key-" + std::to_string(i));
    }

    /// The payload stamped with `sent_ns`; valid until the next call.
    std::string_view payload(std::uint64_t sent_ns, bool timed = true) {
        std::memcpy(payload_.data(), &sent_ns, sizeof sent_ns);
        payload_[8] = timed ? 'M' : 'U';
        return payload_;
    }

    /// The key of message `n`; std::nullopt when the bench runs without keys.
    std::optional<std::string_view> key(std::uint64_t n) const {
        if (keys_.empty())
            return std::nullopt;
        return keys_[n % keys_.size()];
    }

    std::size_t payload_bytes() const noexcept { return payload_.size(); }

private:
    std::string payload_;
    std::vector<std::string> keys_;
};

/// The send time of a timed message, std::nullopt for any other.
inline std::optional<std::uint64_t> sent_ns(std::string_view payload) noexcept {
    if (payload.size() < 9 || payload[8] != 'M')
        return std::nullopt;
    std::uint64_t ns = 0;
    std::memcpy(&ns, payload.data(), sizeof ns);
    return ns;
}

} // namespace onex::bench

#endif // ONEX_EVENT_BUS_APPS_BENCH_PAYLOAD_HPP
