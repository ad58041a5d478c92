// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The strand-protected breaker; the two-thread case is meant to run under TSan too.

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/strand_circuit_breaker.hpp>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace asio = boost::asio;
using namespace onex::event_bus;
using namespace std::chrono_literals;

namespace test_strand_circuit_breaker {

// Bounds every run: a run that needs the guard has failed (a timer was left pending).
constexpr auto guard = std::chrono::seconds(20);

circuit_breaker_options opts(std::uint32_t threshold, circuit_breaker::duration timeout) {
    circuit_breaker_options o;
    o.threshold = threshold;
    o.reset_timeout = timeout;
    o.service_name = "kafka.test";
    return o;
}

void fail_times(strand_circuit_breaker& b, std::uint32_t n) {
    for (std::uint32_t i = 0; i < n; ++i)
        b.record_failure();
}

// The states the transition callback went through, as (from, to) pairs.
using transitions = std::vector<std::pair<circuit_state, circuit_state>>;

// Written on the strand, read after the io_context stopped.
void observe(strand_circuit_breaker& b, transitions& out) {
    b.set_transition_callback(
        [&out](const circuit_transition& t) { out.emplace_back(t.from, t.to); });
}

// Runs only what is ready, so that a pending recovery timer does not hold the test up.
circuit_status status_of(asio::io_context& ioc, strand_circuit_breaker& b) {
    auto f = b.async_status(asio::use_future);
    ioc.restart();
    ioc.poll();
    BOOST_TEST_REQUIRE((f.wait_for(0s) == std::future_status::ready));
    return f.get();
}

struct check_outcome {
    error_code ec;
    std::optional<std::chrono::seconds> retry_after;
    bool done = false;
};

} // namespace test_strand_circuit_breaker

BOOST_AUTO_TEST_SUITE(test_strand_circuit_breaker)

BOOST_AUTO_TEST_CASE(bad_options_are_rejected_by_the_constructor) {
    asio::io_context ioc;
    BOOST_CHECK_EXCEPTION(strand_circuit_breaker(ioc.get_executor(), opts(0, 30s)),
                          protocol_configuration_error,
                          [](const auto& e) { return e.parameter() == "threshold"; });
}

BOOST_AUTO_TEST_CASE(accessors_return_the_construction_arguments) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(7, 2s), false);
    BOOST_TEST(b.options().threshold == 7u);
    BOOST_TEST((b.options().reset_timeout == 2s));
    BOOST_TEST(b.options().service_name == "kafka.test");
    BOOST_TEST(!b.active_recovery());
    BOOST_TEST((b.get_executor() == asio::any_io_executor(ioc.get_executor())));
    BOOST_TEST(strand_circuit_breaker(ioc.get_executor()).active_recovery());
}

BOOST_AUTO_TEST_CASE(a_callback_completes_later_with_success_when_closed) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(3, 30s));
    check_outcome out;
    b.async_check([&](error_code ec, std::optional<std::chrono::seconds> retry) {
        out = {ec, retry, true};
    });
    BOOST_TEST(!out.done); // never from inside the initiating function
    ioc.run_for(guard);
    BOOST_TEST(out.done);
    BOOST_TEST(!out.ec);
    BOOST_TEST(!out.retry_after.has_value());
}

BOOST_AUTO_TEST_CASE(an_open_circuit_refuses_with_unavailable_and_retry_after) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(3, 30s), false);
    fail_times(b, 3);
    check_outcome out;
    b.async_check([&](error_code ec, std::optional<std::chrono::seconds> retry) {
        out = {ec, retry, true};
    });
    ioc.run_for(guard);
    BOOST_TEST_REQUIRE(out.done);
    BOOST_TEST(out.ec == make_error_code(errc::unavailable));
    BOOST_TEST_REQUIRE(out.retry_after.has_value());
    BOOST_TEST((*out.retry_after >= 29s && *out.retry_after <= 30s));
}

BOOST_AUTO_TEST_CASE(use_future_yields_the_retry_after_or_throws_unavailable) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(2, 30s), false);
    auto allowed = b.async_check(asio::use_future);
    fail_times(b, 2);
    auto refused = b.async_check(asio::use_future);
    ioc.run_for(guard);

    BOOST_TEST(!allowed.get().has_value());
    BOOST_CHECK_EXCEPTION(refused.get(), boost::system::system_error,
                          [](const boost::system::system_error& e) {
                              return e.code() == make_error_code(errc::unavailable);
                          });
}

BOOST_AUTO_TEST_CASE(the_default_token_is_deferred) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(1, 30s), false);
    auto op = b.async_check();
    b.record_failure();
    ioc.run_for(guard);

    // Launched only now, after the failure: it sees the open circuit.
    check_outcome out;
    std::move(op)([&](error_code ec, std::optional<std::chrono::seconds> retry) {
        out = {ec, retry, true};
    });
    ioc.restart();
    ioc.run_for(guard);
    BOOST_TEST(out.done);
    BOOST_TEST(out.ec == make_error_code(errc::unavailable));
}

