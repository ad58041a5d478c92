// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/circuit_breaker.hpp>
#include <onex/event_bus/error.hpp>

#include <boost/json/value_from.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace onex::event_bus;
using namespace std::chrono_literals;
namespace data = boost::unit_test::data;
using time_point = circuit_breaker::time_point;

namespace test_circuit_breaker {

const time_point t0 = time_point{} + 1000h;

// The status as the guide's dictionary, the form tools and logs see.
boost::json::object json_of(const circuit_status& s) {
    return boost::json::value_from(s).as_object();
}

circuit_breaker_options opts(std::uint32_t threshold = 3, circuit_breaker::duration timeout = 30s,
                             std::uint32_t half_open_successes = 1) {
    circuit_breaker_options o;
    o.threshold = threshold;
    o.reset_timeout = timeout;
    o.half_open_successes = half_open_successes;
    o.service_name = "kafka.dev";
    return o;
}

void fail_times(circuit_breaker& b, std::uint32_t n, time_point now = t0) {
    for (std::uint32_t i = 0; i < n; ++i)
        b.record_failure(now);
}

// A breaker opened at t0 with a 30 s timeout.
circuit_breaker opened(circuit_breaker_options o = opts()) {
    circuit_breaker b(std::move(o));
    fail_times(b, b.threshold());
    return b;
}

// A breaker moved to half-open at t0 + 30 s by a check.
circuit_breaker half_opened(circuit_breaker_options o = opts()) {
    circuit_breaker b = opened(std::move(o));
    BOOST_TEST_REQUIRE(b.check(t0 + 30s).allowed);
    BOOST_TEST_REQUIRE(b.state(t0 + 30s) == circuit_state::half_open);
    return b;
}

struct recorded {
    std::string service;
    circuit_state from;
    circuit_state to;
    std::uint32_t failures;
    std::uint32_t threshold;

    bool operator==(const recorded&) const = default;
};

std::ostream& operator<<(std::ostream& os, const recorded& r) {
    return os << r.service << ' ' << r.from << "->" << r.to << " failures=" << r.failures
              << " threshold=" << r.threshold;
}

struct transition_log {
    std::vector<recorded> entries;

    void attach(circuit_breaker& b) {
        b.set_transition_callback([this](const circuit_transition& t) {
            entries.push_back({std::string(t.service_name), t.from, t.to, t.failures, t.threshold});
        });
    }
};

std::set<std::string> keys(const boost::json::object& o) {
    std::set<std::string> k;
    for (const auto& kv : o)
        k.insert(std::string(kv.key()));
    return k;
}

const std::set<std::string> base_keys = {"initialized",
                                         "state",
                                         "failures",
                                         "threshold",
                                         "reset_timeout_seconds",
                                         "half_open_successes_required"};

std::set<std::string> base_keys_and(const std::string& extra) {
    auto k = base_keys;
    k.insert(extra);
    return k;
}

} // namespace test_circuit_breaker

BOOST_AUTO_TEST_SUITE(test_circuit_breaker)

BOOST_DATA_TEST_CASE(states_have_the_peers_names,
                     data::make({circuit_state::closed, circuit_state::open,
                                 circuit_state::half_open}) ^
                         data::make({"closed", "open", "half_open"}),
                     state, name) {
    BOOST_TEST(to_string(state) == std::string_view(name));
}

BOOST_AUTO_TEST_CASE(defaults_follow_the_guide) {
    const circuit_breaker_options o;
    BOOST_TEST(o.threshold == 5u);
    BOOST_TEST((o.reset_timeout == 30s));
    BOOST_TEST(o.half_open_successes == 1u);
    BOOST_TEST(o.service_name == "unknown");

    circuit_breaker b;
    BOOST_TEST(b.state(t0) == circuit_state::closed);
    BOOST_TEST(b.failures() == 0u);
    BOOST_TEST(b.threshold() == 5u);
    BOOST_TEST(!b.open_until().has_value());
    BOOST_TEST(b.check(t0).allowed);
}

struct bad_option {
    circuit_breaker_options options;
    std::string parameter;
    std::string value;
    std::string message;
};

std::ostream& operator<<(std::ostream& os, const bad_option& b) {
    return os << b.parameter;
}

