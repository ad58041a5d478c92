// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/utf8.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>
#include <string_view>

using namespace onex::event_bus::detail;

namespace test_utf8 {

struct utf8_case {
    std::string_view name;
    std::string_view input;
    std::string_view python; // bytes(input).decode("utf-8", errors="replace").encode("utf-8")
    bool valid;              // whether bytes(input).decode("utf-8") succeeds
};

std::ostream& operator<<(std::ostream& os, const utf8_case& c) {
    return os << c.name;
}

// Expected values were produced by CPython 3.11; the lengths keep embedded NULs.
const utf8_case utf8_cases[] = {
    {"ascii", std::string_view("hello", 5), std::string_view("hello", 5), true},
    {"empty", std::string_view("", 0), std::string_view("", 0), true},
    {"two_byte", std::string_view("\xc3\xa9", 2), std::string_view("\xc3\xa9", 2), true},
    {"three_byte", std::string_view("\xe2\x82\xac", 3), std::string_view("\xe2\x82\xac", 3), true},
    {"four_byte", std::string_view("\xf0\x9f\x98\x80", 4), std::string_view("\xf0\x9f\x98\x80", 4),
     true},
    {"max_code_point", std::string_view("\xf4\x8f\xbf\xbf", 4),
     std::string_view("\xf4\x8f\xbf\xbf", 4), true},
    {"last_before_surrogates", std::string_view("\xed\x9f\xbf", 3),
     std::string_view("\xed\x9f\xbf", 3), true},
    {"first_after_surrogates", std::string_view("\xee\x80\x80", 3),
     std::string_view("\xee\x80\x80", 3), true},
    {"nul_is_valid",
     std::string_view("a\x00"
                      "b",
                      3),
     std::string_view("a\x00"
                      "b",
                      3),
     true},
    {"truncated_two_byte_at_end", std::string_view("a\xc3", 2),
     std::string_view("a\xef\xbf\xbd", 4), false},
    {"truncated_three_byte_at_end", std::string_view("a\xe2\x82", 3),
     std::string_view("a\xef\xbf\xbd", 4), false},
    {"truncated_four_byte_at_end", std::string_view("a\xf0\x9f\x98", 4),
     std::string_view("a\xef\xbf\xbd", 4), false},
    {"truncated_three_byte_then_ascii", std::string_view("\xe2\x82z", 3),
     std::string_view("\xef\xbf\xbdz", 4), false},
    {"truncated_four_byte_then_ascii", std::string_view("\xf0\x9f\x98z", 4),
     std::string_view("\xef\xbf\xbdz", 4), false},
    {"truncated_then_new_lead", std::string_view("\xe2\x82\xe2\x82\xac", 5),
     std::string_view("\xef\xbf\xbd\xe2\x82\xac", 6), false},
    {"four_byte_missing_last_then_valid", std::string_view("\xf0\x9f\x98\xf0\x9f\x98\x80", 7),
     std::string_view("\xef\xbf\xbd\xf0\x9f\x98\x80", 7), false},
    {"lead_then_ascii",
     std::string_view("\xc3"
                      "a",
                      2),
     std::string_view("\xef\xbf\xbd"
                      "a",
                      4),
     false},
    {"stray_continuation", std::string_view("\x80", 1), std::string_view("\xef\xbf\xbd", 3), false},
    {"several_stray_continuations",
     std::string_view("a\x80\xbf\x80"
                      "b",
                      5),
     std::string_view("a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                      "b",
                      11),
     false},
    {"overlong_two_byte_c0", std::string_view("\xc0\xaf", 2),
     std::string_view("\xef\xbf\xbd\xef\xbf\xbd", 6), false},
    {"overlong_two_byte_c1", std::string_view("\xc1\xbf", 2),
     std::string_view("\xef\xbf\xbd\xef\xbf\xbd", 6), false},
    {"overlong_three_byte", std::string_view("\xe0\x80\xaf", 3),
     std::string_view("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 9), false},
    {"overlong_four_byte", std::string_view("\xf0\x80\x80\xaf", 4),
     std::string_view("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 12), false},
    {"surrogate_high", std::string_view("\xed\xa0\x80", 3),
     std::string_view("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 9), false},
    {"surrogate_low", std::string_view("\xed\xbf\xbf", 3),
     std::string_view("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 9), false},
    {"surrogate_pair_cesu", std::string_view("\xed\xa0\xbd\xed\xb8\x80", 6),
     std::string_view("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
                      18),
     false},
    {"above_max_f4", std::string_view("\xf4\x90\x80\x80", 4),
     std::string_view("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 12), false},
    {"lead_f5", std::string_view("\xf5\x80\x80\x80", 4),
     std::string_view("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 12), false},
    {"lead_ff", std::string_view("\xff", 1), std::string_view("\xef\xbf\xbd", 3), false},
    {"lead_fe", std::string_view("\xfe\xfe", 2), std::string_view("\xef\xbf\xbd\xef\xbf\xbd", 6),
     false},
    // Table 3-8 of the Unicode standard, the canonical example of maximal-subpart replacement.
    {"unicode_table_3_8",
     std::string_view("a\xf1\x80\x80\xe1\x80\xc2"
                      "b\x80"
                      "c\x80\xbf"
                      "d",
                      13),
     std::string_view("a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                      "b\xef\xbf\xbd"
                      "c\xef\xbf\xbd\xef\xbf\xbd"
                      "d",
                      22),
     false},
};

} // namespace test_utf8

BOOST_AUTO_TEST_SUITE(test_utf8)

BOOST_DATA_TEST_CASE(replacement_matches_python, boost::unit_test::data::make(utf8_cases), c) {
    const std::string replaced = utf8_decode_replace(c.input);
    BOOST_TEST(replaced == std::string(c.python));
}

BOOST_DATA_TEST_CASE(validity_matches_python, boost::unit_test::data::make(utf8_cases), c) {
    BOOST_TEST(is_valid_utf8(c.input) == c.valid);
}

BOOST_DATA_TEST_CASE(replaced_text_is_always_valid, boost::unit_test::data::make(utf8_cases), c) {
    BOOST_TEST(is_valid_utf8(utf8_decode_replace(c.input)));
}

BOOST_AUTO_TEST_CASE(every_single_byte_is_valid_exactly_when_it_is_ascii) {
    for (int b = 0; b < 256; ++b) {
        const char c = static_cast<char>(b);
        const std::string_view one(&c, 1);
        BOOST_TEST(is_valid_utf8(one) == (b < 0x80), "byte " << b);
        BOOST_TEST(utf8_decode_replace(one) == (b < 0x80 ? std::string(one) : "\xef\xbf\xbd"),
                   "byte " << b);
    }
}

BOOST_AUTO_TEST_SUITE_END()