BOOST_AUTO_TEST_CASE(the_handler_runs_on_its_associated_executor) {
    asio::io_context breaker_ctx;
    asio::io_context handler_ctx;
    strand_circuit_breaker b(breaker_ctx.get_executor(), opts(1, 30s));
    bool done = false;
    b.async_check(asio::bind_executor(
        handler_ctx, [&](error_code, std::optional<std::chrono::seconds>) { done = true; }));
    breaker_ctx.run_for(guard);
    BOOST_TEST(!done);
    handler_ctx.run_for(guard);
    BOOST_TEST(done);
}

BOOST_AUTO_TEST_CASE(status_adds_the_active_recovery_keys) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(2, 1h));
    b.record_failure();
    auto s = status_of(ioc, b);
    BOOST_TEST(s.state == circuit_state::closed);
    BOOST_TEST(s.failures == 1u);
    BOOST_TEST(s.threshold == 2u);
    BOOST_TEST(*s.active_recovery_enabled);
    BOOST_TEST(!*s.active_recovery_running);

    b.record_failure();
    s = status_of(ioc, b);
    BOOST_TEST(s.state == circuit_state::open);
    BOOST_TEST(s.until_half_open.has_value());
    BOOST_TEST(*s.active_recovery_running);

    b.reset();
    s = status_of(ioc, b);
    BOOST_TEST(s.state == circuit_state::closed);
    BOOST_TEST(!*s.active_recovery_running);
    ioc.restart();
    ioc.run_for(guard);
    BOOST_TEST(ioc.stopped()); // the one-hour timer is gone
}

BOOST_AUTO_TEST_CASE(successes_and_failures_follow_the_breaker_rules) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(3, 1h), false);
    transitions seen;
    observe(b, seen);
    fail_times(b, 2);
    b.record_success();
    fail_times(b, 2);
    BOOST_TEST(status_of(ioc, b).failures == 2u);
    b.record_failure();
    BOOST_TEST(status_of(ioc, b).state == circuit_state::open);
    BOOST_TEST((seen == transitions{{circuit_state::closed, circuit_state::open}}));
}

BOOST_AUTO_TEST_CASE(active_recovery_moves_an_open_circuit_to_half_open_by_itself) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(2, 1ms));
    transitions seen;
    observe(b, seen);
    fail_times(b, 2);
    ioc.run_for(guard); // returns once the timer has fired: nothing else is pending

    using enum circuit_state;
    BOOST_TEST((seen == transitions{{closed, open}, {open, half_open}}));
    const auto s = status_of(ioc, b);
    BOOST_TEST(s.state == circuit_state::half_open);
    BOOST_TEST(!*s.active_recovery_running);

    // A trial success closes it.
    b.record_success();
    ioc.restart();
    ioc.run_for(guard);
    BOOST_TEST((seen.back() == std::pair(half_open, closed)));
}

BOOST_AUTO_TEST_CASE(active_recovery_rearms_when_half_open_fails) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(1, 1ms));
    transitions seen;
    b.set_transition_callback([&](const circuit_transition& t) {
        seen.emplace_back(t.from, t.to);
        if (t.to == circuit_state::half_open && seen.size() < 4)
            b.record_failure(); // the trial fails: open again, which needs a new timer
    });
    b.record_failure();
    ioc.run_for(guard);

    using enum circuit_state;
    BOOST_TEST(
        (seen ==
         transitions{{closed, open}, {open, half_open}, {half_open, open}, {open, half_open}}));
}

BOOST_AUTO_TEST_CASE(reset_cancels_active_recovery) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(2, 1h));
    transitions seen;
    observe(b, seen);
    fail_times(b, 2);
    b.reset();
    ioc.run_for(guard);

    BOOST_TEST(ioc.stopped()); // the one-hour timer is gone
    using enum circuit_state;
    BOOST_TEST((seen == transitions{{closed, open}, {open, closed}}));
}

BOOST_AUTO_TEST_CASE(close_cancels_active_recovery_and_keeps_the_circuit_open) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(2, 1h));
    fail_times(b, 2);
    b.close();
    ioc.run_for(guard);
    BOOST_TEST(ioc.stopped());

    const auto s = status_of(ioc, b);
    BOOST_TEST(s.state == circuit_state::open);
    BOOST_TEST(!*s.active_recovery_running);
}

BOOST_AUTO_TEST_CASE(without_active_recovery_no_timer_is_armed) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(1, 1h), false);
    b.record_failure();
    ioc.run_for(guard);
    BOOST_TEST(ioc.stopped());

    const auto s = status_of(ioc, b);
    BOOST_TEST(s.state == circuit_state::open);
    BOOST_TEST(!*s.active_recovery_enabled);
    BOOST_TEST(!*s.active_recovery_running);
}

BOOST_AUTO_TEST_CASE(a_passive_check_after_the_timeout_wins_over_the_timer) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(1, 0s));
    transitions seen;
    observe(b, seen);
    b.record_failure();
    check_outcome out;
    b.async_check([&](error_code ec, std::optional<std::chrono::seconds> retry) {
        out = {ec, retry, true};
    });
    ioc.run_for(guard);

    BOOST_TEST(!out.ec);
    using enum circuit_state;
    // Half-open once only: the timer armed on opening did not fire a second transition.
    BOOST_TEST((seen == transitions{{closed, open}, {open, half_open}}));
}

