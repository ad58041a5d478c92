// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/message_category.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace onex::event_bus {
namespace {

// The suffixes in the order they are tried: that order decides which category wins when a topic
// holds several suffixes.
constexpr std::array<std::pair<std::string_view, message_category>, 6> suffix_map{{
    {"events", message_category::event},
    {"commands", message_category::command},
    {"intents", message_category::intent},
    {"evt", message_category::event},
    {"cmd", message_category::command},
    {"intent", message_category::intent},
}};

constexpr char ascii_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// ASCII folding matches Python's str.lower() here: the only non-ASCII characters it lowers to
// ASCII are U+212A (to 'k') and U+0130 (to "i" + a combining dot), and neither can complete
// an exact suffix.
bool equals_ignoring_case(std::string_view text, std::string_view lower) noexcept {
    return text.size() == lower.size() &&
           std::equal(text.begin(), text.end(), lower.begin(),
                      [](char a, char b) { return ascii_lower(a) == b; });
}

bool has_segment(std::string_view topic, std::string_view lower_segment) noexcept {
    for (std::size_t start = 0;;) {
        const std::size_t dot = topic.find('.', start);
        if (equals_ignoring_case(topic.substr(start, dot - start), lower_segment))
            return true;
        if (dot == std::string_view::npos)
            return false;
        start = dot + 1;
    }
}

} // namespace

std::string_view to_string(message_category c) noexcept {
    switch (c) {
    case message_category::event:
        return "event";
    case message_category::command:
        return "command";
    case message_category::intent:
        return "intent";
    }
    return "event";
}

std::string_view topic_suffix(message_category c) noexcept {
    switch (c) {
    case message_category::event:
        return "events";
    case message_category::command:
        return "commands";
    case message_category::intent:
        return "intents";
    }
    return "events";
}

std::optional<message_category> category_from_topic(std::string_view topic) {
    if (topic.find('.') == std::string_view::npos)
        return std::nullopt; // fewer than two segments
    for (const auto& [suffix, category] : suffix_map) {
        if (has_segment(topic, suffix))
            return category;
    }
    return std::nullopt;
}

std::optional<message_category> category_from_suffix(std::string_view suffix) {
    for (const auto& [known, category] : suffix_map) {
        if (equals_ignoring_case(suffix, known))
            return category;
    }
    return std::nullopt;
}

} // namespace onex::event_bus
