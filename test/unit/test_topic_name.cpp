// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/topic_name.hpp"
#include "common/utf8.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

using namespace onex::event_bus::detail;

namespace test_topic_name {

// The peer's messages, spelled out independently of the implementation.
std::string too_long(std::string_view shown) {
    return "Topic name '" + std::string(shown) + "' exceeds maximum length of 255 characters";
}

std::string reserved(std::string_view shown) {
    return "Topic name '" + std::string(shown) + "' is reserved and cannot be used";
}

std::string invalid_chars(std::string_view shown) {
    return "Topic name '" + std::string(shown) +
           "' contains invalid characters. Only alphanumeric characters, periods (.), "
           "underscores (_), and hyphens (-) are allowed";
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

struct name_case {
    std::string name;
    std::string topic;
    std::optional<std::string> error;
};

std::ostream& operator<<(std::ostream& os, const name_case& c) {
    return os << c.name;
}

const std::string e_acute = "\xC3\xA9";          // U+00E9, two bytes
const std::string replacement = "\xEF\xBF\xBD";  // U+FFFD
const std::string grinning = "\xF0\x9F\x98\x80"; // U+1F600, four bytes

std::vector<name_case> name_cases() {
    const std::string max_ascii = repeat("a", 255);
    const std::string over_ascii = repeat("a", 256);
    const std::string max_unicode = repeat(e_acute, 255);  // 510 bytes, 255 characters
    const std::string over_unicode = repeat(e_acute, 256); // 512 bytes, 256 characters
    const std::string max_emoji = repeat(grinning, 255);   // 1020 bytes, 255 characters
    const std::string over_invalid = repeat("\xFF", 256);  // 256 ill-formed bytes
    const std::string max_invalid = repeat("\xFF", 255);
    const std::string dots = repeat(".", 256);
    const std::string long_bad = repeat("a b", 100); // 300 characters, and a space
    return {
        // Valid: every allowed character class, and the boundaries.
        {"lowercase", "events", std::nullopt},
        {"uppercase", "EVENTS", std::nullopt},
        {"digits", "0123456789", std::nullopt},
        {"period", "a.b", std::nullopt},
        {"underscore", "a_b", std::nullopt},
        {"hyphen", "a-b", std::nullopt},
        {"all_classes", "Az09._-", std::nullopt},
        {"single_char", "x", std::nullopt},
        {"single_hyphen", "-", std::nullopt},
        {"single_underscore", "_", std::nullopt},
        {"three_dots_are_not_reserved", "...", std::nullopt},
        {"dot_underscore", "._", std::nullopt},
        {"kafka_internal", "__consumer_offsets", std::nullopt},
        {"onex_topic", "onex.evt.platform.user-created.v1", std::nullopt},
        {"exactly_255", max_ascii, std::nullopt},
        // Empty.
        {"empty", "", "Topic name cannot be empty"},
        // Length, counted in characters, and checked before anything else.
        {"256_ascii", over_ascii, too_long(over_ascii)},
        {"256_dots_is_too_long_not_reserved", dots, too_long(dots)},
        {"too_long_wins_over_bad_chars", long_bad, too_long(long_bad)},
        {"255_two_byte_chars_are_not_too_long", max_unicode, invalid_chars(max_unicode)},
        {"256_two_byte_chars_are_too_long", over_unicode, too_long(over_unicode)},
        {"255_four_byte_chars_are_not_too_long", max_emoji, invalid_chars(max_emoji)},
        {"255_ill_formed_bytes_are_not_too_long", max_invalid,
         invalid_chars(repeat(replacement, 255))},
        {"256_ill_formed_bytes_are_too_long", over_invalid, too_long(repeat(replacement, 256))},
        // Reserved.
        {"dot", ".", reserved(".")},
        {"dot_dot", "..", reserved("..")},
        // Invalid characters: punctuation, whitespace, controls, non-ASCII.
        {"space", "a b", invalid_chars("a b")},
        {"slash", "a/b", invalid_chars("a/b")},
        {"backslash", "a\\b", invalid_chars("a\\b")},
        {"colon", "a:b", invalid_chars("a:b")},
        {"at", "a@b", invalid_chars("a@b")},
        {"hash", "a#b", invalid_chars("a#b")},
        {"plus", "a+b", invalid_chars("a+b")},
        {"star", "a*b", invalid_chars("a*b")},
        {"comma", "a,b", invalid_chars("a,b")},
        {"exclamation", "bad topic!", invalid_chars("bad topic!")},
        {"tilde", "a~b", invalid_chars("a~b")},
        {"quote", "a'b", invalid_chars("a'b")},
        {"bracket", "a[b]", invalid_chars("a[b]")},
        {"leading_space", " a", invalid_chars(" a")},
        {"only_space", " ", invalid_chars(" ")},
        {"tab", "a\tb", invalid_chars("a\\x09b")},
        {"trailing_newline", "abc\n", invalid_chars("abc\\x0A")},
        {"nul", std::string("a\0b", 3), invalid_chars("a\\x00b")},
        {"escape", "a\x1B[31m", invalid_chars("a\\x1B[31m")},
        {"delete", "a\x7F", invalid_chars("a\\x7F")},
        {"latin_letter", "caf" + e_acute, invalid_chars("caf" + e_acute)},
        {"cjk", "\xE4\xBA\x8B\xE4\xBB\xB6", invalid_chars("\xE4\xBA\x8B\xE4\xBB\xB6")},
        {"emoji", "a" + grinning, invalid_chars("a" + grinning)},
        {"fullwidth_digit", "a\xEF\xBC\x91", invalid_chars("a\xEF\xBC\x91")},
        {"ill_formed_byte",
         "a\xFF"
         "b",
         invalid_chars("a" + replacement + "b")},
        {"truncated_sequence", "a\xE2\x82", invalid_chars("a" + replacement)},
        {"latin1_byte", "caf\xE9", invalid_chars("caf" + replacement)},
    };
}

std::vector<name_case> error_cases() {
    std::vector<name_case> out = name_cases();
    std::erase_if(out, [](const name_case& c) { return !c.error; });
    return out;
}

bool has_control_byte(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b < 0x20 || b == 0x7F;
    });
}

