// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/logger.hpp>

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>
#include <vector>

using namespace onex::event_bus;

BOOST_AUTO_TEST_SUITE(test_logger)

BOOST_AUTO_TEST_CASE(records_below_the_level_are_dropped) {
    std::vector<std::string> seen;
    logger l(log_level::warning, [&](log_level lvl, std::string_view m) {
        seen.push_back(std::string(to_string(lvl)) + ":" + std::string(m));
    });
    l.log(log_level::debug, "d");
    l.log(log_level::info, "i");
    l.log(log_level::warning, "w");
    l.log(log_level::error, "e");
    const std::vector<std::string> expected{"warning:w", "error:e"};
    BOOST_TEST(seen == expected, boost::test_tools::per_element());
    BOOST_TEST(!l.enabled(log_level::info));
    BOOST_TEST(l.enabled(log_level::error));
}

BOOST_AUTO_TEST_CASE(the_default_logs_warnings_and_errors) {
    logger l;
    BOOST_TEST((l.level() == log_level::warning));
    BOOST_TEST(l.enabled(log_level::warning));
    BOOST_TEST(!l.enabled(log_level::info));
}

BOOST_AUTO_TEST_CASE(silent_and_empty_sinks_log_nothing_and_a_throwing_sink_is_contained) {
    BOOST_TEST(!logger::silent().enabled(log_level::error));
    BOOST_TEST(!logger(log_level::debug, {}).enabled(log_level::error));
    logger throwing(log_level::debug,
                    [](log_level, std::string_view) { throw std::runtime_error("x"); });
    BOOST_CHECK_NO_THROW(throwing.log(log_level::error, "m"));
}

BOOST_AUTO_TEST_CASE(the_global_logger_can_be_replaced) {
    std::vector<std::string> seen;
    const logger previous = global_logger();
    set_global_logger(
        logger(log_level::info, [&](log_level, std::string_view m) { seen.emplace_back(m); }));
    global_logger().log(log_level::info, "hello");
    set_global_logger(previous);
    global_logger().log(log_level::debug, "not seen");
    BOOST_TEST(seen == std::vector<std::string>{"hello"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
