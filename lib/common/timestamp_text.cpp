// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/timestamp_text.hpp"

#include <onex/event_bus/event_headers.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <optional>
#include <string>

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

} // namespace

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

} // namespace onex::event_bus
