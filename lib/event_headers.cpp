// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/detail/timestamp_text.hpp>
#include <onex/event_bus/detail/uuid_text.hpp>
#include <onex/event_bus/event_headers.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <pthread.h>
#include <random>
#include <string>
#include <sys/random.h>

namespace onex::event_bus {
namespace {

namespace chr = std::chrono;
using sys_microseconds = chr::sys_time<chr::microseconds>;

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// A left-to-right reader over the fixed-width ISO-8601 fields; every read is bounds-checked.
class reader {
public:
    explicit reader(std::string_view s) noexcept
        : s_(s) {}

    bool at_end() const noexcept { return pos_ == s_.size(); }

    bool accept(char c) noexcept {
        if (at_end() || s_[pos_] != c)
            return false;
        ++pos_;
        return true;
    }

    // Exactly `width` decimal digits.
    std::optional<int> number(std::size_t width) noexcept {
        if (s_.size() - pos_ < width)
            return std::nullopt;
        const std::string_view field = s_.substr(pos_, width);
        for (const char c : field) {
            if (!is_digit(c))
                return std::nullopt;
        }
        int value = 0;
        std::from_chars(field.data(), field.data() + field.size(), value);
        pos_ += width;
        return value;
    }

    // One or more digits as microseconds; digits past the sixth are dropped, as Python does.
    std::optional<int> fraction() noexcept {
        const std::size_t start = pos_;
        while (!at_end() && is_digit(s_[pos_]))
            ++pos_;
        if (pos_ == start)
            return std::nullopt;
        std::string digits(s_.substr(start, std::min<std::size_t>(pos_ - start, 6)));
        digits.resize(6, '0');
        int value = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
        return value;
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
};

std::optional<chr::sys_days> read_date(reader& r) {
    const auto y = r.number(4);
    if (!y || !r.accept('-'))
        return std::nullopt;
    const auto m = r.number(2);
    if (!m || !r.accept('-'))
        return std::nullopt;
    const auto d = r.number(2);
    if (!d || *y < 1)
        return std::nullopt;
    // ok() rejects month 13, day 0 and days past the month's end (Feb 30, Feb 29 of 2025, ...).
    const chr::year_month_day ymd{chr::year{*y}, chr::month{static_cast<unsigned>(*m)},
                                  chr::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok())
        return std::nullopt;
    return chr::sys_days{ymd};
}

std::optional<chr::microseconds> read_time_of_day(reader& r) {
    const auto h = r.number(2);
    if (!h || !r.accept(':'))
        return std::nullopt;
    const auto m = r.number(2);
    if (!m)
        return std::nullopt;
    std::optional<int> s = 0;
    std::optional<int> us = 0;
    if (r.accept(':')) {
        s = r.number(2);
        if (s && r.accept('.'))
            us = r.fraction();
    }
    if (!s || !us || *h > 23 || *m > 59 || *s > 59)
        return std::nullopt;
    return chr::hours{*h} + chr::minutes{*m} + chr::seconds{*s} + chr::microseconds{*us};
}

// `Z`, `±HH:MM`, `±HHMM` or nothing (read as UTC), then the end of the text.
std::optional<chr::minutes> read_offset(reader& r) {
    if (r.accept('Z'))
        return r.at_end() ? std::optional(chr::minutes{0}) : std::nullopt;
    if (r.at_end())
        return chr::minutes{0};
    const bool negative = r.accept('-');
    if (!negative && !r.accept('+'))
        return std::nullopt;
    const auto h = r.number(2);
    r.accept(':');
    const auto m = r.number(2);
    if (!h || !m || *h > 23 || *m > 59 || !r.at_end())
        return std::nullopt;
    const chr::minutes offset = chr::hours{*h} + chr::minutes{*m};
    return negative ? -offset : offset;
}

// Years 1..9999 all fit in microseconds, but system_clock may be narrower (nanoseconds covers
// 1677..2262); a time outside its range is rejected rather than overflowed.
std::optional<chr::system_clock::time_point> to_system_time(sys_microseconds t) {
    using tp = chr::system_clock::time_point;
    const sys_microseconds lo{chr::ceil<chr::microseconds>(tp::min().time_since_epoch())};
    const sys_microseconds hi{chr::floor<chr::microseconds>(tp::max().time_since_epoch())};
    if (t < lo || t > hi)
        return std::nullopt;
    return chr::time_point_cast<chr::system_clock::duration>(t);
}

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
    if (is_digit(c))
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

bool event_headers::validate() const noexcept {
    return !event_type.empty();
}

namespace detail {

std::string_view format_timestamp_to(chr::system_clock::time_point tp, timestamp_text& out) {
    const auto us = chr::floor<chr::microseconds>(tp);
    const auto midnight = chr::floor<chr::days>(us);
    const chr::year_month_day ymd{midnight};
    const chr::hh_mm_ss time{us - midnight};
    // Digits by hand: snprintf cost more than the rest of a header set (system_clock spans the
    // years 1678 to 2262, always four digits).
    char* p = out.data();
    const auto put = [&p](long long v, int digits) {
        for (int i = digits - 1; i >= 0; --i, v /= 10)
            p[i] = static_cast<char>('0' + v % 10);
        p += digits;
    };
    put(static_cast<int>(ymd.year()), 4);
    *p++ = '-';
    put(static_cast<unsigned>(ymd.month()), 2);
    *p++ = '-';
    put(static_cast<unsigned>(ymd.day()), 2);
    *p++ = 'T';
    put(time.hours().count(), 2);
    *p++ = ':';
    put(time.minutes().count(), 2);
    *p++ = ':';
    put(time.seconds().count(), 2);
    if (time.subseconds().count() != 0) {
        *p++ = '.';
        put(time.subseconds().count(), 6);
    }
    for (const char c : {'+', '0', '0', ':', '0', '0'})
        *p++ = c;
    return std::string_view(out.data(), static_cast<std::size_t>(p - out.data()));
}

} // namespace detail

std::string format_timestamp(chr::system_clock::time_point tp) {
    detail::timestamp_text text;
    return std::string(detail::format_timestamp_to(tp, text));
}

std::optional<chr::system_clock::time_point> parse_timestamp(std::string_view s) {
    reader r(s);
    const auto date = read_date(r);
    if (!date || !(r.accept('T') || r.accept(' ')))
        return std::nullopt;
    const auto time = read_time_of_day(r);
    if (!time)
        return std::nullopt;
    const auto offset = read_offset(r);
    if (!offset)
        return std::nullopt;
    return to_system_time(sys_microseconds{*date} + *time - *offset);
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
