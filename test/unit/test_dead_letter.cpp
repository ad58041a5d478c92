// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/utf8.hpp"
#include "common/uuid_text.hpp"
#include "kafka/dead_letter_record.hpp"

#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/kafka_headers.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

using namespace onex::event_bus;
using namespace onex::event_bus::detail;
using namespace std::chrono_literals;
namespace chr = std::chrono;
namespace data = boost::unit_test::data;
namespace json = boost::json;

namespace test_dead_letter {

const chr::system_clock::time_point when = chr::sys_days{2025y / 1 / 15} + 12h + 123456us;
constexpr std::string_view when_text = "2025-01-15T12:00:00.123456+00:00";
constexpr std::string_view some_uuid = "123e4567-e89b-42d3-a456-426614174000";
constexpr std::string_view environment = "dev";
constexpr std::string_view dlq_topic = "onex.dlq.omnibase-infra.intents.v1";
constexpr std::string_view redacted = "[REDACTED - potentially sensitive data]";
constexpr std::string_view truncated = "... [truncated]";
constexpr std::string_view replacement = "\xef\xbf\xbd"; // U+FFFD

struct kind_case {
    std::string_view name;
    dead_letter_kind kind;
};

std::ostream& operator<<(std::ostream& os, const kind_case& c) {
    return os << c.name;
}

const kind_case both_kinds[] = {
    {"handler_failure", dead_letter_kind::handler_failure},
    {"deserialization_failure", dead_letter_kind::deserialization_failure}};

dead_letter_input input(dead_letter_kind kind = dead_letter_kind::handler_failure) {
    dead_letter_input in;
    in.kind = kind;
    in.original_topic = "onex.evt.orders.v1";
    in.key = "order-7";
    in.value = R"({"id":7})";
    in.offset = 42;
    in.partition = 3;
    in.error_type = "std::runtime_error";
    in.error_message = "handler exploded";
    in.correlation_id = some_uuid;
    in.retry_count = 5;
    in.consumer_group = "billing";
    in.now = when;
    return in;
}

dead_letter_record build(const dead_letter_input& in) {
    return build_dead_letter(in, environment, dlq_topic);
}

json::object payload_of(const dead_letter_input& in) {
    const std::string text = build(in).payload;
    BOOST_TEST_REQUIRE(is_valid_utf8(text));
    return json::parse(text).as_object();
}

json::object original_of(const dead_letter_input& in) {
    return payload_of(in).at("original_message").as_object();
}

std::vector<std::string> keys_of(const json::object& o) {
    std::vector<std::string> keys;
    for (const auto& kv : o)
        keys.emplace_back(kv.key());
    return keys;
}

std::vector<std::string> names_of(const std::vector<kafka_header>& headers) {
    std::vector<std::string> names;
    for (const auto& h : headers)
        names.emplace_back(h.name);
    return names;
}

bool has_header(const dead_letter_record& r, std::string_view name) {
    for (const auto& h : r.headers)
        if (h.name == name)
            return true;
    return false;
}

// The value of the one header called `name`.
std::string header(const dead_letter_record& r, std::string_view name) {
    std::optional<std::string> found;
    for (const auto& h : r.headers) {
        if (h.name != name)
            continue;
        BOOST_TEST_REQUIRE(!found, "header '" << name << "' appears twice");
        found = h.value;
    }
    BOOST_TEST_REQUIRE(found.has_value(), "header '" << name << "' is missing");
    return *found;
}

event_headers decode(const dead_letter_record& r) {
    std::vector<kafka_header_view> views;
    for (const auto& h : r.headers)
        views.push_back({h.name, h.value});
    diagnostics diag;
    auto decoded = decode_kafka_headers(views, &diag);
    BOOST_TEST_REQUIRE(decoded.has_value(), diag.message);
    return *decoded;
}

std::string text(const json::value& v) {
    return std::string(v.as_string());
}

std::string repeat(std::string_view unit, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i)
        s += unit;
    return s;
}

const std::vector<std::string> standard_headers = {
    "content_type", "correlation_id", "message_id", "timestamp",   "source",
    "event_type",   "schema_version", "priority",   "retry_count", "max_retries"};

std::vector<std::string> standard_then(std::vector<std::string> rest) {
    std::vector<std::string> all = standard_headers;
    all.insert(all.end(), rest.begin(), rest.end());
    return all;
}

