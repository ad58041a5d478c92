// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TESTING_HPP
#define ONEX_EVENT_BUS_TESTING_HPP

/// \file
/// Helpers for test suites that use the in-memory bus: `run` drives an io_context until an
/// operation completes, and `bus_fixture` is a Boost.Test fixture owning an io_context and a
/// started bus. Header-only; include it in test code, not in production code.
///
/// \code
/// BOOST_FIXTURE_TEST_CASE(order_processing, onex::event_bus::testing::bus_fixture)
/// {
///     std::vector<event_message> received;
///     auto sub = bus.subscribe("orders.events", "test",
///                              [&](const event_message& m) { received.push_back(m); });
///     run(bus.async_publish("orders.events", "order-123", R"({"order_id": "123"})"));
///     BOOST_TEST(received.size() == 1u);
/// }
/// \endcode

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/inmemory_event_bus.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace onex::event_bus::testing {

/// How long @ref run waits for an operation before giving up.
inline constexpr std::chrono::seconds default_run_timeout{30};

/// Launches `op` — a deferred operation completing with `void(error_code)`, such as
/// `bus.async_publish(...)` with its default token — and runs `ioc` until it completes. A failing
/// `error_code` is thrown as the matching exception (@ref infra_error and its kin).
///
/// \throws std::runtime_error when the operation has not completed within `timeout`, or when
/// `ioc` ran out of work before it completed (the operation can then never complete).
template <class Operation>
void run(boost::asio::io_context& ioc, Operation&& op,
         std::chrono::steady_clock::duration timeout = default_run_timeout) {
    // Shared, so that an operation completing after a timeout writes to live memory.
    auto result = std::make_shared<std::optional<boost::system::error_code>>();
    std::forward<Operation>(op)([result](boost::system::error_code ec) { *result = ec; });

    const auto deadline = std::chrono::steady_clock::now() + timeout;
    if (ioc.stopped())
        ioc.restart();
    while (!*result) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline)
            throw std::runtime_error("operation did not complete within the timeout");
        if (ioc.run_one_for(deadline - now) == 0 && !*result && ioc.stopped())
            throw std::runtime_error("io_context ran out of work before the operation completed");
    }
    throw_if_error(**result);
}

/// A Boost.Test fixture: an io_context and an in-memory bus on it (environment "test", group
/// "test-group"), started; closed at the end. Use `run(bus.async_...(...))` inside the test.
struct bus_fixture {
    boost::asio::io_context ioc;
    inmemory_event_bus bus;

    explicit bus_fixture(inmemory_options options = default_options())
        : bus(ioc.get_executor(), std::move(options)) {
        run(bus.async_start());
    }

    ~bus_fixture() {
        try {
            run(bus.async_close());
        } catch (...) {
            // A destructor must not throw; a test that broke the bus has already failed.
        }
    }

    bus_fixture(const bus_fixture&) = delete;
    bus_fixture& operator=(const bus_fixture&) = delete;

    /// Runs `op` to completion on this fixture's io_context (see the free @ref run).
    template <class Operation>
    void run(Operation&& op, std::chrono::steady_clock::duration timeout = default_run_timeout) {
        testing::run(ioc, std::forward<Operation>(op), timeout);
    }

    static inmemory_options default_options() {
        inmemory_options o;
        o.environment = "test";
        o.group = "test-group";
        return o;
    }
};

} // namespace onex::event_bus::testing

#endif // ONEX_EVENT_BUS_TESTING_HPP
