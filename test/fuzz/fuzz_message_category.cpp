// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// Topic-name functions on arbitrary bytes. Invariants, from message_category.hpp and
// lib/common/topic_name.hpp:
// - category_from_topic agrees with a plain reading of its rules (lowercase, split on '.', fewer
//   than two segments gives none, else the first of events, commands, intents, evt, cmd, intent
//   that is a segment);
// - topic_name_error is empty exactly when the topic is non-empty, at most 255 characters, not
//   "." or "..", and made of [a-zA-Z0-9._-]; its message is printable UTF-8;
// - a topic is_onex_topic accepts has no topic_name_error, unless it is a Kafka-internal topic
//   (leading "__", exempt from the ONEX check whatever follows) or longer than 255 characters
//   (the ONEX pattern sets no length limit);
// - onex_format_error is printable UTF-8 and parse_topic_enforcement does not crash.

#include "common/topic_name.hpp"
#include "common/utf8.hpp"
#include "fuzz_common.hpp"

#include <onex/event_bus/message_category.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace onex::event_bus;

namespace {

std::vector<std::string> lowercase_segments(std::string_view topic) {
    std::vector<std::string> out(1);
    for (const char c : topic) {
        if (c == '.')
            out.emplace_back();
        else
            out.back() += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

std::optional<message_category> expected_category(std::string_view topic) {
    static constexpr std::array<std::pair<std::string_view, message_category>, 6> suffixes{{
        {"events", message_category::event},
        {"commands", message_category::command},
        {"intents", message_category::intent},
        {"evt", message_category::event},
        {"cmd", message_category::command},
        {"intent", message_category::intent},
    }};
    const auto segments = lowercase_segments(topic);
    if (segments.size() < 2)
        return std::nullopt;
    for (const auto& [suffix, category] : suffixes) {
        if (std::find(segments.begin(), segments.end(), suffix) != segments.end())
            return category;
    }
    return std::nullopt;
}

bool is_topic_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

// Topic characters are ASCII, so a valid name's bytes are its characters.
bool expected_valid(std::string_view topic) {
    return !topic.empty() && topic.size() <= detail::max_topic_name_length && topic != "." &&
           topic != ".." && std::all_of(topic.begin(), topic.end(), is_topic_char);
}

bool is_printable_utf8(std::string_view text) {
    return detail::is_valid_utf8(text) && std::none_of(text.begin(), text.end(), [](char c) {
               const auto b = static_cast<unsigned char>(c);
               return b < 0x20 || b == 0x7F;
           });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view topic = fuzz::as_text(data, size);

    ONEX_FUZZ_REQUIRE(category_from_topic(topic) == expected_category(topic));
    (void)category_from_suffix(topic);

    const auto error = detail::topic_name_error(topic);
    ONEX_FUZZ_REQUIRE(error.has_value() != expected_valid(topic));
    if (error)
        ONEX_FUZZ_REQUIRE(!error->empty() && is_printable_utf8(*error));

    if (detail::is_onex_topic(topic) && !topic.starts_with("__") &&
        topic.size() <= detail::max_topic_name_length)
        ONEX_FUZZ_REQUIRE(!error);

    ONEX_FUZZ_REQUIRE(is_printable_utf8(detail::onex_format_error(topic)));
    (void)detail::parse_topic_enforcement(topic);
    return 0;
}
