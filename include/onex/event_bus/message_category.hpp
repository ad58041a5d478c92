// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_MESSAGE_CATEGORY_HPP
#define ONEX_EVENT_BUS_MESSAGE_CATEGORY_HPP

#include <optional>
#include <string_view>

namespace onex::event_bus {

/// The three ONEX message categories.
enum class message_category { event, command, intent };

/// "event", "command" or "intent".
std::string_view to_string(message_category c) noexcept;

/// "events", "commands" or "intents".
std::string_view topic_suffix(message_category c) noexcept;

/// The category a topic name carries: the topic is lowercased and split on '.'; fewer than two
/// segments gives none; otherwise the first of `events, commands, intents, evt, cmd, intent` (in
/// that order) that is an exact segment wins. So `"a.commands.events"` is an event, `"user.event"`
/// has none, `"USER.EVENTS"` is an event.
std::optional<message_category> category_from_topic(std::string_view topic);

/// The category for a suffix (`events`, `evt`, `commands`, ..., case-insensitive), or none.
std::optional<message_category> category_from_suffix(std::string_view suffix);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_MESSAGE_CATEGORY_HPP