BOOST_DATA_TEST_CASE(out_of_range_options_are_rejected_naming_the_parameter,
                     data::make(std::vector<bad_option>{
                         {opts(0), "threshold", "0",
                          "Circuit breaker threshold must be >= 1, got 0"},
                         {opts(3, -1s), "reset_timeout", "-1.0",
                          "Circuit breaker reset_timeout must be >= 0, got -1.0"},
                         {opts(3, -500ms), "reset_timeout", "-0.5",
                          "Circuit breaker reset_timeout must be >= 0, got -0.5"},
                         {opts(3, 30s, 0), "half_open_successes", "0",
                          "Circuit breaker half_open_successes must be >= 1, got 0"},
                     }),
                     bad) {
    BOOST_CHECK_EXCEPTION(circuit_breaker{bad.options}, protocol_configuration_error,
                          [&](const protocol_configuration_error& e) {
                              BOOST_TEST(e.code() == make_error_code(errc::configuration));
                              BOOST_TEST(e.parameter() == bad.parameter);
                              BOOST_TEST(e.diag().value == bad.value);
                              BOOST_TEST(e.diag().message == bad.message);
                              BOOST_TEST(e.diag().operation == "init_circuit_breaker");
                              BOOST_TEST(e.diag().target == "kafka.dev");
                              return true;
                          });
}

BOOST_AUTO_TEST_CASE(the_smallest_valid_options_are_accepted) {
    circuit_breaker b(opts(1, 0s, 1));
    b.record_failure(t0);
    BOOST_TEST(b.state(t0) == circuit_state::half_open); // zero timeout: expired at once
    BOOST_TEST(b.check(t0).allowed);
}

BOOST_AUTO_TEST_CASE(consecutive_failures_open_the_circuit_at_the_threshold_and_not_before) {
    circuit_breaker b(opts(3));
    fail_times(b, 2);
    BOOST_TEST(b.state(t0) == circuit_state::closed);
    BOOST_TEST(b.failures() == 2u);
    BOOST_TEST(b.check(t0).allowed);

    b.record_failure(t0);
    BOOST_TEST(b.state(t0) == circuit_state::open);
    BOOST_TEST(b.failures() == 3u);
    BOOST_TEST((b.open_until() == t0 + 30s));
    BOOST_TEST(!b.check(t0 + 1s).allowed);
}

BOOST_AUTO_TEST_CASE(a_success_between_failures_clears_the_count) {
    circuit_breaker b(opts(3));
    fail_times(b, 2);
    b.record_success(t0);
    BOOST_TEST(b.failures() == 0u);
    fail_times(b, 2);
    BOOST_TEST(b.state(t0) == circuit_state::closed);
    b.record_failure(t0);
    BOOST_TEST(b.state(t0) == circuit_state::open);
}

BOOST_DATA_TEST_CASE(retry_after_is_the_time_left_truncated_to_whole_seconds,
                     data::make({0ms, 1ms, 500ms, 1000ms, 15500ms, 29001ms, 29999ms}) ^
                         data::make({30, 29, 29, 29, 14, 0, 0}),
                     elapsed, expected) {
    circuit_breaker b = opened();
    const circuit_check_result r = b.check(t0 + elapsed);
    BOOST_TEST(!r.allowed);
    BOOST_TEST_REQUIRE(r.retry_after.has_value());
    BOOST_TEST(r.retry_after->count() == expected);
    BOOST_TEST(b.state(t0 + elapsed) == circuit_state::open);
}

BOOST_AUTO_TEST_CASE(an_allowed_check_has_no_retry_after) {
    circuit_breaker b(opts());
    BOOST_TEST(!b.check(t0).retry_after.has_value());
    BOOST_TEST(!opened().check(t0 + 30s).retry_after.has_value());
}

BOOST_AUTO_TEST_CASE(the_first_check_after_the_timeout_moves_to_half_open_and_clears_failures) {
    circuit_breaker b = opened();
    BOOST_TEST(b.check(t0 + 30s).allowed);
    BOOST_TEST(b.state(t0 + 30s) == circuit_state::half_open);
    BOOST_TEST(b.failures() == 0u);
    BOOST_TEST(b.half_open_success_count() == 0u);
    BOOST_TEST(!b.open_until().has_value());
}

BOOST_AUTO_TEST_CASE(half_open_lets_every_trial_request_through) {
    circuit_breaker b = half_opened();
    for (int i = 0; i < 10; ++i)
        BOOST_TEST(b.check(t0 + 31s).allowed);
    BOOST_TEST(b.state(t0 + 31s) == circuit_state::half_open);
}

