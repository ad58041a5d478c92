// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/event_headers.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <array>
#include <chrono>
#include <ostream>
#include <set>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace onex::event_bus;
using namespace std::chrono_literals;
namespace chr = std::chrono;

namespace test_event_headers {

// 2025-01-15T12:00:00 UTC.
const chr::system_clock::time_point noon = chr::sys_days{2025y / 1 / 15} + 12h;

struct format_case {
    std::string_view name;
    chr::system_clock::time_point tp;
    std::string_view expected;
};

std::ostream& operator<<(std::ostream& os, const format_case& c) {
    return os << c.name;
}

const format_case format_cases[] = {
    {"whole_seconds", noon, "2025-01-15T12:00:00+00:00"},
    {"microseconds", noon + 123456us, "2025-01-15T12:00:00.123456+00:00"},
    {"leading_zero_microseconds", noon + 500us, "2025-01-15T12:00:00.000500+00:00"},
    {"sub_microsecond_part_dropped", noon + 999ns, "2025-01-15T12:00:00+00:00"},
    {"epoch", chr::system_clock::time_point{}, "1970-01-01T00:00:00+00:00"},
    {"before_epoch_floors", chr::system_clock::time_point{} - 500ms,
     "1969-12-31T23:59:59.500000+00:00"},
    {"leap_day", chr::sys_days{2024y / 2 / 29} + 23h + 59min + 59s, "2024-02-29T23:59:59+00:00"},
    {"single_digit_fields", chr::sys_days{2001y / 2 / 3} + 4h + 5min + 6s,
     "2001-02-03T04:05:06+00:00"},
};

struct parse_case {
    std::string_view text;
    std::string_view utc; // what Python gives for fromisoformat(text) in UTC, isoformat()
};

std::ostream& operator<<(std::ostream& os, const parse_case& c) {
    return os << c.text;
}

// Expected values were produced by CPython 3.11.
const parse_case good_timestamps[] = {
    {"2025-01-15T12:00:00+00:00", "2025-01-15T12:00:00+00:00"},
    {"2025-01-15T12:00:00Z", "2025-01-15T12:00:00+00:00"},
    {"2025-01-15 12:00:00", "2025-01-15T12:00:00+00:00"},
    {"2025-01-15T12:00", "2025-01-15T12:00:00+00:00"},
    {"2025-01-15T17:30:00+05:30", "2025-01-15T12:00:00+00:00"},
    {"2025-01-15T17:30:00+0530", "2025-01-15T12:00:00+00:00"},
    {"2025-01-15T06:30:00-05:30", "2025-01-15T12:00:00+00:00"},
    {"2025-01-15T00:30:00+01:00", "2025-01-14T23:30:00+00:00"},
    {"2025-01-15T12:00:00-23:59", "2025-01-16T11:59:00+00:00"},
    {"2000-02-29T23:59:59+23:59", "2000-02-29T00:00:59+00:00"},
    {"2025-01-15T12:00:00.5Z", "2025-01-15T12:00:00.500000+00:00"},
    {"2025-01-15T12:00:00.000001", "2025-01-15T12:00:00.000001+00:00"},
    {"2025-01-15T12:00:00.123456789Z", "2025-01-15T12:00:00.123456+00:00"},
    {"2025-12-31T23:59:59.999999-00:00", "2025-12-31T23:59:59.999999+00:00"},
    {"2024-02-29T00:00:00", "2024-02-29T00:00:00+00:00"},
    {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00+00:00"},
    {"1969-12-31T23:59:59.5+00:00", "1969-12-31T23:59:59.500000+00:00"},
    {"1700-01-01T00:00:00", "1700-01-01T00:00:00+00:00"},
};

struct bad_case {
    std::string_view why;
    std::string_view text;
};

std::ostream& operator<<(std::ostream& os, const bad_case& c) {
    return os << c.why;
}

const bad_case bad_timestamps[] = {
    {"empty", ""},
    {"not_a_time", "yesterday"},
    {"date_only", "2025-01-15"},
    {"hour_only", "2025-01-15T12"},
    {"month_13", "2025-13-01T00:00:00"},
    {"month_0", "2025-00-10T00:00:00"},
    {"day_0", "2025-01-00T00:00:00"},
    {"day_32", "2025-01-32T00:00:00"},
    {"feb_30", "2024-02-30T00:00:00"},
    {"feb_29_of_a_common_year", "2025-02-29T00:00:00"},
    {"apr_31", "2025-04-31T00:00:00"},
    {"hour_24", "2025-01-15T24:00:00"},
    {"minute_60", "2025-01-15T12:60:00"},
    {"second_60", "2025-01-15T12:00:60"},
    {"offset_24_hours", "2025-01-15T12:00:00+24:00"},
    {"offset_minute_60", "2025-01-15T12:00:00+05:60"},
    {"offset_one_digit_hour", "2025-01-15T12:00:00+5:30"},
    {"offset_hours_only", "2025-01-15T12:00:00+05"},
    {"offset_with_seconds", "2025-01-15T12:00:00+05:30:00"},
    {"offset_missing_minutes", "2025-01-15T12:00:00+05:"},
    {"lowercase_z", "2025-01-15T12:00:00z"},
    {"double_z", "2025-01-15T12:00:00ZZ"},
    {"z_then_offset", "2025-01-15T12:00:00Z+00:00"},
    {"empty_fraction", "2025-01-15T12:00:00."},
    {"empty_fraction_then_z", "2025-01-15T12:00:00.Z"},
    {"fraction_without_seconds", "2025-01-15T12:00.5"},
    {"one_digit_month", "2025-1-15T12:00:00"},
    {"one_digit_second", "2025-01-15T12:00:0"},
    {"letter_in_second", "2025-01-15T12:00:0a"},
    {"negative_hour", "2025-01-15T-1:00:00"},
    {"slashes", "2025/01/15T12:00:00"},
    {"other_separator", "2025-01-15X12:00:00"},
    {"leading_blank", " 2025-01-15T12:00:00"},
    {"trailing_blank", "2025-01-15T12:00:00 "},
    {"trailing_nul", std::string_view("2025-01-15T12:00:00\0", 20)},
    {"signed_year", "+2025-01-15T12:00:00"},
    {"year_0", "0000-01-01T00:00:00"},
    // system_clock counts nanoseconds in an int64: about 1677..2262.
    {"before_system_clock_range", "1500-01-01T00:00:00"},
    {"after_system_clock_range", "9999-12-31T23:59:59"},
};

struct priority_case {
    std::string_view text;
    std::optional<priority> expected;
};

std::ostream& operator<<(std::ostream& os, const priority_case& c) {
    return os << c.text;
}

const priority_case priority_cases[] = {
    {"low", priority::low},           {"normal", priority::normal}, {"high", priority::high},
    {"critical", priority::critical}, {"LOW", std::nullopt},        {"Normal", std::nullopt},
    {"urgent", std::nullopt},         {"", std::nullopt},           {" low", std::nullopt},
    {"high ", std::nullopt},          {"medium", std::nullopt},
};

bool is_random_v4(const boost::uuids::uuid& u) {
    return u.version() == boost::uuids::uuid::version_random_number_based &&
           u.variant() == boost::uuids::uuid::variant_rfc_4122;
}

} // namespace test_event_headers

BOOST_AUTO_TEST_SUITE(test_event_headers)

BOOST_AUTO_TEST_CASE(a_default_value_has_every_documented_default) {
    const auto before = chr::system_clock::now();
    const event_headers h;
    const auto after = chr::system_clock::now();
    BOOST_TEST(h.content_type == "application/json");
    BOOST_TEST(is_random_v4(h.correlation_id));
    BOOST_TEST(is_random_v4(h.message_id));
    BOOST_TEST(h.correlation_id != h.message_id);
    BOOST_TEST((h.timestamp >= before && h.timestamp <= after));
    BOOST_TEST(h.source.empty());
    BOOST_TEST(h.event_type.empty());
    BOOST_TEST(h.schema_version == "1.0.0");
    BOOST_TEST(!h.destination);
    BOOST_TEST(!h.trace_id);
    BOOST_TEST(!h.span_id);
    BOOST_TEST(!h.parent_span_id);
    BOOST_TEST(!h.operation_name);
    BOOST_TEST((h.priority == priority::normal));
    BOOST_TEST(!h.routing_key);
    BOOST_TEST(!h.partition_key);
    BOOST_TEST(h.retry_count == 0);
    BOOST_TEST(h.max_retries == 3);
    BOOST_TEST(!h.ttl_seconds);
}

BOOST_AUTO_TEST_CASE(two_default_values_get_different_ids) {
    const event_headers a;
    const event_headers b;
    BOOST_TEST(a.correlation_id != b.correlation_id);
    BOOST_TEST(a.message_id != b.message_id);
    BOOST_TEST(!(a == b));
}

BOOST_AUTO_TEST_CASE(validate_is_false_only_without_an_event_type) {
    event_headers h;
    BOOST_TEST(!h.validate());
    h.event_type = "order.created";
    BOOST_TEST(h.validate());
    h.correlation_id = boost::uuids::uuid{}; // a nil UUID is still "present", as in the peer
    h.source.clear();
    BOOST_TEST(h.validate());
    h.event_type.clear();
    BOOST_TEST(!h.validate());
}

BOOST_AUTO_TEST_CASE(new_uuids_are_version_4_and_all_differ) {
    std::set<boost::uuids::uuid> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto u = new_uuid();
        BOOST_TEST(is_random_v4(u), boost::uuids::to_string(u));
        BOOST_TEST(seen.insert(u).second);
    }
}

