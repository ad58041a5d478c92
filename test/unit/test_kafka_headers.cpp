// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/kafka_headers.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <chrono>
#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <vector>

using namespace onex::event_bus;
using namespace std::chrono_literals;
namespace chr = std::chrono;

namespace test_kafka_headers {

const chr::system_clock::time_point noon = chr::sys_days{2025y / 1 / 15} + 12h;
const std::string some_uuid = "123e4567-e89b-42d3-a456-426614174000";

event_headers full_headers() {
    event_headers h;
    h.content_type = "application/cbor";
    h.timestamp = noon + 123456us;
    h.source = "orders-service";
    h.event_type = "order.created";
    h.schema_version = "2.1.0";
    h.destination = "billing";
    h.trace_id = "trace-1";
    h.span_id = "span-2";
    h.parent_span_id = "span-1";
    h.operation_name = "create_order";
    h.priority = priority::high;
    h.routing_key = "eu";
    h.partition_key = "customer-7";
    h.retry_count = -1;
    h.max_retries = 5;
    h.ttl_seconds = 60;
    return h;
}

std::vector<std::string> names_of(const std::vector<kafka_header>& headers) {
    std::vector<std::string> names;
    for (const auto& h : headers)
        names.emplace_back(h.name);
    return names;
}

std::vector<kafka_header_view> views_of(const std::vector<kafka_header>& headers) {
    std::vector<kafka_header_view> views;
    for (const auto& h : headers)
        views.push_back({h.name, h.value});
    return views;
}

// Collects what the decoder logs.
struct log_capture {
    std::vector<std::string> lines;
    logger make() {
        return logger(log_level::debug, [this](log_level lvl, std::string_view m) {
            lines.push_back(std::string(to_string(lvl)) + ": " + std::string(m));
        });
    }
};

// Decodes, requiring success, with warnings going to `log`.
event_headers decode_ok(std::vector<kafka_header_view> headers, const logger* log = nullptr) {
    diagnostics diag;
    auto r = decode_kafka_headers(headers, &diag, log);
    BOOST_TEST_REQUIRE(r.has_value(), diag.message);
    BOOST_TEST(diag.message.empty());
    return *r;
}

bool is_random_v4(const boost::uuids::uuid& u) {
    return u.version() == boost::uuids::uuid::version_random_number_based;
}

const std::vector<std::string> always_sent{
    "content_type", "correlation_id", "message_id", "timestamp",   "source",
    "event_type",   "schema_version", "priority",   "retry_count", "max_retries"};

struct uuid_case {
    std::string_view text;
};

std::ostream& operator<<(std::ostream& os, const uuid_case& c) {
    return os << c.text;
}

// Forms Python's uuid.UUID() accepts, all naming some_uuid.
const uuid_case good_uuids[] = {
    {"123e4567-e89b-42d3-a456-426614174000"},   {"123E4567-E89B-42D3-A456-426614174000"},
    {"{123e4567-e89b-42d3-a456-426614174000}"}, {"urn:uuid:123e4567-e89b-42d3-a456-426614174000"},
    {"123e4567e89b42d3a456426614174000"},       {"123e-4567-e89b42d3a456-4266-1417-4000"},
    {"{{123e4567e89b42d3a456426614174000}"},    {"uuid:{123e4567e89b42d3a456426614174000}"},
};

// Forms Python rejects.
const uuid_case bad_uuids[] = {
    {"not-a-uuid"},
    {"123e4567-e89b-42d3-a456-42661417400"},   // 31 digits
    {"123e4567-e89b-42d3-a456-4266141740000"}, // 33 digits
    {"123e4567-e89b-42d3-a456-42661417400g"},
    {" 123e4567-e89b-42d3-a456-426614174000"},
    {"URN:UUID:123e4567-e89b-42d3-a456-426614174000"},
    {"{}"},
    {"-"},
};

struct number_case {
    std::string_view field;
    std::string_view text;
    std::optional<std::int64_t> expected; // nullopt: the field's default, with a warning
};

std::ostream& operator<<(std::ostream& os, const number_case& c) {
    return os << c.field << " = '" << c.text << "'";
}

const number_case number_cases[] = {
    {"retry_count", "7", 7},
    {"retry_count", "-2", -2},
    {"retry_count", " 7 ", 7},
    {"retry_count", "\t7\n", 7},
    {"retry_count", "+7", 7},
    {"retry_count", "0", 0},
    {"retry_count", "9223372036854775807", INT64_MAX},
    {"retry_count", "abc", std::nullopt},
    {"retry_count", "1.5", std::nullopt},
    {"retry_count", "9223372036854775808", std::nullopt},
    {"retry_count", "+-2", std::nullopt},
    {"retry_count", "--2", std::nullopt},
    {"retry_count", "0x10", std::nullopt},
    {"retry_count", "7 7", std::nullopt},
    {"retry_count", " ", std::nullopt},
    {"retry_count", "+", std::nullopt},
    {"max_retries", "10", 10},
    {"max_retries", "x", std::nullopt},
    {"max_retries", "3e2", std::nullopt},
    {"ttl_seconds", "0", 0},
    {"ttl_seconds", "3600", 3600},
    {"ttl_seconds", "ten", std::nullopt},
    {"ttl_seconds", "-", std::nullopt},
};

std::optional<std::int64_t> field_value(const event_headers& h, std::string_view field) {
    if (field == "retry_count")
        return h.retry_count;
    if (field == "max_retries")
        return h.max_retries;
    return h.ttl_seconds;
}

std::optional<std::int64_t> field_default(std::string_view field) {
    const event_headers defaults;
    return field_value(defaults, field);
}

} // namespace test_kafka_headers