// The peer's SENSITIVE_PATTERNS (omnibase_infra util_error_sanitization.py).
const std::vector<std::string> sensitive_markers = {"password",
                                                    "passwd",
                                                    "pwd",
                                                    "secret",
                                                    "token",
                                                    "api_key",
                                                    "apikey",
                                                    "api-key",
                                                    "access_key",
                                                    "accesskey",
                                                    "access-key",
                                                    "private_key",
                                                    "privatekey",
                                                    "private-key",
                                                    "ssh_key",
                                                    "sshkey",
                                                    "ssh-key",
                                                    "client_secret",
                                                    "clientsecret",
                                                    "client-secret",
                                                    "access_token",
                                                    "accesstoken",
                                                    "access-token",
                                                    "refresh_token",
                                                    "refreshtoken",
                                                    "refresh-token",
                                                    "id_token",
                                                    "idtoken",
                                                    "id-token",
                                                    "session_id",
                                                    "sessionid",
                                                    "session-id",
                                                    "credential",
                                                    "auth",
                                                    "bearer",
                                                    "authorization",
                                                    "connection_string",
                                                    "connectionstring",
                                                    "connection-string",
                                                    "conn_str",
                                                    "connstr",
                                                    "user:pass",
                                                    "username:password",
                                                    "aws_secret",
                                                    "aws_access",
                                                    "vault_token",
                                                    "vaulttoken",
                                                    "vault-token",
                                                    "x-vault-token",
                                                    "consul_token",
                                                    "consultoken",
                                                    "consul-token",
                                                    "consul_http_token",
                                                    "consul-http-token",
                                                    "x-consul-token",
                                                    "db_password",
                                                    "database_password",
                                                    "pgpassword",
                                                    "mysql_pwd",
                                                    "-----begin",
                                                    "-----end",
                                                    "mongodb://",
                                                    "postgres://",
                                                    "postgresql://",
                                                    "mysql://",
                                                    "redis://",
                                                    "rediss://",
                                                    "valkey://",
                                                    "amqp://",
                                                    "kafka://"};

std::string upper(std::string s) {
    for (char& c : s)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return s;
}

// Every other letter upper case: "pAsSwOrD".
std::string mixed(std::string s) {
    for (std::size_t i = 1; i < s.size(); i += 2)
        if (s[i] >= 'a' && s[i] <= 'z')
            s[i] = static_cast<char>(s[i] - 'a' + 'A');
    return s;
}

} // namespace test_dead_letter

BOOST_AUTO_TEST_SUITE(test_dead_letter)

// ---- failure_reason ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(failure_reason_is_the_error_type_then_the_message) {
    BOOST_TEST(sanitize_failure_reason("ValueError", "bad input") == "ValueError: bad input");
    BOOST_TEST(sanitize_failure_reason("std::runtime_error", "") == "std::runtime_error: ");
}

struct length_case {
    std::string_view name;
    std::string_view unit; // one character
    std::size_t count;
};

std::ostream& operator<<(std::ostream& os, const length_case& c) {
    return os << c.name << " x " << c.count;
}

BOOST_DATA_TEST_CASE(messages_over_500_characters_are_cut_to_500_on_character_boundaries,
                     data::make(std::vector<length_case>{
                         {"ascii", "a", 0},
                         {"ascii", "a", 499},
                         {"ascii", "a", 500},
                         {"ascii", "a", 501},
                         {"ascii", "a", 1000},
                         {"two_byte", "\xc3\xa9", 500},
                         {"two_byte", "\xc3\xa9", 501},
                         {"three_byte", "\xe2\x82\xac", 500},
                         {"three_byte", "\xe2\x82\xac", 501},
                         {"four_byte", "\xf0\x9f\x98\x80", 500},
                         {"four_byte", "\xf0\x9f\x98\x80", 501},
                     }),
                     c) {
    const std::string message = repeat(c.unit, c.count);
    const std::string expected =
        c.count <= 500 ? message : repeat(c.unit, 500) + std::string(truncated);
    BOOST_TEST(sanitize_failure_reason("E", message) == "E: " + expected);
}