BOOST_AUTO_TEST_CASE(one_success_in_half_open_closes_the_circuit) {
    circuit_breaker b = half_opened();
    b.record_success(t0 + 31s);
    BOOST_TEST(b.state(t0 + 31s) == circuit_state::closed);
    BOOST_TEST(b.failures() == 0u);
}

BOOST_AUTO_TEST_CASE(half_open_successes_must_all_arrive_before_it_closes) {
    circuit_breaker b = half_opened(opts(3, 30s, 3));
    b.record_success(t0 + 31s);
    b.record_success(t0 + 31s);
    BOOST_TEST(b.state(t0 + 31s) == circuit_state::half_open);
    BOOST_TEST(b.half_open_success_count() == 2u);
    b.record_success(t0 + 31s);
    BOOST_TEST(b.state(t0 + 31s) == circuit_state::closed);
    BOOST_TEST(b.half_open_success_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_failure_in_half_open_reopens_at_once_with_a_new_deadline) {
    circuit_breaker b = half_opened();
    b.record_failure(t0 + 40s);
    BOOST_TEST(b.state(t0 + 40s) == circuit_state::open);
    BOOST_TEST(b.failures() == 1u); // below the threshold, yet open
    BOOST_TEST((b.open_until() == t0 + 70s));
    const auto r = b.check(t0 + 41s);
    BOOST_TEST(!r.allowed);
    BOOST_TEST(r.retry_after->count() == 29);
}

BOOST_AUTO_TEST_CASE(a_failure_in_half_open_forgets_the_successes_counted_so_far) {
    circuit_breaker b = half_opened(opts(3, 30s, 2));
    b.record_success(t0 + 31s);
    b.record_failure(t0 + 31s);
    BOOST_TEST(b.half_open_success_count() == 0u);
    BOOST_TEST(b.check(t0 + 61s).allowed);
    b.record_success(t0 + 61s);
    BOOST_TEST(b.state(t0 + 61s) == circuit_state::half_open);
    b.record_success(t0 + 61s);
    BOOST_TEST(b.state(t0 + 61s) == circuit_state::closed);
}

BOOST_AUTO_TEST_CASE(failures_while_open_are_counted_but_do_not_extend_the_deadline) {
    circuit_breaker b = opened();
    fail_times(b, 10, t0 + 20s);
    BOOST_TEST(b.failures() == 13u);
    BOOST_TEST((b.open_until() == t0 + 30s));
    BOOST_TEST(b.check(t0 + 30s).allowed);
}

BOOST_AUTO_TEST_CASE(an_expired_open_circuit_reports_half_open_without_changing) {
    circuit_breaker b = opened();
    BOOST_TEST(b.state(t0 + 30s - 1ns) == circuit_state::open);
    BOOST_TEST(b.state(t0 + 30s) == circuit_state::half_open);
    BOOST_TEST(b.state(t0 + 1h) == circuit_state::half_open);
    // Nothing moved: the failures and the deadline are still those of the open state.
    BOOST_TEST(b.failures() == 3u);
    BOOST_TEST((b.open_until() == t0 + 30s));
}

BOOST_AUTO_TEST_CASE(a_success_while_open_closes_the_circuit) {
    circuit_breaker b = opened();
    b.record_success(t0 + 1s);
    BOOST_TEST(b.state(t0 + 1s) == circuit_state::closed);
    BOOST_TEST(b.failures() == 0u);
    BOOST_TEST(!b.open_until().has_value());
}

BOOST_DATA_TEST_CASE(reset_closes_from_every_state, data::xrange(3), which) {
    circuit_breaker b = which == 0   ? circuit_breaker(opts())
                        : which == 1 ? opened()
                                     : half_opened();
    b.record_failure(t0 + 30s); // closed: 1 failure; open: 4; half-open: re-opened
    b.reset();
    BOOST_TEST(b.state(t0 + 30s) == circuit_state::closed);
    BOOST_TEST(b.failures() == 0u);
    BOOST_TEST(!b.open_until().has_value());
    BOOST_TEST(b.check(t0 + 30s).allowed);
}

BOOST_AUTO_TEST_CASE(the_injected_clock_drives_the_overloads_without_a_time) {
    time_point now = t0;
    circuit_breaker b(opts(2), [&] { return now; });
    b.record_failure();
    b.record_failure();
    BOOST_TEST(b.state() == circuit_state::open);
    BOOST_TEST((b.open_until() == t0 + 30s));
    now += 10s;
    BOOST_TEST(b.check().retry_after->count() == 20);
    BOOST_TEST(json_of(b.status()).at("seconds_until_half_open").as_double() == 20.0);
    now += 20s;
    BOOST_TEST(b.state() == circuit_state::half_open);
    BOOST_TEST(b.check().allowed);
    b.record_success();
    BOOST_TEST(b.state() == circuit_state::closed);
}

BOOST_AUTO_TEST_CASE(the_default_clock_is_the_steady_clock) {
    circuit_breaker b(opts(1, 1h));
    const auto before = std::chrono::steady_clock::now();
    b.record_failure();
    const auto after = std::chrono::steady_clock::now();
    BOOST_TEST_REQUIRE(b.open_until().has_value());
    BOOST_TEST((*b.open_until() >= before + 1h && *b.open_until() <= after + 1h));
    BOOST_TEST(b.state() == circuit_state::open);
}

BOOST_AUTO_TEST_CASE(status_fields_follow_the_state) {
    circuit_breaker b(opts(3, 1500ms, 2));
    b.record_failure(t0);
    circuit_status s = b.status(t0);
    BOOST_TEST(s.state == circuit_state::closed);
    BOOST_TEST(s.failures == 1u);
    BOOST_TEST(s.threshold == 3u);
    BOOST_TEST((s.reset_timeout == 1500ms));
    BOOST_TEST(s.half_open_successes_required == 2u);
    BOOST_TEST(!s.until_half_open.has_value());
    BOOST_TEST(!s.half_open_success_count.has_value());

    fail_times(b, 2);
    s = b.status(t0 + 500ms);
    BOOST_TEST(s.state == circuit_state::open);
    BOOST_TEST_REQUIRE(s.until_half_open.has_value());
    BOOST_TEST((*s.until_half_open == 1000ms));

    s = b.status(t0 + 1500ms);
    BOOST_TEST(s.state == circuit_state::half_open);
    BOOST_TEST(!s.until_half_open.has_value());
    BOOST_TEST((s.half_open_success_count == std::optional<std::uint32_t>(0)));
    BOOST_TEST(!s.active_recovery_enabled.has_value()); // only a strand breaker sets it
}

BOOST_AUTO_TEST_CASE(status_of_a_closed_circuit_has_the_base_keys) {
    circuit_breaker b(opts(3, 1500ms, 2));
    b.record_failure(t0);
    const auto s = json_of(b.status(t0));
    BOOST_TEST(keys(s) == base_keys, boost::test_tools::per_element());
    BOOST_TEST(s.at("initialized").as_bool());
    BOOST_TEST(s.at("state").as_string() == "closed");
    BOOST_TEST(s.at("failures").to_number<int>() == 1);
    BOOST_TEST(s.at("threshold").to_number<int>() == 3);
    BOOST_TEST(s.at("reset_timeout_seconds").as_double() == 1.5);
    BOOST_TEST(s.at("half_open_successes_required").to_number<int>() == 2);
}

BOOST_DATA_TEST_CASE(status_of_an_open_circuit_has_the_time_left_to_two_decimals,
                     data::make({0ms, 1ms, 14ms, 2500ms, 29994ms}) ^
                         data::make({30.0, 30.0, 29.99, 27.5, 0.01}),
                     elapsed, expected) {
    const boost::json::object s = json_of(opened().status(t0 + elapsed));
    BOOST_TEST(keys(s) == base_keys_and("seconds_until_half_open"),
               boost::test_tools::per_element());
    BOOST_TEST(s.at("state").as_string() == "open");
    BOOST_TEST(s.at("failures").to_number<int>() == 3);
    BOOST_TEST(s.at("seconds_until_half_open").as_double() == expected,
               boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(status_of_a_half_open_circuit_has_the_success_count) {
    circuit_breaker b = half_opened(opts(3, 30s, 2));
    b.record_success(t0 + 31s);
    const auto s = json_of(b.status(t0 + 31s));
    BOOST_TEST(keys(s) == base_keys_and("half_open_success_count"),
               boost::test_tools::per_element());
    BOOST_TEST(s.at("state").as_string() == "half_open");
    BOOST_TEST(s.at("half_open_success_count").to_number<int>() == 1);
    BOOST_TEST(s.at("failures").to_number<int>() == 0);
}

BOOST_AUTO_TEST_CASE(status_of_an_expired_open_circuit_reads_as_half_open) {
    const auto s = json_of(opened().status(t0 + 30s));
    BOOST_TEST(keys(s) == base_keys_and("half_open_success_count"),
               boost::test_tools::per_element());
    BOOST_TEST(s.at("state").as_string() == "half_open");
    BOOST_TEST(s.at("half_open_success_count").to_number<int>() == 0);
}

BOOST_AUTO_TEST_CASE(the_callback_sees_every_transition_in_order) {
    circuit_breaker b(opts(2));
    transition_log log;
    log.attach(b);

    fail_times(b, 2);           // closed -> open
    b.check(t0 + 30s);          // open -> half_open
    b.record_failure(t0 + 30s); // half_open -> open
    b.check(t0 + 60s);          // open -> half_open
    b.record_success(t0 + 60s); // half_open -> closed
    fail_times(b, 2, t0 + 61s); // closed -> open
    b.reset();                  // open -> closed

    using enum circuit_state;
    const std::vector<recorded> expected = {
        {"kafka.dev", closed, open, 2, 2},      {"kafka.dev", open, half_open, 0, 2},
        {"kafka.dev", half_open, open, 1, 2},   {"kafka.dev", open, half_open, 0, 2},
        {"kafka.dev", half_open, closed, 0, 2}, {"kafka.dev", closed, open, 2, 2},
        {"kafka.dev", open, closed, 0, 2},
    };
    BOOST_TEST(log.entries == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_callback_is_silent_when_the_state_does_not_change) {
    circuit_breaker b(opts(3));
    transition_log log;
    log.attach(b);

    b.record_failure(t0);
    b.record_success(t0);
    b.reset();
    b.check(t0);
    fail_times(b, 3);
    b.record_failure(t0 + 1s); // already open
    b.check(t0 + 1s);          // still open
    BOOST_TEST(log.entries.size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_callback_runs_after_the_state_changed) {
    circuit_breaker b(opts(1));
    circuit_state seen = circuit_state::closed;
    std::optional<time_point> deadline;
    b.set_transition_callback([&](const circuit_transition&) {
        seen = b.state(t0);
        deadline = b.open_until();
    });
    b.record_failure(t0);
    BOOST_TEST(seen == circuit_state::open);
    BOOST_TEST((deadline == t0 + 30s));
}

BOOST_AUTO_TEST_CASE(a_throwing_callback_does_not_corrupt_the_state) {
    circuit_breaker b(opts(2));
    int calls = 0;
    b.set_transition_callback([&](const circuit_transition&) {
        ++calls;
        throw std::runtime_error("observer failed");
    });

    BOOST_CHECK_NO_THROW(fail_times(b, 2));
    BOOST_TEST(b.state(t0) == circuit_state::open);
    BOOST_TEST(b.failures() == 2u);
    BOOST_TEST((b.open_until() == t0 + 30s));
    BOOST_CHECK_NO_THROW(b.check(t0 + 30s));
    BOOST_TEST(b.state(t0 + 30s) == circuit_state::half_open);
    BOOST_CHECK_NO_THROW(b.record_success(t0 + 30s));
    BOOST_TEST(b.state(t0 + 30s) == circuit_state::closed);
    BOOST_TEST(calls == 3);
}

BOOST_AUTO_TEST_CASE(the_callback_may_replace_itself) {
    circuit_breaker b(opts(1));
    int first = 0;
    int second = 0;
    b.set_transition_callback([&](const circuit_transition&) {
        ++first;
        b.set_transition_callback([&](const circuit_transition&) { ++second; });
    });
    b.record_failure(t0);
    b.reset();
    BOOST_TEST(first == 1);
    BOOST_TEST(second == 1);
}

BOOST_AUTO_TEST_CASE(an_empty_callback_removes_the_observer) {
    circuit_breaker b(opts(1));
    int calls = 0;
    b.set_transition_callback([&](const circuit_transition&) { ++calls; });
    b.set_transition_callback({});
    b.record_failure(t0);
    BOOST_TEST(calls == 0);
    BOOST_TEST(b.state(t0) == circuit_state::open);
}

BOOST_AUTO_TEST_SUITE_END()
