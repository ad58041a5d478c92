// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/topic_name.hpp"
#include "common/utf8.hpp"

#include <algorithm>
#include <array>

namespace onex::event_bus::detail {
namespace {

constexpr bool is_lower_or_digit(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

constexpr bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

constexpr bool is_alnum(char c) noexcept {
    return is_lower_or_digit(c) || (c >= 'A' && c <= 'Z');
}

constexpr bool is_topic_char(char c) noexcept {
    return is_alnum(c) || c == '.' || c == '_' || c == '-';
}

// `[a-z0-9-]+`: a producer or legacy segment, which cannot contain dots.
constexpr bool is_segment_char(char c) noexcept {
    return is_lower_or_digit(c) || c == '-';
}

// `[a-z0-9._-]+`: an ONEX event name, which may contain dots.
constexpr bool is_event_name_char(char c) noexcept {
    return is_segment_char(c) || c == '.' || c == '_';
}

template <class Pred>
bool non_empty_all_of(std::string_view s, Pred pred) noexcept {
    return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}

// `v[1-9]\d*`, with ASCII digits only.
bool is_version(std::string_view s) noexcept {
    return s.size() >= 2 && s[0] == 'v' && s[1] != '0' &&
           std::all_of(s.begin() + 1, s.end(), is_digit);
}

// Every ill-formed subpart counts as one character, as after Python's `errors="replace"`.
std::size_t code_point_count(std::string_view s) {
    const std::string text = utf8_decode_replace(s);
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// Quoted as is, a topic with a raw NUL or escape sequence would make the message unreadable (or
// cut it short), so control characters are shown escaped instead.
std::string printable(std::string_view topic) {
    static constexpr std::string_view hex = "0123456789ABCDEF";
    std::string out;
    for (const char c : utf8_decode_replace(topic)) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 || b == 0x7F) {
            out += "\\x";
            out += hex[b >> 4];
            out += hex[b & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

std::string topic_message(std::string_view prefix, std::string_view topic, std::string_view rest) {
    std::string out(prefix);
    out += '\'';
    out += printable(topic);
    out += '\'';
    out += rest;
    return out;
}

// `onex\.(evt|cmd|intent|dlq)\.[a-z0-9-]+\.[a-z0-9._-]+\.v[1-9]\d*`
bool is_canonical_onex(std::string_view topic) noexcept {
    static constexpr std::array<std::string_view, 4> prefixes{"onex.evt.", "onex.cmd.",
                                                              "onex.intent.", "onex.dlq."};
    const auto prefix = std::find_if(prefixes.begin(), prefixes.end(),
                                     [&](std::string_view p) { return topic.starts_with(p); });
    if (prefix == prefixes.end())
        return false;
    const std::string_view rest = topic.substr(prefix->size());
    // The version has no dots, so it follows the last dot; the producer has none either, so it
    // ends at the first one. Whatever lies between is the event name.
    const std::size_t last_dot = rest.rfind('.');
    const std::size_t first_dot = rest.find('.');
    if (last_dot == std::string_view::npos || first_dot == last_dot)
        return false;
    return non_empty_all_of(rest.substr(0, first_dot), is_segment_char) &&
           non_empty_all_of(rest.substr(first_dot + 1, last_dot - first_dot - 1),
                            is_event_name_char) &&
           is_version(rest.substr(last_dot + 1));
}

// `[a-z][a-z0-9-]*\.dlq\.[a-z0-9-]+\.v[1-9]\d*`: exactly four dot-free segments.
bool is_legacy_dlq(std::string_view topic) noexcept {
    if (std::count(topic.begin(), topic.end(), '.') != 3)
        return false;
    const std::size_t first = topic.find('.');
    const std::size_t second = topic.find('.', first + 1);
    const std::size_t third = topic.rfind('.');
    const std::string_view prefix = topic.substr(0, first);
    return non_empty_all_of(prefix, is_segment_char) && prefix.front() >= 'a' &&
           prefix.front() <= 'z' && topic.substr(first + 1, second - first - 1) == "dlq" &&
           non_empty_all_of(topic.substr(second + 1, third - second - 1), is_segment_char) &&
           is_version(topic.substr(third + 1));
}

bool is_python_whitespace(char c) noexcept {
    // str.strip() also removes the ASCII file/group/record/unit separators.
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1C' && c <= '\x1F');
}

std::string_view python_strip(std::string_view s) noexcept {
    while (!s.empty() && is_python_whitespace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_python_whitespace(s.back()))
        s.remove_suffix(1);
    return s;
}

bool iequals_ascii(std::string_view s, std::string_view lower) noexcept {
    return std::equal(s.begin(), s.end(), lower.begin(), lower.end(), [](char a, char b) {
        return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
    });
}

} // namespace

std::optional<std::string> topic_name_error(std::string_view topic) {
    if (topic.empty())
        return "Topic name cannot be empty";
    // A character takes at least one byte, so only long inputs need counting.
    if (topic.size() > max_topic_name_length && code_point_count(topic) > max_topic_name_length)
        return topic_message("Topic name ", topic, " exceeds maximum length of 255 characters");
    if (topic == "." || topic == "..")
        return topic_message("Topic name ", topic, " is reserved and cannot be used");
    if (!std::all_of(topic.begin(), topic.end(), is_topic_char))
        return topic_message("Topic name ", topic,
                             " contains invalid characters. Only alphanumeric characters, "
                             "periods (.), underscores (_), and hyphens (-) are allowed");
    return std::nullopt;
}

bool is_onex_topic(std::string_view topic) noexcept {
    return topic.starts_with("__") || is_canonical_onex(topic) || is_legacy_dlq(topic);
}

topic_enforcement parse_topic_enforcement(std::optional<std::string_view> value) noexcept {
    if (!value)
        return topic_enforcement::warn;
    const std::string_view mode = python_strip(*value);
    if (iequals_ascii(mode, "reject"))
        return topic_enforcement::reject;
    if (iequals_ascii(mode, "off"))
        return topic_enforcement::off;
    return topic_enforcement::warn;
}

std::string onex_format_error(std::string_view topic) {
    return topic_message("Topic ", topic,
                         " does not match ONEX format: "
                         "onex.(evt|cmd|intent|dlq).<producer>.<event-name>.v<N>");
}

} // namespace onex::event_bus::detail
