// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_DEAD_LETTER_RECORD_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_DEAD_LETTER_RECORD_HPP

#include <onex/event_bus/kafka_headers.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onex::event_bus::detail {

/// What failed, which decides the shape of the dead-letter record.
enum class dead_letter_kind {
    /// A subscriber's handler failed: the offset is written as a JSON string and `retry_count`
    /// comes from the message headers.
    handler_failure,
    /// The record could not be read as a message: the payload gains `failure_type`, offset and
    /// partition are JSON numbers and `retry_count` is 0.
    deserialization_failure
};

/// The `failure_type` written for @ref dead_letter_kind::deserialization_failure.
inline constexpr std::string_view deserialization_failure_type = "deserialization_error";

/// What went wrong with which record. The views must stay valid during the call only.
/// Text may be any bytes: whatever is not valid UTF-8 is replaced by U+FFFD in the record.
struct dead_letter_input {
    dead_letter_kind kind = dead_letter_kind::handler_failure;
    /// The topic the record was consumed from. The caller rejects an empty one.
    std::string_view original_topic;
    /// The record's key; `std::nullopt` when it had none. An empty key is written as `null` too.
    std::optional<std::string_view> key;
    /// The record's value; an empty value is written as `"<no_value>"`.
    std::string_view value;
    /// The record's offset; `std::nullopt` (unknown) is written as `null`.
    std::optional<std::int64_t> offset;
    /// The record's partition; `std::nullopt` (unknown) is written as `null`.
    std::optional<std::int32_t> partition;
    /// The failure's type name, e.g. "std::runtime_error" (an exception's class name).
    std::string_view error_type;
    /// The failure's message; it is sanitized (see @ref sanitize_failure_reason).
    std::string_view error_message;
    /// The correlation id as text. Anything that is not a UUID (empty included) is replaced by a
    /// fresh one, used in both the payload and the headers.
    std::string_view correlation_id;
    /// The message's `retry_count` header; ignored (written as 0) for deserialization failures.
    std::int64_t retry_count = 0;
    /// The consumer group that failed to process the record (a header of ours; not in the payload).
    std::string_view consumer_group;
    /// Optional classification of the failure (e.g. "publisher_malformed"); absent or empty =
    /// omitted.
    std::optional<std::string_view> failure_class;
    /// Optional validation detail (payload only); absent or empty = omitted.
    std::optional<std::string_view> validation_detail;
    /// When the failure is recorded: `failure_timestamp` and the `timestamp` header.
    std::chrono::system_clock::time_point now;
};

/// A dead-letter record ready to be produced; the bus chooses its topic and key.
struct dead_letter_record {
    /// Compact JSON, keys in the order listed at @ref build_dead_letter.
    std::string payload;
    /// The 10 standard headers, then the dead-letter ones.
    std::vector<kafka_header> headers;
};

/// True when `message`, lowercased, contains one of the sensitive markers the ONEX services
/// redact ("password", "token", "auth", "postgres://", ...). Only ASCII letters are lowercased,
/// which is enough since every marker is ASCII.
bool looks_sensitive(std::string_view message) noexcept;

/// The failure reason written to a dead-letter record: `"{error_type}: {message}"`, where a
/// message that @ref looks_sensitive becomes `[REDACTED - potentially sensitive data]` and a
/// message longer than 500 characters (code points, as Python counts them) is cut to its first
/// 500 and gets `... [truncated]` appended. Bytes that are not valid UTF-8 are first replaced by
/// U+FFFD (one character each), so the result is always valid UTF-8.
std::string sanitize_failure_reason(std::string_view error_type, std::string_view message);

/// Builds the dead-letter record for `in`, for the topic `dlq_topic`, in the shape the Python
/// services write and read.
///
/// Payload keys: `original_topic`, `original_message` {`key`, `value`, `offset`, `partition`},
/// `failure_reason`, [`failure_type`], `failure_timestamp`, `correlation_id`, `retry_count`,
/// `error_type`, then `failure_class` and `validation_detail` when given.
///
/// Headers: those of an @ref event_headers with `source` = `environment`, `event_type`
/// "dlq_message" ("dlq_raw_message" for deserialization failures), `correlation_id` and
/// `timestamp` = `in.now` (fresh `message_id`); then `original_topic`, `dlq_topic`,
/// [`failure_type`], `failure_reason`, `failure_timestamp`, [`failure_class`], and ours:
/// `original_partition` and `original_offset` (decimal, omitted when unknown), `consumer_group`,
/// `error_type`. Every header value is valid UTF-8, since consumers that decode the headers (ours
/// and the Python services) refuse a record otherwise.
dead_letter_record build_dead_letter(const dead_letter_input& in, std::string_view environment,
                                     std::string_view dlq_topic);

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_DEAD_LETTER_RECORD_HPP
