// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/utf8.hpp"
#include "common/uuid_text.hpp"
#include "kafka/dead_letter_record.hpp"

#include <onex/event_bus/event_headers.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <algorithm>
#include <array>
#include <cstddef>

namespace onex::event_bus::detail {
namespace {

// The sensitive markers of the ONEX services, in their order. Some contain others
// ("access_token" / "token"); they are kept so that the list matches theirs entry for entry.
// clang-format off
constexpr auto sensitive_markers = std::to_array<std::string_view>({
    "password", "passwd", "pwd",
    "secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "access-key",
    "private_key", "privatekey", "private-key",
    "ssh_key", "sshkey", "ssh-key",
    "client_secret", "clientsecret", "client-secret", "access_token", "accesstoken",
    "access-token", "refresh_token", "refreshtoken", "refresh-token", "id_token", "idtoken",
    "id-token",
    "session_id", "sessionid", "session-id",
    "credential", "auth", "bearer", "authorization",
    "connection_string", "connectionstring", "connection-string", "conn_str", "connstr",
    "user:pass", "username:password",
    "aws_secret", "aws_access",
    "vault_token", "vaulttoken", "vault-token", "x-vault-token",
    "consul_token", "consultoken", "consul-token", "consul_http_token", "consul-http-token",
    "x-consul-token",
    "db_password", "database_password", "pgpassword", "mysql_pwd",
    "-----begin", "-----end",
    "mongodb://", "postgres://", "postgresql://", "mysql://", "redis://", "rediss://",
    "valkey://", "amqp://", "kafka://",
});
// clang-format on

constexpr std::string_view redacted = "[REDACTED - potentially sensitive data]";
constexpr std::string_view truncated = "... [truncated]";
constexpr std::size_t max_message_chars = 500;

char ascii_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The byte length of the first `chars` code points of the valid UTF-8 `s`, or npos when `s` has
// no more than that many.
std::size_t code_point_prefix(std::string_view s, std::size_t chars) noexcept {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool starts_code_point = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
        if (starts_code_point && seen++ == chars)
            return i;
    }
    return std::string_view::npos;
}

bool is_raw(const dead_letter_input& in) noexcept {
    return in.kind == dead_letter_kind::deserialization_failure;
}

// An empty value counts as absent: the field is omitted, not written empty.
std::optional<std::string_view> non_empty(std::optional<std::string_view> v) noexcept {
    return v && !v->empty() ? v : std::nullopt;
}

boost::json::value offset_json(const dead_letter_input& in) {
    if (!in.offset)
        return nullptr;
    // A handler failure writes the offset as text, as event_message keeps it; a deserialization
    // failure writes the record's offset as a number.
    if (is_raw(in))
        return *in.offset;
    return boost::json::string(std::to_string(*in.offset));
}

boost::json::object original_message(const dead_letter_input& in) {
    boost::json::object m;
    const auto key = non_empty(in.key);
    m.emplace("key", key ? boost::json::value(utf8_decode_replace(*key)) : nullptr);
    m.emplace("value",
              in.value.empty() ? std::string("<no_value>") : utf8_decode_replace(in.value));
    m.emplace("offset", offset_json(in));
    m.emplace("partition", in.partition ? boost::json::value(*in.partition) : nullptr);
    return m;
}

// The values both the payload and the headers carry.
struct failure_facts {
    std::string reason;
    std::string timestamp;
    boost::uuids::uuid correlation_id;
};

std::string payload(const dead_letter_input& in, const failure_facts& facts) {
    boost::json::object p;
    p.emplace("original_topic", utf8_decode_replace(in.original_topic));
    p.emplace("original_message", original_message(in));
    p.emplace("failure_reason", facts.reason);
    if (is_raw(in))
        p.emplace("failure_type", deserialization_failure_type);
    p.emplace("failure_timestamp", facts.timestamp);
    p.emplace("correlation_id", boost::uuids::to_string(facts.correlation_id));
    p.emplace("retry_count", is_raw(in) ? 0 : in.retry_count);
    p.emplace("error_type", utf8_decode_replace(in.error_type));
    if (const auto v = non_empty(in.failure_class))
        p.emplace("failure_class", utf8_decode_replace(*v));
    if (const auto v = non_empty(in.validation_detail))
        p.emplace("validation_detail", utf8_decode_replace(*v));
    return boost::json::serialize(p);
}

std::vector<kafka_header> headers(const dead_letter_input& in, const failure_facts& facts,
                                  std::string_view environment, std::string_view dlq_topic) {
    event_headers h;
    h.content_type = "application/json";
    h.correlation_id = facts.correlation_id;
    h.timestamp = in.now;
    h.source = utf8_decode_replace(environment);
    h.event_type = is_raw(in) ? "dlq_raw_message" : "dlq_message";
    std::vector<kafka_header> out = encode_kafka_headers(h);
    const auto add = [&out](std::string_view name, std::string value) {
        out.push_back({name, std::move(value)});
    };
    add("original_topic", utf8_decode_replace(in.original_topic));
    add("dlq_topic", utf8_decode_replace(dlq_topic));
    if (is_raw(in))
        add("failure_type", std::string(deserialization_failure_type));
    add("failure_reason", facts.reason);
    add("failure_timestamp", facts.timestamp);
    if (const auto v = non_empty(in.failure_class))
        add("failure_class", utf8_decode_replace(*v));
    if (in.partition)
        add("original_partition", std::to_string(*in.partition));
    if (in.offset)
        add("original_offset", std::to_string(*in.offset));
    add("consumer_group", utf8_decode_replace(in.consumer_group));
    add("error_type", utf8_decode_replace(in.error_type));
    return out;
}

} // namespace

bool looks_sensitive(std::string_view message) noexcept {
    // The markers are lowercase. std::search rather than std::ranges::search: clang 14 (the
    // fuzzers' and clang-tidy's compiler) rejects libstdc++ 12's ranges::subrange.
    const auto matches = [](char c, char marker_char) { return ascii_lower(c) == marker_char; };
    return std::ranges::any_of(sensitive_markers, [&](std::string_view marker) {
        return std::search(message.begin(), message.end(), marker.begin(), marker.end(), matches) !=
               message.end();
    });
}

std::string sanitize_failure_reason(std::string_view error_type, std::string_view message) {
    std::string reason = utf8_decode_replace(error_type) + ": ";
    if (looks_sensitive(message))
        return reason.append(redacted);
    std::string text = utf8_decode_replace(message);
    if (const auto cut = code_point_prefix(text, max_message_chars); cut != std::string::npos) {
        text.resize(cut);
        text.append(truncated);
    }
    return reason.append(text);
}

dead_letter_record build_dead_letter(const dead_letter_input& in, std::string_view environment,
                                     std::string_view dlq_topic) {
    const auto parsed = parse_uuid(in.correlation_id);
    const failure_facts facts{sanitize_failure_reason(in.error_type, in.error_message),
                              format_timestamp(in.now), parsed ? *parsed : new_uuid()};
    return {payload(in, facts), headers(in, facts, environment, dlq_topic)};
}

} // namespace onex::event_bus::detail
