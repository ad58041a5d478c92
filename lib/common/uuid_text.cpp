// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/uuid_text.hpp"

#include <onex/event_bus/event_headers.hpp>

#include <array>
#include <cerrno>
#include <cstring>
#include <pthread.h>
#include <random>
#include <string>
#include <sys/random.h>

namespace onex::event_bus {
namespace {

// Python's str.replace(from, ""): one left-to-right pass over non-overlapping occurrences.
std::string erase_all(std::string_view text, std::string_view from) {
    std::string out;
    for (std::size_t pos = 0;;) {
        const std::size_t hit = text.find(from, pos);
        out.append(text.substr(pos, hit - pos));
        if (hit == std::string_view::npos)
            return out;
        pos = hit + from.size();
    }
}

std::optional<unsigned> hex_value(char c) noexcept {
    if (c >= '0' && c <= '9')
        return static_cast<unsigned>(c - '0');
    if (c >= 'a' && c <= 'f')
        return static_cast<unsigned>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return static_cast<unsigned>(c - 'A' + 10);
    return std::nullopt;
}

} // namespace

namespace {

// UUIDs come from xoshiro256** (Blackman & Vigna), one generator per thread, seeded with 256 bits
// from the kernel (getrandom) and reseeded in a forked child: 122 random bits per UUID, unique
// like uuid4's, but not secret — they are identifiers, not tokens. Reading the kernel for every
// UUID (as boost::uuids::random_generator does) was the largest cost of an in-memory publish.
class uuid_generator {
public:
    uuid_generator() { seed(); }

    std::uint64_t next() noexcept {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    void seed() {
        std::size_t filled = 0;
        auto* bytes = reinterpret_cast<unsigned char*>(s_.data());
        while (filled < sizeof s_) {
            const auto got = getrandom(bytes + filled, sizeof s_ - filled, 0);
            if (got > 0)
                filled += static_cast<std::size_t>(got);
            else if (got < 0 && errno != EINTR)
                break;
        }
        // getrandom is missing only on kernels older than 3.17; random_device reads /dev/urandom.
        if (filled < sizeof s_) {
            std::random_device device;
            for (auto& word : s_)
                word = (std::uint64_t{device()} << 32) ^ device();
        }
        if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0)
            s_[0] = 1; // the one state xoshiro cannot leave
    }

    static uuid_generator& local() {
        // A forked child must not make the UUIDs its parent is about to make.
        static const int registered = pthread_atfork(nullptr, nullptr, [] { local().seed(); });
        (void)registered;
        thread_local uuid_generator generator;
        return generator;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) noexcept {
        return (x << k) | (x >> (64 - k));
    }

    std::array<std::uint64_t, 4> s_{};
};

} // namespace

boost::uuids::uuid new_uuid() {
    auto& generator = uuid_generator::local();
    const std::array<std::uint64_t, 2> words = {generator.next(), generator.next()};
    boost::uuids::uuid u{};
    std::memcpy(u.data, words.data(), sizeof u.data);
    u.data[6] = static_cast<std::uint8_t>((u.data[6] & 0x0F) | 0x40); // version 4
    u.data[8] = static_cast<std::uint8_t>((u.data[8] & 0x3F) | 0x80); // RFC 4122 variant
    return u;
}

namespace detail {

namespace {

constexpr std::array<std::int8_t, 256> hex_digits = [] {
    std::array<std::int8_t, 256> t{};
    t.fill(-1);
    for (int c = 0; c < 10; ++c)
        t['0' + c] = static_cast<std::int8_t>(c);
    for (int c = 0; c < 6; ++c) {
        t['a' + c] = static_cast<std::int8_t>(10 + c);
        t['A' + c] = static_cast<std::int8_t>(10 + c);
    }
    return t;
}();

// The form every producer we know writes (8-4-4-4-12 hex digits), parsed without a copy: it is
// on the path of every consumed message, twice.
std::optional<boost::uuids::uuid> parse_canonical_uuid(std::string_view text) {
    boost::uuids::uuid u{};
    std::size_t at = 0;
    int bad = 0;
    for (auto& byte : u.data) {
        if (at == 8 || at == 13 || at == 18 || at == 23)
            ++at; // the hyphen, checked by the caller
        // hex_digits holds numbers (-1: not a digit), not characters.
        // NOLINTBEGIN(bugprone-signed-char-misuse)
        const int high = hex_digits[static_cast<unsigned char>(text[at])];
        const int low = hex_digits[static_cast<unsigned char>(text[at + 1])];
        // NOLINTEND(bugprone-signed-char-misuse)
        bad |= high | low; // -1 has every bit set
        byte = static_cast<std::uint8_t>(static_cast<unsigned>(high) << 4 |
                                         static_cast<unsigned>(low));
        at += 2;
    }
    if (bad < 0)
        return std::nullopt;
    return u;
}

} // namespace

std::optional<boost::uuids::uuid> parse_uuid(std::string_view text) {
    if (text.size() == 36 && text[8] == '-' && text[13] == '-' && text[18] == '-' &&
        text[23] == '-')
        return parse_canonical_uuid(text);
    std::string hex = erase_all(erase_all(text, "urn:"), "uuid:");
    const std::size_t first = hex.find_first_not_of("{}");
    const std::size_t last = hex.find_last_not_of("{}");
    hex = first == std::string::npos ? std::string() : hex.substr(first, last - first + 1);
    hex = erase_all(hex, "-");
    if (hex.size() != 32)
        return std::nullopt;
    boost::uuids::uuid u{};
    for (std::size_t i = 0; i < 16; ++i) {
        const auto high = hex_value(hex[2 * i]);
        const auto low = hex_value(hex[2 * i + 1]);
        if (!high || !low)
            return std::nullopt;
        u.data[i] = static_cast<std::uint8_t>(*high << 4 | *low);
    }
    return u;
}

} // namespace detail
} // namespace onex::event_bus