BOOST_AUTO_TEST_CASE(truncation_keeps_a_multibyte_character_that_straddles_byte_500) {
    // 501 characters; byte 500 is the middle of the euro sign, which is the 500th character.
    const std::string message = std::string(499, 'a') + "\xe2\x82\xac" + "b";
    BOOST_TEST(sanitize_failure_reason("E", message) ==
               "E: " + std::string(499, 'a') + "\xe2\x82\xac" + std::string(truncated));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced_and_each_replacement_counts_as_one_character) {
    BOOST_TEST(sanitize_failure_reason("E\xff", "a\xc3(b") ==
               "E" + std::string(replacement) + ": a" + std::string(replacement) + "(b");
    BOOST_TEST(sanitize_failure_reason("E", std::string(500, '\xff')) ==
               "E: " + repeat(replacement, 500));
    BOOST_TEST(sanitize_failure_reason("E", std::string(501, '\xff')) ==
               "E: " + repeat(replacement, 500) + std::string(truncated));
}

BOOST_DATA_TEST_CASE(every_peer_marker_redacts_the_message_in_any_case,
                     data::make(sensitive_markers), marker) {
    for (const std::string& variant : {marker, upper(marker), mixed(marker)}) {
        const std::string message = "failed near " + variant + "=xyz here";
        BOOST_TEST(looks_sensitive(message), variant);
        BOOST_TEST(sanitize_failure_reason("ConnError", message) ==
                       "ConnError: " + std::string(redacted),
                   variant);
        BOOST_TEST(looks_sensitive(variant), variant);
    }
}

BOOST_DATA_TEST_CASE(messages_without_markers_are_kept,
                     data::make({"connection refused", "broker not available", "to ken",
                                 "pass word", "p-w-d", "postgres:/ /db", "", "\xff\xfe"}),
                     message) {
    BOOST_TEST(!looks_sensitive(message));
    BOOST_TEST(sanitize_failure_reason("E", message) == "E: " + utf8_decode_replace(message));
}

BOOST_AUTO_TEST_CASE(redaction_wins_over_truncation) {
    const std::string message = std::string(600, 'a') + "Password";
    BOOST_TEST(sanitize_failure_reason("E", message) == "E: " + std::string(redacted));
}

BOOST_AUTO_TEST_CASE(only_the_message_is_checked_for_markers_not_the_error_type) {
    BOOST_TEST(sanitize_failure_reason("TokenExpiredError", "expired") ==
               "TokenExpiredError: expired");
}