struct format_case {
    std::string_view topic;
    bool onex;
};

std::ostream& operator<<(std::ostream& os, const format_case& c) {
    return os << '"' << c.topic << '"';
}

const format_case format_cases[] = {
    // Canonical ONEX topics.
    {"onex.evt.platform.user-created.v1", true},
    {"onex.cmd.platform.create-user.v1", true},
    {"onex.intent.agent.plan.v3", true},
    {"onex.dlq.platform.user-created.v1", true},
    {"onex.evt.platform.a.b.v2", true},
    {"onex.evt.platform.a.b.c.d.v2", true},
    {"onex.evt.p.x.v10", true},
    {"onex.evt.p.x.v1234567890123", true},
    {"onex.evt.0.0.v1", true},
    {"onex.evt.-.-.v1", true},
    {"onex.evt.p.name_with_underscore.v1", true},
    {"onex.evt.p...v1", true},
    {"onex.evt.p.x..v1", true},
    {"onex.evt.p.v1.v2", true},
    {"onex.evt.p.x.v1.v1", true},
    {"onex.evt.onex.evt.v1", true},
    {"onex.cmd.my-service-2.do-it.v9", true},
    // Legacy dead-letter topics.
    {"dev.dlq.user-events.v1", true},
    {"a.dlq.b.v1", true},
    {"prod-1.dlq.x-y.v20", true},
    {"a-.dlq.-.v1", true},
    // Kafka-internal topics are exempt.
    {"__consumer_offsets", true},
    {"__transaction_state", true},
    {"__", true},
    {"__Not An ONEX topic!", true},
    // Not ONEX.
    {"", false},
    {"_onex.evt.p.x.v1", false},
    {"_", false},
    {"dev.broadcast", false},
    {"dev.user-group", false},
    {"onex.evt.platform.user-created", false},
    {"onex.evt.platform.user-created.v0", false},
    {"onex.evt.platform.user-created.v01", false},
    {"onex.evt.platform.user-created.V1", false},
    {"onex.evt.platform.user-created.v", false},
    {"onex.evt.platform.user-created.1", false},
    {"onex.evt.platform.user-created.v1x", false},
    {"onex.evt.platform.user-created.v1.", false},
    {"onex.evt.platform.user-created.v-1", false},
    {"onex.evt.platform.v1", false},
    {"onex.evt.p..v1", false},
    {"onex.evt..x.v1", false},
    {"onex.event.platform.x.v1", false},
    {"onex.evt", false},
    {"onex.evt.", false},
    {"onex.evtx.p.x.v1", false},
    {"onex.cmdx.p.x.v1", false},
    {"onex..p.x.v1", false},
    {"onex.evt.Platform.x.v1", false},
    {"onex.evt.platform.X.v1", false},
    {"onex.evt.plat_form.x.v1", false},
    {"ONEX.evt.p.x.v1", false},
    {"xonex.evt.p.x.v1", false},
    {" onex.evt.p.x.v1", false},
    {"onex.evt.p.x.v1 ", false},
    {"onex.evt.p.x y.v1", false},
    // Python's `$` would also match before a final newline; Kafka rejects the name anyway.
    {"onex.evt.p.x.v1\n", false},
    // Python's `\d` would match any Unicode digit (here U+0661); only ASCII digits count.
    {"onex.evt.p.x.v1\xD9\xA1", false},
    {"Dev.dlq.x.v1", false},
    {"1dev.dlq.x.v1", false},
    {"-dev.dlq.x.v1", false},
    {"dev_env.dlq.x.v1", false},
    {"dev.DLQ.x.v1", false},
    {"dev.dlqx.x.v1", false},
    {"dev.dlq.x.y.v1", false},
    {"dev.dlq..v1", false},
    {"dev.dlq.x_y.v1", false},
    {"dev.dlq.x.v0", false},
    {"dev.dlq.x.v", false},
    {".dlq.x.v1", false},
    {"dev.dlq.x", false},
    {"dev.dlq.x.v1.v2", false},
};