BOOST_AUTO_TEST_CASE(a_throwing_callback_changes_nothing_on_the_strand) {
    asio::io_context ioc;
    strand_circuit_breaker b(ioc.get_executor(), opts(1, 1ms));
    std::vector<circuit_state> reached;
    b.set_transition_callback([&](const circuit_transition& t) {
        reached.push_back(t.to);
        throw std::runtime_error("observer failed");
    });
    b.record_failure();
    ioc.run_for(guard);

    // The recovery timer was armed despite the exception, and fired.
    BOOST_TEST((reached == std::vector{circuit_state::open, circuit_state::half_open}));
    BOOST_TEST(status_of(ioc, b).state == circuit_state::half_open);
}

BOOST_AUTO_TEST_CASE(destroying_the_object_leaves_pending_operations_intact) {
    asio::io_context ioc;
    transitions seen;
    check_outcome out;
    {
        strand_circuit_breaker b(ioc.get_executor(), opts(2, 1h));
        observe(b, seen);
        fail_times(b, 2);
        b.async_check([&](error_code ec, std::optional<std::chrono::seconds> retry) {
            out = {ec, retry, true};
        });
    }
    ioc.run_for(guard);

    BOOST_TEST(out.done);
    BOOST_TEST(out.ec == make_error_code(errc::unavailable));
    BOOST_TEST((seen == transitions{{circuit_state::closed, circuit_state::open}}));
    // The pending one-hour recovery ended with the last owner of the state.
    BOOST_TEST(ioc.stopped());
}

BOOST_AUTO_TEST_CASE(a_moved_to_object_keeps_the_state) {
    asio::io_context ioc;
    strand_circuit_breaker a(ioc.get_executor(), opts(2, 1h), false);
    a.record_failure();
    strand_circuit_breaker b(std::move(a));
    b.record_failure();
    BOOST_TEST(status_of(ioc, b).state == circuit_state::open);

    strand_circuit_breaker c(ioc.get_executor(), opts(5, 1h), false);
    c = std::move(b);
    BOOST_TEST(status_of(ioc, c).failures == 2u);
}

BOOST_AUTO_TEST_CASE(two_threads_share_one_breaker_and_every_count_adds_up) {
    constexpr int per_thread = 500;
    constexpr std::uint32_t threshold = 2 * per_thread - 100; // opens late in the run

    asio::io_context ioc(2);
    strand_circuit_breaker b(ioc.get_executor(), opts(threshold, 1h), false);
    std::atomic<int> opened{0};
    b.set_transition_callback([&](const circuit_transition& t) {
        if (t.to == circuit_state::open)
            opened.fetch_add(1);
    });

    std::atomic<int> allowed{0};
    std::atomic<int> refused{0};
    std::atomic<int> producers{2};
    auto work = asio::make_work_guard(ioc);

    // Each thread issues its share, then runs the io_context together with the other.
    auto worker = [&] {
        for (int i = 0; i < per_thread; ++i) {
            b.record_failure();
            b.async_check([&](error_code ec, std::optional<std::chrono::seconds> retry) {
                if (ec == make_error_code(errc::unavailable) && retry)
                    refused.fetch_add(1);
                else if (!ec && !retry)
                    allowed.fetch_add(1);
            });
        }
        if (producers.fetch_sub(1) == 1)
            work.reset();
        ioc.run_for(guard);
    };
    std::thread t1(worker);
    std::thread t2(worker);
    t1.join();
    t2.join();

    BOOST_TEST(allowed + refused == 2 * per_thread);
    BOOST_TEST(refused >= 1); // the checks after the last failures see it open
    BOOST_TEST(opened == 1);
    const auto s = status_of(ioc, b);
    BOOST_TEST(s.failures == static_cast<std::uint32_t>(2 * per_thread));
    BOOST_TEST(s.state == circuit_state::open);
}

BOOST_AUTO_TEST_CASE(destroying_it_while_other_threads_run_the_recovery_is_safe) {
    asio::io_context ioc(2);
    auto work = asio::make_work_guard(ioc);
    std::thread t1([&] { ioc.run_for(guard); });
    std::thread t2([&] { ioc.run_for(guard); });

    std::atomic<int> transitions_seen{0};
    std::atomic<int> checks_done{0};
    for (int round = 0; round < 50; ++round) {
        strand_circuit_breaker b(ioc.get_executor(), opts(1, 1ms));
        b.set_transition_callback(
            [&](const circuit_transition&) { transitions_seen.fetch_add(1); });
        b.record_failure();
        b.async_check(
            [&](error_code, std::optional<std::chrono::seconds>) { checks_done.fetch_add(1); });
    } // each breaker dies here, its recovery timer possibly pending or firing
    work.reset();
    t1.join();
    t2.join();

    BOOST_TEST(checks_done == 50);
    BOOST_TEST(transitions_seen >= 50); // every breaker opened; some also recovered
    BOOST_TEST(ioc.stopped());
}

BOOST_AUTO_TEST_SUITE_END()