BOOST_AUTO_TEST_CASE(a_forked_child_makes_uuids_its_parent_does_not) {
    (void)new_uuid(); // the pool holds unused bytes when the process forks
    int fds[2];
    BOOST_REQUIRE(pipe(fds) == 0);
    const pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        std::array<boost::uuids::uuid, 100> made;
        for (auto& u : made)
            u = new_uuid();
        const auto written = write(fds[1], made.data(), sizeof made);
        _exit(written == static_cast<ssize_t>(sizeof made) ? 0 : 1);
    }
    close(fds[1]);
    std::array<boost::uuids::uuid, 100> from_child;
    BOOST_REQUIRE(read(fds[0], from_child.data(), sizeof from_child) ==
                  static_cast<ssize_t>(sizeof from_child));
    close(fds[0]);
    int status = 0;
    BOOST_REQUIRE(waitpid(child, &status, 0) == child);
    BOOST_TEST(WIFEXITED(status));
    std::set<boost::uuids::uuid> seen(from_child.begin(), from_child.end());
    for (int i = 0; i < 100; ++i)
        BOOST_TEST(seen.insert(new_uuid()).second);
}

BOOST_AUTO_TEST_CASE(new_uuids_from_several_threads_all_differ) {
    constexpr int threads = 4;
    constexpr int per_thread = 250;
    std::vector<std::vector<boost::uuids::uuid>> made(threads);
    {
        std::vector<std::jthread> workers;
        for (auto& out : made) {
            workers.emplace_back([&out] {
                for (int i = 0; i < per_thread; ++i)
                    out.push_back(new_uuid());
            });
        }
    }
    std::set<boost::uuids::uuid> seen;
    for (const auto& out : made)
        seen.insert(out.begin(), out.end());
    BOOST_TEST(seen.size() == static_cast<std::size_t>(threads * per_thread));
}

