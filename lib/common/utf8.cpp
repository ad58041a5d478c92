// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/utf8.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace onex::event_bus::detail {
namespace {

struct sequence {
    std::size_t length; // bytes consumed: the whole sequence, or its maximal ill-formed subpart
    bool valid;
};

struct byte_range {
    unsigned char lo;
    unsigned char hi;
};

constexpr byte_range continuation{0x80, 0xBF};

// Table 3-7 of the Unicode standard: the second byte's range depends on the lead byte, which is
// what excludes overlongs (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
constexpr byte_range second_byte_range(unsigned char lead) noexcept {
    switch (lead) {
    case 0xE0:
        return {0xA0, 0xBF};
    case 0xED:
        return {0x80, 0x9F};
    case 0xF0:
        return {0x90, 0xBF};
    case 0xF4:
        return {0x80, 0x8F};
    default:
        return continuation;
    }
}

constexpr std::size_t sequence_length(unsigned char lead) noexcept {
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        return 2;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 3;
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    return 0; // 80..C1 and F5..FF never start a sequence
}

sequence next_sequence(std::string_view s, std::size_t pos) noexcept {
    const auto lead = static_cast<unsigned char>(s[pos]);
    const std::size_t needed = sequence_length(lead);
    if (needed == 0)
        return {1, false};
    std::size_t length = 1;
    for (byte_range range = second_byte_range(lead); length < needed; range = continuation) {
        if (pos + length == s.size())
            return {length, false};
        const auto b = static_cast<unsigned char>(s[pos + length]);
        if (b < range.lo || b > range.hi)
            return {length, false};
        ++length;
    }
    return {length, true};
}

} // namespace

bool is_valid_utf8(std::string_view s) noexcept {
    // Headers are almost always ASCII: skip eight bytes at a time while none has its high bit.
    std::size_t pos = 0;
    for (; pos + 8 <= s.size(); pos += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, s.data() + pos, sizeof word);
        if ((word & 0x8080808080808080u) != 0)
            break;
    }
    while (pos < s.size()) {
        const sequence seq = next_sequence(s, pos);
        if (!seq.valid)
            return false;
        pos += seq.length;
    }
    return true;
}

std::string utf8_decode_replace(std::string_view s) {
    static constexpr std::string_view replacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(s.size());
    for (std::size_t pos = 0; pos < s.size();) {
        const sequence seq = next_sequence(s, pos);
        if (seq.valid)
            out.append(s.substr(pos, seq.length));
        else
            out.append(replacement);
        pos += seq.length;
    }
    return out;
}

} // namespace onex::event_bus::detail