// ---- payload -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(handler_failure_payload_has_the_peers_keys_in_order) {
    BOOST_TEST(keys_of(payload_of(input())) ==
                   (std::vector<std::string>{"original_topic", "original_message", "failure_reason",
                                             "failure_timestamp", "correlation_id", "retry_count",
                                             "error_type"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(deserialization_failure_payload_has_failure_type_after_failure_reason) {
    BOOST_TEST(keys_of(payload_of(input(dead_letter_kind::deserialization_failure))) ==
                   (std::vector<std::string>{"original_topic", "original_message", "failure_reason",
                                             "failure_type", "failure_timestamp", "correlation_id",
                                             "retry_count", "error_type"}),
               boost::test_tools::per_element());
}

BOOST_DATA_TEST_CASE(original_message_has_key_value_offset_partition_in_order,
                     data::make(both_kinds), c) {
    BOOST_TEST(keys_of(original_of(input(c.kind))) ==
                   (std::vector<std::string>{"key", "value", "offset", "partition"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(handler_failure_payload_values) {
    const json::object p = payload_of(input());
    BOOST_TEST(text(p.at("original_topic")) == "onex.evt.orders.v1");
    const json::object& m = p.at("original_message").as_object();
    BOOST_TEST(text(m.at("key")) == "order-7");
    BOOST_TEST(text(m.at("value")) == R"({"id":7})");
    BOOST_TEST(text(p.at("failure_reason")) == "std::runtime_error: handler exploded");
    BOOST_TEST(text(p.at("failure_timestamp")) == when_text);
    BOOST_TEST(text(p.at("correlation_id")) == some_uuid);
    BOOST_TEST(p.at("retry_count").as_int64() == 5);
    BOOST_TEST(text(p.at("error_type")) == "std::runtime_error");
}

BOOST_AUTO_TEST_CASE(deserialization_failure_payload_values) {
    const json::object p = payload_of(input(dead_letter_kind::deserialization_failure));
    BOOST_TEST(text(p.at("failure_type")) == "deserialization_error");
    BOOST_TEST(text(p.at("failure_type")) == deserialization_failure_type);
    BOOST_TEST(p.at("retry_count").as_int64() == 0); // the input says 5
    BOOST_TEST(text(p.at("failure_reason")) == "std::runtime_error: handler exploded");
    BOOST_TEST(text(p.at("failure_timestamp")) == when_text);
    BOOST_TEST(text(p.at("correlation_id")) == some_uuid);
}

BOOST_AUTO_TEST_CASE(handler_failure_offset_is_a_json_string_and_partition_a_number) {
    const json::object m = original_of(input());
    BOOST_TEST_REQUIRE(m.at("offset").is_string());
    BOOST_TEST(text(m.at("offset")) == "42");
    BOOST_TEST_REQUIRE(m.at("partition").is_int64());
    BOOST_TEST(m.at("partition").as_int64() == 3);
}

BOOST_AUTO_TEST_CASE(deserialization_failure_offset_and_partition_are_json_numbers) {
    const json::object m = original_of(input(dead_letter_kind::deserialization_failure));
    BOOST_TEST_REQUIRE(m.at("offset").is_int64());
    BOOST_TEST(m.at("offset").as_int64() == 42);
    BOOST_TEST_REQUIRE(m.at("partition").is_int64());
    BOOST_TEST(m.at("partition").as_int64() == 3);
}

BOOST_AUTO_TEST_CASE(the_largest_offset_is_written_exactly) {
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    auto in = input();
    in.offset = max;
    BOOST_TEST(text(original_of(in).at("offset")) == "9223372036854775807");
    in.kind = dead_letter_kind::deserialization_failure;
    BOOST_TEST(original_of(in).at("offset").as_int64() == max);
}

BOOST_DATA_TEST_CASE(unknown_offset_and_partition_are_null, data::make(both_kinds), c) {
    auto in = input(c.kind);
    in.offset.reset();
    in.partition.reset();
    const json::object m = original_of(in);
    BOOST_TEST(m.at("offset").is_null());
    BOOST_TEST(m.at("partition").is_null());
}

BOOST_DATA_TEST_CASE(a_missing_or_empty_key_is_null, data::make(both_kinds), c) {
    auto in = input(c.kind);
    in.key.reset();
    BOOST_TEST(original_of(in).at("key").is_null());
    in.key = "";
    BOOST_TEST(original_of(in).at("key").is_null());
}

BOOST_DATA_TEST_CASE(an_empty_value_is_the_no_value_marker, data::make(both_kinds), c) {
    auto in = input(c.kind);
    in.value = "";
    BOOST_TEST(text(original_of(in).at("value")) == "<no_value>");
}

BOOST_DATA_TEST_CASE(invalid_utf8_in_key_and_value_is_replaced, data::make(both_kinds), c) {
    auto in = input(c.kind);
    in.key = "k\xff";
    in.value = "\xc3(v";
    const json::object m = original_of(in);
    BOOST_TEST(text(m.at("key")) == "k" + std::string(replacement));
    BOOST_TEST(text(m.at("value")) == std::string(replacement) + "(v");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_any_text_field_still_gives_valid_json) {
    auto in = input();
    in.original_topic = "topic\xff";
    in.error_type = "Err\xfe";
    in.failure_class = "class\xc3";
    in.validation_detail = "detail\x80";
    const json::object p = payload_of(in); // requires valid UTF-8 and parses
    BOOST_TEST(text(p.at("original_topic")) == "topic" + std::string(replacement));
    BOOST_TEST(text(p.at("error_type")) == "Err" + std::string(replacement));
    BOOST_TEST(text(p.at("failure_class")) == "class" + std::string(replacement));
    BOOST_TEST(text(p.at("validation_detail")) == "detail" + std::string(replacement));
}

BOOST_AUTO_TEST_CASE(the_payload_is_compact_json) {
    const std::string payload = build(input()).payload;
    // Boost.JSON's serializer writes no whitespace, so a compact text survives a round trip.
    BOOST_TEST(json::serialize(json::parse(payload)) == payload);
    BOOST_TEST(payload.rfind(R"({"original_topic":"onex.evt.orders.v1","original_message":{)", 0) ==
               0u);
}

struct optional_case {
    std::string_view name;
    std::optional<std::string_view> failure_class;
    std::optional<std::string_view> validation_detail;
    std::vector<std::string> extra_keys;
};

std::ostream& operator<<(std::ostream& os, const optional_case& c) {
    return os << c.name;
}

const std::vector<optional_case> optional_cases = {
    {"neither", std::nullopt, std::nullopt, {}},
    {"both_empty", "", "", {}},
    {"class_only", "no_dispatcher", std::nullopt, {"failure_class"}},
    {"detail_only", std::nullopt, "field required", {"validation_detail"}},
    {"both", "publisher_malformed", "field required", {"failure_class", "validation_detail"}},
};

BOOST_DATA_TEST_CASE(optional_keys_are_appended_only_when_given,
                     data::make(optional_cases) * data::make(both_kinds), c, k) {
    auto in = input(k.kind);
    in.failure_class = c.failure_class;
    in.validation_detail = c.validation_detail;
    const json::object p = payload_of(in);
    std::vector<std::string> expected = keys_of(payload_of(input(k.kind)));
    expected.insert(expected.end(), c.extra_keys.begin(), c.extra_keys.end());
    BOOST_TEST(keys_of(p) == expected, boost::test_tools::per_element());
    if (p.contains("failure_class"))
        BOOST_TEST(text(p.at("failure_class")) == *c.failure_class);
    if (p.contains("validation_detail"))
        BOOST_TEST(text(p.at("validation_detail")) == *c.validation_detail);
}

BOOST_AUTO_TEST_CASE(a_sensitive_message_is_redacted_in_payload_and_header) {
    auto in = input();
    in.error_message = "login failed: Bearer abc";
    const dead_letter_record r = build(in);
    const std::string expected = "std::runtime_error: " + std::string(redacted);
    BOOST_TEST(text(json::parse(r.payload).at("failure_reason")) == expected);
    BOOST_TEST(header(r, "failure_reason") == expected);
    BOOST_TEST(r.payload.find("abc") == std::string::npos);
}

// ---- correlation id ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_valid_correlation_id_is_kept_in_canonical_form) {
    auto in = input();
    in.correlation_id = "{123E4567-E89B-42D3-A456-426614174000}";
    const dead_letter_record r = build(in);
    BOOST_TEST(text(json::parse(r.payload).at("correlation_id")) == some_uuid);
    BOOST_TEST(header(r, "correlation_id") == some_uuid);
}

BOOST_DATA_TEST_CASE(an_invalid_correlation_id_is_replaced_by_one_fresh_id,
                     data::make({"", "not-a-uuid", "123e4567",
                                 "123e4567-e89b-42d3-a456-42661417400g"}),
                     bad) {
    auto in = input();
    in.correlation_id = bad;
    const dead_letter_record r = build(in);
    const std::string in_payload = text(json::parse(r.payload).at("correlation_id"));
    BOOST_TEST(parse_uuid(in_payload).has_value());
    BOOST_TEST(!parse_uuid(in_payload)->is_nil());
    BOOST_TEST(header(r, "correlation_id") == in_payload); // the same fresh id in both
    BOOST_TEST(text(json::parse(build(in).payload).at("correlation_id")) != in_payload);
}

// ---- headers -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(handler_failure_header_names_and_order) {
    BOOST_TEST(names_of(build(input()).headers) ==
                   standard_then({"original_topic", "dlq_topic", "failure_reason",
                                  "failure_timestamp", "original_partition", "original_offset",
                                  "consumer_group", "error_type"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(deserialization_failure_header_names_and_order) {
    BOOST_TEST(names_of(build(input(dead_letter_kind::deserialization_failure)).headers) ==
                   standard_then({"original_topic", "dlq_topic", "failure_type", "failure_reason",
                                  "failure_timestamp", "original_partition", "original_offset",
                                  "consumer_group", "error_type"}),
               boost::test_tools::per_element());
}

BOOST_DATA_TEST_CASE(failure_class_header_follows_failure_timestamp_only_when_given,
                     data::make(optional_cases) * data::make(both_kinds), c, k) {
    auto in = input(k.kind);
    in.failure_class = c.failure_class;
    in.validation_detail = c.validation_detail;
    const dead_letter_record r = build(in);
    const bool given = c.failure_class && !c.failure_class->empty();
    BOOST_TEST(has_header(r, "failure_class") == given);
    BOOST_TEST(!has_header(r, "validation_detail"));
    if (given) {
        BOOST_TEST(header(r, "failure_class") == *c.failure_class);
        const auto names = names_of(r.headers);
        const auto at = std::find(names.begin(), names.end(), "failure_class");
        BOOST_TEST(*(at - 1) == "failure_timestamp");
        BOOST_TEST(*(at + 1) == "original_partition");
    }
}

BOOST_DATA_TEST_CASE(unknown_offset_and_partition_headers_are_omitted, data::make(both_kinds), c) {
    auto in = input(c.kind);
    in.offset.reset();
    in.partition.reset();
    const dead_letter_record r = build(in);
    BOOST_TEST(!has_header(r, "original_offset"));
    BOOST_TEST(!has_header(r, "original_partition"));
    BOOST_TEST(names_of(r.headers).back() == "error_type");
}

BOOST_DATA_TEST_CASE(standard_headers_describe_the_dead_letter_record, data::make(both_kinds), c) {
    const event_headers h = decode(build(input(c.kind)));
    BOOST_TEST(h.content_type == "application/json");
    BOOST_TEST(boost::uuids::to_string(h.correlation_id) == some_uuid);
    BOOST_TEST(!h.message_id.is_nil());
    BOOST_TEST(h.message_id != h.correlation_id);
    BOOST_TEST((h.timestamp == when));
    BOOST_TEST(h.source == environment);
    BOOST_TEST(h.event_type ==
               (c.kind == dead_letter_kind::handler_failure ? "dlq_message" : "dlq_raw_message"));
    BOOST_TEST(h.schema_version == "1.0.0");
    BOOST_TEST(h.retry_count == 0);
    BOOST_TEST(h.max_retries == 3);
}

BOOST_DATA_TEST_CASE(dead_letter_header_values, data::make(both_kinds), c) {
    const dead_letter_record r = build(input(c.kind));
    BOOST_TEST(header(r, "original_topic") == "onex.evt.orders.v1");
    BOOST_TEST(header(r, "dlq_topic") == dlq_topic);
    BOOST_TEST(header(r, "failure_reason") == "std::runtime_error: handler exploded");
    BOOST_TEST(header(r, "failure_timestamp") == when_text);
    BOOST_TEST(header(r, "original_partition") == "3");
    BOOST_TEST(header(r, "original_offset") == "42");
    BOOST_TEST(header(r, "consumer_group") == "billing");
    BOOST_TEST(header(r, "error_type") == "std::runtime_error");
    if (c.kind == dead_letter_kind::deserialization_failure)
        BOOST_TEST(header(r, "failure_type") == "deserialization_error");
    else
        BOOST_TEST(!has_header(r, "failure_type"));
}

BOOST_AUTO_TEST_CASE(header_values_are_always_valid_utf8) {
    auto in = input();
    in.original_topic = "t\xff";
    in.error_type = "E\xfe";
    in.error_message = "m\xc3";
    in.consumer_group = "g\x80";
    in.failure_class = "c\xf0\x9f";
    const dead_letter_record r = build_dead_letter(in, "env\xff", "dlq\xfe");
    for (const auto& h : r.headers)
        BOOST_TEST(is_valid_utf8(h.value), h.name);
    BOOST_TEST(decode(r).source == "env" + std::string(replacement));
    BOOST_TEST(header(r, "dlq_topic") == "dlq" + std::string(replacement));
    BOOST_TEST(header(r, "consumer_group") == "g" + std::string(replacement));
}

BOOST_AUTO_TEST_CASE(a_zero_time_has_no_fraction) {
    auto in = input();
    in.now = chr::sys_days{2025y / 1 / 15} + 12h;
    const dead_letter_record r = build(in);
    BOOST_TEST(text(json::parse(r.payload).at("failure_timestamp")) == "2025-01-15T12:00:00+00:00");
    BOOST_TEST(header(r, "failure_timestamp") == "2025-01-15T12:00:00+00:00");
    BOOST_TEST(header(r, "timestamp") == "2025-01-15T12:00:00+00:00");
}

BOOST_AUTO_TEST_SUITE_END()