struct mode_case {
    std::optional<std::string_view> value;
    topic_enforcement expected;
};

std::ostream& operator<<(std::ostream& os, const mode_case& c) {
    return os << (c.value ? '"' + std::string(*c.value) + '"' : std::string("unset"));
}

const mode_case mode_cases[] = {
    {std::nullopt, topic_enforcement::warn},
    {"warn", topic_enforcement::warn},
    {"reject", topic_enforcement::reject},
    {"off", topic_enforcement::off},
    {"WARN", topic_enforcement::warn},
    {"Reject", topic_enforcement::reject},
    {"REJECT", topic_enforcement::reject},
    {"oFf", topic_enforcement::off},
    {" reject ", topic_enforcement::reject},
    {"\treject\n", topic_enforcement::reject},
    {"\r\v\foff\f", topic_enforcement::off},
    {"\x1Creject\x1F", topic_enforcement::reject},
    {"", topic_enforcement::warn},
    {"   ", topic_enforcement::warn},
    {"rejected", topic_enforcement::warn},
    {"re ject", topic_enforcement::warn},
    {"of", topic_enforcement::warn},
    {"offf", topic_enforcement::warn},
    {"none", topic_enforcement::warn},
    {"strict", topic_enforcement::warn},
    {"1", topic_enforcement::warn},
    {std::string_view("reject\0", 7), topic_enforcement::warn},
};

} // namespace test_topic_name

BOOST_AUTO_TEST_SUITE(test_topic_name)

BOOST_DATA_TEST_CASE(topic_name_error_matches_the_peer, boost::unit_test::data::make(name_cases()),
                     c) {
    const std::optional<std::string> error = topic_name_error(c.topic);
    BOOST_TEST(error.has_value() == c.error.has_value());
    if (error && c.error)
        BOOST_TEST(*error == *c.error);
}

BOOST_DATA_TEST_CASE(error_messages_are_printable_utf8, boost::unit_test::data::make(error_cases()),
                     c) {
    const std::string error = topic_name_error(c.topic).value_or("no error");
    BOOST_TEST(is_valid_utf8(error));
    BOOST_TEST(!has_control_byte(error));
}

BOOST_AUTO_TEST_CASE(every_single_allowed_byte_is_valid_and_every_other_is_not) {
    for (int b = 1; b < 256; ++b) {
        const char c = static_cast<char>(b);
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                             (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        const std::string topic = std::string("x") + c;
        BOOST_TEST(!topic_name_error(topic).has_value() == allowed, "byte " << b);
    }
}

BOOST_DATA_TEST_CASE(onex_format_matches_the_peer_patterns,
                     boost::unit_test::data::make(format_cases), c) {
    BOOST_TEST(is_onex_topic(c.topic) == c.onex);
}

BOOST_AUTO_TEST_CASE(a_version_of_any_length_is_accepted) {
    const std::string topic = "onex.evt.p.x.v1" + repeat("0", 240);
    BOOST_TEST(is_onex_topic(topic));
    BOOST_TEST(is_onex_topic("dev.dlq.x.v9" + repeat("9", 240)));
}

BOOST_DATA_TEST_CASE(enforcement_mode_is_parsed_like_the_peer,
                     boost::unit_test::data::make(mode_cases), c) {
    BOOST_TEST(static_cast<int>(parse_topic_enforcement(c.value)) == static_cast<int>(c.expected));
}

BOOST_AUTO_TEST_CASE(onex_format_error_has_the_peer_text) {
    BOOST_TEST(onex_format_error("dev.broadcast") ==
               "Topic 'dev.broadcast' does not match ONEX format: "
               "onex.(evt|cmd|intent|dlq).<producer>.<event-name>.v<N>");
}

BOOST_AUTO_TEST_CASE(onex_format_error_quotes_unprintable_topics_readably) {
    BOOST_TEST(onex_format_error(std::string_view("a\0\xFF", 3)) ==
               "Topic 'a\\x00" + replacement +
                   "' does not match ONEX format: "
                   "onex.(evt|cmd|intent|dlq).<producer>.<event-name>.v<N>");
}

BOOST_AUTO_TEST_SUITE_END()
