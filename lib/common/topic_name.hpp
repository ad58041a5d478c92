// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_COMMON_TOPIC_NAME_HPP
#define ONEX_EVENT_BUS_LIB_COMMON_TOPIC_NAME_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace onex::event_bus::detail {

/// The longest topic name accepted, in characters (code points, as Python's `len`).
inline constexpr std::size_t max_topic_name_length = 255;

/// Why `topic` is not a usable Kafka topic name, with the exact message text other ONEX services
/// give, or `std::nullopt` when it is valid. The rules, checked in this order: not empty; at most
/// @ref max_topic_name_length characters; not `.` or `..`; only `[a-zA-Z0-9._-]`.
///
/// The topic is quoted in the message with ill-formed UTF-8 replaced by U+FFFD and ASCII control
/// characters written as `\xNN`, so the message is always printable UTF-8.
std::optional<std::string> topic_name_error(std::string_view topic);

/// True when `topic` follows the ONEX naming convention:
/// `onex.(evt|cmd|intent|dlq).<producer>.<event-name>.v<N>` (the event name may contain dots),
/// or the legacy dead-letter form `<prefix>.dlq.<name>.v<N>`. Kafka-internal topics, those
/// starting with `__`, are exempt and count as valid. `N` is a positive integer without
/// leading zeros.
bool is_onex_topic(std::string_view topic) noexcept;

/// What publishing does with a topic that fails @ref is_onex_topic
/// (environment variable `ONEX_TOPIC_ENFORCEMENT_MODE`).
enum class topic_enforcement {
    warn,   ///< Log a warning and publish anyway (the default).
    reject, ///< Fail the publish with a configuration error (@ref onex_format_error).
    off,    ///< Do not check.
};

/// Parses `ONEX_TOPIC_ENFORCEMENT_MODE`, ignoring case and surrounding whitespace.
/// An unset variable (`std::nullopt`) or an unknown value means @ref topic_enforcement::warn.
topic_enforcement parse_topic_enforcement(std::optional<std::string_view> value) noexcept;

/// The message for a topic rejected by @ref topic_enforcement::reject, as other ONEX services
/// word it; the topic is quoted as in @ref topic_name_error.
std::string onex_format_error(std::string_view topic);

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_COMMON_TOPIC_NAME_HPP
