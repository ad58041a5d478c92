// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <system_error>

using namespace onex::event_bus;

BOOST_AUTO_TEST_SUITE(test_error)

BOOST_AUTO_TEST_CASE(the_category_is_named_onex_event_bus) {
    const error_code ec = errc::timeout;
    BOOST_TEST(ec.category().name() == std::string("onex.event_bus"));
    BOOST_TEST(&ec.category() == &event_bus_category());
    BOOST_TEST(ec.value() == static_cast<int>(errc::timeout));
}

BOOST_AUTO_TEST_CASE(every_code_has_its_own_message) {
    std::set<std::string> seen;
    for (int v = 1; v <= static_cast<int>(errc::dead_letter_failed); ++v) {
        const auto m = make_error_code(static_cast<errc>(v)).message();
        BOOST_TEST(m.find("unknown") == std::string::npos);
        BOOST_TEST(seen.insert(m).second);
    }
    BOOST_TEST(make_error_code(static_cast<errc>(999)).message().find("unknown") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(codes_compare_with_the_enum_and_convert_to_std) {
    error_code ec = errc::unavailable;
    BOOST_TEST(ec == errc::unavailable);
    BOOST_TEST(ec != errc::timeout);
    std::error_code sec = ec;
    BOOST_TEST(sec == ec);
    BOOST_TEST(error_code(boost::asio::error::operation_aborted) != errc::unavailable);
}

BOOST_AUTO_TEST_CASE(throw_error_picks_the_matching_exception) {
    diagnostics d;
    d.message = "Circuit breaker is open - kafka.dev temporarily unavailable";
    d.retry_after = std::chrono::seconds(29);
    d.topic = "orders";
    BOOST_CHECK_EXCEPTION(throw_error(errc::unavailable, d), infra_unavailable_error,
                          [](const infra_unavailable_error& e) {
                              return e.retry_after() == std::chrono::seconds(29) &&
                                     e.diag().topic == "orders" && e.code() == errc::unavailable &&
                                     std::string(e.what()).find("Circuit breaker is open") == 0;
                          });
    BOOST_CHECK_THROW(throw_error(errc::connection_failed), infra_connection_error);
    BOOST_CHECK_THROW(throw_error(errc::timeout), infra_timeout_error);
    BOOST_CHECK_THROW(throw_error(errc::configuration), protocol_configuration_error);
    BOOST_CHECK_THROW(throw_error(errc::deserialization), infra_error);
    BOOST_CHECK_THROW(throw_error(boost::asio::error::operation_aborted), infra_error);
    BOOST_CHECK_NO_THROW(throw_if_error(error_code{}));
}

BOOST_AUTO_TEST_CASE(every_exception_is_a_system_error) {
    try {
        throw_error(errc::timeout);
    } catch (const boost::system::system_error& e) {
        BOOST_TEST(e.code() == errc::timeout);
        return;
    }
    BOOST_FAIL("not thrown as system_error");
}

BOOST_AUTO_TEST_CASE(configuration_errors_name_the_parameter) {
    const protocol_configuration_error e("timeout_seconds=0 is out of range [1, 300]",
                                         "timeout_seconds", "0");
    BOOST_TEST(e.parameter() == "timeout_seconds");
    BOOST_TEST(e.diag().value == "0");
    BOOST_TEST(e.code() == errc::configuration);
    BOOST_TEST(std::string(e.what()).find("timeout_seconds=0 is out of range [1, 300]") == 0);
}

BOOST_AUTO_TEST_CASE(diagnostics_clear_resets_every_field) {
    diagnostics d;
    d.message = "m";
    d.attempts = 4;
    d.retry_after = std::chrono::seconds(1);
    d.clear();
    BOOST_TEST(d.message.empty());
    BOOST_TEST(!d.attempts);
    BOOST_TEST(!d.retry_after);
}

BOOST_AUTO_TEST_SUITE_END()