BOOST_AUTO_TEST_SUITE(test_kafka_headers)

BOOST_AUTO_TEST_CASE(default_headers_encode_the_ten_standard_fields_in_order) {
    event_headers h;
    h.timestamp = noon;
    h.source = "svc";
    h.event_type = "evt";
    const auto encoded = encode_kafka_headers(h);
    BOOST_TEST(names_of(encoded) == always_sent, boost::test_tools::per_element());
    const std::vector<std::string> values{"application/json",
                                          boost::uuids::to_string(h.correlation_id),
                                          boost::uuids::to_string(h.message_id),
                                          "2025-01-15T12:00:00+00:00",
                                          "svc",
                                          "evt",
                                          "1.0.0",
                                          "normal",
                                          "0",
                                          "3"};
    std::vector<std::string> got;
    for (const auto& e : encoded)
        got.push_back(e.value);
    BOOST_TEST(got == values, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(present_optionals_follow_in_the_peers_order_and_ttl_comes_last) {
    const auto encoded = encode_kafka_headers(full_headers());
    std::vector<std::string> expected = always_sent;
    for (const auto name : {"destination", "trace_id", "span_id", "parent_span_id",
                            "operation_name", "routing_key", "partition_key", "ttl_seconds"})
        expected.emplace_back(name);
    BOOST_TEST(names_of(encoded) == expected, boost::test_tools::per_element());
    BOOST_TEST(encoded[8].value == "-1");
    BOOST_TEST(encoded[3].value == "2025-01-15T12:00:00.123456+00:00");
    BOOST_TEST(encoded.back().value == "60");
}

BOOST_AUTO_TEST_CASE(empty_optional_text_is_omitted_but_a_zero_ttl_is_sent) {
    event_headers h;
    h.destination = "";
    h.trace_id = "";
    h.span_id = "";
    h.parent_span_id = "";
    h.operation_name = "";
    h.routing_key = "";
    h.partition_key = "";
    h.ttl_seconds = 0;
    const auto encoded = encode_kafka_headers(h);
    std::vector<std::string> expected = always_sent;
    expected.emplace_back("ttl_seconds");
    BOOST_TEST(names_of(encoded) == expected, boost::test_tools::per_element());
    BOOST_TEST(encoded.back().value == "0");
}

BOOST_AUTO_TEST_CASE(encode_then_decode_restores_every_field) {
    const event_headers h = full_headers();
    const auto encoded = encode_kafka_headers(h);
    log_capture logs;
    const logger log = logs.make();
    BOOST_TEST((decode_ok(views_of(encoded), &log) == h));
    BOOST_TEST(logs.lines.empty());
}

BOOST_AUTO_TEST_CASE(empty_optional_text_comes_back_absent) {
    event_headers h = full_headers();
    h.trace_id = "";
    const event_headers back = decode_ok(views_of(encode_kafka_headers(h)));
    BOOST_TEST(!back.trace_id);
    BOOST_TEST((back.span_id == h.span_id));
}

BOOST_AUTO_TEST_CASE(no_headers_give_unknown_source_and_type_and_defaults) {
    const auto before = chr::system_clock::now();
    const event_headers h = decode_ok({});
    const auto after = chr::system_clock::now();
    BOOST_TEST(h.source == "unknown");
    BOOST_TEST(h.event_type == "unknown");
    BOOST_TEST((h.timestamp >= before && h.timestamp <= after));
    BOOST_TEST(h.content_type == "application/json");
    BOOST_TEST(h.schema_version == "1.0.0");
    BOOST_TEST(is_random_v4(h.correlation_id));
    BOOST_TEST(is_random_v4(h.message_id));
    BOOST_TEST(h.correlation_id != h.message_id);
    BOOST_TEST((h.priority == priority::normal));
    BOOST_TEST(h.retry_count == 0);
    BOOST_TEST(h.max_retries == 3);
    BOOST_TEST(!h.ttl_seconds);
    BOOST_TEST(!h.destination);
    BOOST_TEST(!h.partition_key);
}

BOOST_AUTO_TEST_CASE(missing_fields_take_their_defaults) {
    const event_headers h = decode_ok({{"event_type", "order.created"}});
    BOOST_TEST(h.event_type == "order.created");
    BOOST_TEST(h.source == "unknown");
    BOOST_TEST(h.content_type == "application/json");
    BOOST_TEST(h.schema_version == "1.0.0");
    BOOST_TEST(!h.routing_key);
    BOOST_TEST(h.max_retries == 3);
}

BOOST_AUTO_TEST_CASE(empty_text_fields_stay_empty) {
    const event_headers h = decode_ok({{"source", ""}, {"content_type", ""}, {"destination", ""}});
    BOOST_TEST(h.source.empty());
    BOOST_TEST(h.content_type.empty());
    BOOST_TEST_REQUIRE(h.destination.has_value());
    BOOST_TEST(h.destination->empty());
}

BOOST_AUTO_TEST_CASE(null_values_are_skipped) {
    const event_headers h = decode_ok({{"source", "first"},
                                       {"source", std::nullopt},
                                       {"event_type", std::nullopt},
                                       {"trace_id", std::nullopt},
                                       {"timestamp", std::nullopt}});
    BOOST_TEST(h.source == "first");
    BOOST_TEST(h.event_type == "unknown");
    BOOST_TEST(!h.trace_id);
}

BOOST_AUTO_TEST_CASE(a_later_duplicate_wins) {
    const event_headers h = decode_ok({{"source", "a"},
                                       {"retry_count", "1"},
                                       {"source", "b"},
                                       {"retry_count", "2"},
                                       {"correlation_id", "not a uuid"},
                                       {"correlation_id", some_uuid}});
    BOOST_TEST(h.source == "b");
    BOOST_TEST(h.retry_count == 2);
    BOOST_TEST(boost::uuids::to_string(h.correlation_id) == some_uuid);
}

BOOST_AUTO_TEST_CASE(unknown_names_are_ignored) {
    const event_headers h = decode_ok({{"x-custom", "v"}, {"Source", "case matters"}, {"", "x"}});
    BOOST_TEST(h.source == "unknown");
    BOOST_TEST((h.priority == priority::normal));
}

BOOST_DATA_TEST_CASE(uuids_are_read_in_every_form_python_reads,
                     boost::unit_test::data::make(good_uuids), c) {
    log_capture logs;
    const logger log = logs.make();
    const event_headers h = decode_ok({{"correlation_id", c.text}, {"message_id", c.text}}, &log);
    BOOST_TEST(boost::uuids::to_string(h.correlation_id) == some_uuid);
    BOOST_TEST(boost::uuids::to_string(h.message_id) == some_uuid);
    BOOST_TEST(logs.lines.empty());
}

BOOST_DATA_TEST_CASE(a_bad_uuid_becomes_a_fresh_one_and_is_logged,
                     boost::unit_test::data::make(bad_uuids), c) {
    log_capture logs;
    const logger log = logs.make();
    const event_headers h = decode_ok({{"correlation_id", c.text}, {"message_id", c.text}}, &log);
    BOOST_TEST(is_random_v4(h.correlation_id));
    BOOST_TEST(is_random_v4(h.message_id));
    BOOST_TEST(h.correlation_id != h.message_id);
    BOOST_TEST_REQUIRE(logs.lines.size() == 2u);
    BOOST_TEST(logs.lines[0].starts_with("warning: header 'correlation_id' "));
    BOOST_TEST(logs.lines[1].starts_with("warning: header 'message_id' "));
}

BOOST_AUTO_TEST_CASE(an_empty_uuid_becomes_a_fresh_one_silently) {
    log_capture logs;
    const logger log = logs.make();
    const event_headers h = decode_ok({{"correlation_id", ""}}, &log);
    BOOST_TEST(is_random_v4(h.correlation_id));
    BOOST_TEST(logs.lines.empty());
}

BOOST_AUTO_TEST_CASE(priorities_are_read_and_bad_ones_become_normal) {
    BOOST_TEST((decode_ok({{"priority", "critical"}}).priority == priority::critical));
    BOOST_TEST((decode_ok({{"priority", "low"}}).priority == priority::low));
    log_capture logs;
    const logger log = logs.make();
    BOOST_TEST((decode_ok({{"priority", "HIGH"}}, &log).priority == priority::normal));
    BOOST_TEST((decode_ok({{"priority", "urgent"}}, &log).priority == priority::normal));
    BOOST_TEST((decode_ok({{"priority", ""}}, &log).priority == priority::normal));
    const std::vector<std::string> expected{
        "warning: header 'priority' is not low, normal, high or critical: 'HIGH'; using normal",
        "warning: header 'priority' is not low, normal, high or critical: 'urgent'; using normal"};
    BOOST_TEST(logs.lines == expected, boost::test_tools::per_element());
}

BOOST_DATA_TEST_CASE(numbers_are_read_like_python_int_and_bad_ones_default,
                     boost::unit_test::data::make(number_cases), c) {
    log_capture logs;
    const logger log = logs.make();
    const event_headers h = decode_ok({{c.field, c.text}}, &log);
    if (c.expected) {
        BOOST_TEST((field_value(h, c.field) == c.expected));
        BOOST_TEST(logs.lines.empty());
    } else {
        BOOST_TEST((field_value(h, c.field) == field_default(c.field)));
        BOOST_TEST_REQUIRE(logs.lines.size() == 1u);
        BOOST_TEST(logs.lines[0].starts_with("warning: header '" + std::string(c.field) +
                                             "' is not an integer: '" + std::string(c.text) + "'"));
    }
}

BOOST_AUTO_TEST_CASE(empty_numbers_default_silently) {
    log_capture logs;
    const logger log = logs.make();
    const event_headers h =
        decode_ok({{"retry_count", ""}, {"max_retries", ""}, {"ttl_seconds", ""}}, &log);
    BOOST_TEST(h.retry_count == 0);
    BOOST_TEST(h.max_retries == 3);
    BOOST_TEST(!h.ttl_seconds);
    BOOST_TEST(logs.lines.empty());
}

BOOST_AUTO_TEST_CASE(every_repair_is_logged_once_naming_its_header) {
    log_capture logs;
    const logger log = logs.make();
    const event_headers h = decode_ok({{"correlation_id", "x"},
                                       {"message_id", "y"},
                                       {"priority", "p"},
                                       {"retry_count", "r"},
                                       {"max_retries", "m"},
                                       {"ttl_seconds", "t"},
                                       {"source", "fine"}},
                                      &log);
    const std::vector<std::string> expected{
        "warning: header 'correlation_id' is not a UUID: 'x'; using a fresh one",
        "warning: header 'message_id' is not a UUID: 'y'; using a fresh one",
        "warning: header 'priority' is not low, normal, high or critical: 'p'; using normal",
        "warning: header 'retry_count' is not an integer: 'r'; using 0",
        "warning: header 'max_retries' is not an integer: 'm'; using 3",
        "warning: header 'ttl_seconds' is not an integer: 't'; ignoring it"};
    BOOST_TEST(logs.lines == expected, boost::test_tools::per_element());
    BOOST_TEST(h.source == "fine");
}

BOOST_AUTO_TEST_CASE(a_long_bad_value_is_shortened_on_a_character_boundary_in_the_log) {
    log_capture logs;
    const logger log = logs.make();
    // 63 ASCII bytes then a 2-byte character that straddles the 64-byte limit.
    const std::string value = std::string(63, '9') + "\xc3\xa9" + std::string(100, '9');
    decode_ok({{"retry_count", value}}, &log);
    BOOST_TEST_REQUIRE(logs.lines.size() == 1u);
    BOOST_TEST(logs.lines[0] == "warning: header 'retry_count' is not an integer: '" +
                                    std::string(63, '9') + "...'; using 0");
}

BOOST_AUTO_TEST_CASE(repairs_are_not_logged_below_the_loggers_level) {
    log_capture logs;
    const logger quiet(log_level::error,
                       [&](log_level, std::string_view m) { logs.lines.emplace_back(m); });
    BOOST_TEST(decode_ok({{"retry_count", "bad"}}, &quiet).retry_count == 0);
    BOOST_TEST(logs.lines.empty());
}

BOOST_AUTO_TEST_CASE(timestamps_with_offsets_are_converted_and_naive_ones_are_utc) {
    BOOST_TEST((decode_ok({{"timestamp", "2025-01-15T17:30:00+05:30"}}).timestamp == noon));
    BOOST_TEST((decode_ok({{"timestamp", "2025-01-15T12:00:00Z"}}).timestamp == noon));
    BOOST_TEST((decode_ok({{"timestamp", "2025-01-15T12:00:00"}}).timestamp == noon));
}

BOOST_AUTO_TEST_CASE(an_empty_timestamp_means_now) {
    const auto before = chr::system_clock::now();
    const event_headers h = decode_ok({{"timestamp", ""}});
    BOOST_TEST((h.timestamp >= before && h.timestamp <= chr::system_clock::now()));
}

BOOST_AUTO_TEST_CASE(a_malformed_timestamp_is_a_deserialization_error) {
    for (const auto bad : {"yesterday", "2025-02-30T00:00:00", "2025-01-15T24:00:00Z"}) {
        diagnostics diag;
        const std::vector<kafka_header_view> headers{{"source", "s"}, {"timestamp", bad}};
        const auto r = decode_kafka_headers(headers, &diag);
        BOOST_TEST_REQUIRE(r.has_error());
        BOOST_TEST((r.error() == errc::deserialization));
        BOOST_TEST(diag.message ==
                   "header 'timestamp' is not an ISO-8601 time: '" + std::string(bad) + "'");
    }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_a_deserialization_error_naming_the_header) {
    diagnostics diag;
    const std::vector<kafka_header_view> headers{{"source", "ok"}, {"event_type", "bad\xff"}};
    const auto r = decode_kafka_headers(headers, &diag);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST((r.error() == errc::deserialization));
    BOOST_TEST(diag.message == "header 'event_type' is not valid UTF-8");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_an_unknown_header_also_fails_as_in_the_peer) {
    diagnostics diag;
    const std::vector<kafka_header_view> headers{{"x-\xc0", "\xed\xa0\x80"}};
    const auto r = decode_kafka_headers(headers, &diag);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST((r.error() == errc::deserialization));
    BOOST_TEST(diag.message == "header 'x-\xef\xbf\xbd' is not valid UTF-8");
}

BOOST_AUTO_TEST_CASE(a_later_good_duplicate_does_not_excuse_invalid_utf8) {
    const std::vector<kafka_header_view> headers{{"source", "\x80"}, {"source", "ok"}};
    BOOST_TEST(decode_kafka_headers(headers).has_error());
}

BOOST_AUTO_TEST_CASE(a_null_value_is_never_checked_for_utf8) {
    BOOST_TEST(decode_ok({{"\xff", std::nullopt}}).source == "unknown");
}

BOOST_AUTO_TEST_CASE(failures_work_without_diagnostics_or_logger) {
    const std::vector<kafka_header_view> headers{{"timestamp", "nope"}};
    BOOST_TEST((decode_kafka_headers(headers).error() == errc::deserialization));
}

BOOST_AUTO_TEST_CASE(arbitrary_bytes_never_make_decode_throw) {
    // A cheap stand-in for the fuzzer: random names drawn mostly from the real ones, with
    // random values built from the characters the parsers care about plus arbitrary bytes.
    std::mt19937 rng(20260115);
    const std::string alphabet = "0123456789+-:.TZ abcdef{}urn:uuid\xff\xc3\x80\xed\xa0";
    std::vector<std::string> names = always_sent;
    names.insert(names.end(), {"ttl_seconds", "trace_id", "x", ""});
    for (int round = 0; round < 2000; ++round) {
        std::vector<std::string> values;
        std::vector<kafka_header_view> headers;
        const int count = static_cast<int>(rng() % 6);
        values.reserve(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) {
            std::string v;
            const std::size_t length = rng() % 40;
            for (std::size_t j = 0; j < length; ++j)
                v += rng() % 4 == 0 ? static_cast<char>(rng() % 256)
                                    : alphabet[rng() % alphabet.size()];
            values.push_back(std::move(v));
            const std::string& name = names[rng() % names.size()];
            if (rng() % 8 == 0)
                headers.push_back({name, std::nullopt});
            else
                headers.push_back({name, values.back()});
        }
        diagnostics diag;
        BOOST_CHECK_NO_THROW(decode_kafka_headers(headers, &diag));
    }
}

BOOST_AUTO_TEST_SUITE_END()