BOOST_DATA_TEST_CASE(timestamps_format_like_python_isoformat,
                     boost::unit_test::data::make(format_cases), c) {
    BOOST_TEST(format_timestamp(c.tp) == c.expected);
}

BOOST_DATA_TEST_CASE(timestamps_parse_and_convert_to_utc,
                     boost::unit_test::data::make(good_timestamps), c) {
    const auto tp = parse_timestamp(c.text);
    BOOST_TEST_REQUIRE(tp.has_value());
    BOOST_TEST(format_timestamp(*tp) == c.utc);
}

BOOST_DATA_TEST_CASE(malformed_timestamps_are_rejected,
                     boost::unit_test::data::make(bad_timestamps), c) {
    BOOST_TEST(!parse_timestamp(c.text).has_value());
}

BOOST_DATA_TEST_CASE(formatted_timestamps_parse_back_exactly,
                     boost::unit_test::data::make(format_cases), c) {
    const auto tp = parse_timestamp(format_timestamp(c.tp));
    BOOST_TEST_REQUIRE(tp.has_value());
    BOOST_TEST((*tp == chr::floor<chr::microseconds>(c.tp)));
}

BOOST_AUTO_TEST_CASE(now_round_trips_to_the_microsecond) {
    const auto now = chr::system_clock::now();
    const std::string text = format_timestamp(now);
    const auto back = parse_timestamp(text);
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST((*back == chr::floor<chr::microseconds>(now)), text);
}

BOOST_AUTO_TEST_CASE(an_offset_and_its_utc_time_are_the_same_instant) {
    BOOST_TEST((parse_timestamp("2025-01-15T17:30:00.25+05:30") == noon + 250ms));
    BOOST_TEST((parse_timestamp("2025-01-15T12:00:00") == parse_timestamp("2025-01-15T12:00:00Z")));
}

BOOST_DATA_TEST_CASE(priorities_parse_only_their_exact_names,
                     boost::unit_test::data::make(priority_cases), c) {
    const auto p = priority_from_string(c.text);
    BOOST_TEST(p.has_value() == c.expected.has_value());
    if (p && c.expected)
        BOOST_TEST(to_string(*p) == to_string(*c.expected));
}

BOOST_AUTO_TEST_CASE(every_priority_name_parses_back) {
    for (const auto p : {priority::low, priority::normal, priority::high, priority::critical}) {
        const auto back = priority_from_string(to_string(p));
        BOOST_TEST_REQUIRE(back.has_value());
        BOOST_TEST((*back == p));
    }
    BOOST_TEST(to_string(priority::critical) == "critical");
}

BOOST_AUTO_TEST_SUITE_END()
