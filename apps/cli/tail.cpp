// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "broker.hpp"
#include "commands.hpp"
#include "message_format.hpp"

#include <onex/event_bus/infra_error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <csignal>
#include <cstdint>
#include <iostream>
#include <stdexcept>
#include <utility>

namespace onex::cli {
namespace asio = boost::asio;
namespace eb = onex::event_bus;

namespace {

// A blank group or a bad topic name is a bad argument, found by the bus.
template <class Handler>
eb::subscription subscribe(eb::kafka_event_bus& bus, const tail_options& o, Handler&& handler) {
    try {
        return bus.subscribe(o.topic, o.group, std::forward<Handler>(handler));
    } catch (const eb::protocol_configuration_error& e) {
        throw usage_error(e.diag().message);
    }
}

asio::awaitable<int> tail_topic(eb::kafka_event_bus& bus, const tail_options& o) {
    const auto executor = co_await asio::this_coro::executor;
    // Set and woken (the timer cancelled) when a close that --count or a signal asked for is done.
    bool closed = false;
    asio::steady_timer closed_event(executor, asio::steady_timer::time_point::max());
    const auto close = [&] {
        bus.async_close([&](boost::system::error_code) {
            closed = true;
            closed_event.cancel();
        });
    };
    // A close asked for while the bus is starting may never complete (the library's start does
    // not resume it), so a signal then closes the bus only once the start is over, and gives the
    // signals back their default action: a second one ends the process at once.
    bool started = false;
    bool interrupted = false;
    asio::signal_set signals(executor, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code ec, int) {
        if (ec)
            return;
        interrupted = true;
        if (started)
            close();
        else
            signals.clear();
    });
    std::uint64_t printed = 0;
    // The handler runs on the bus's strand, where closing takes effect at once: the message in
    // hand is the last one handled, so no message is committed that was not printed.
    const auto subscription = subscribe(bus, o, [&](const eb::event_message& m) {
        std::cout << format_message(m, o.format) << std::endl;
        if (++printed == o.count)
            close();
    });
    co_await start_bus(bus);
    started = true;
    if (interrupted)
        close();
    if (!closed)
        co_await closed_event.async_wait(asio::as_tuple(asio::use_awaitable));
    signals.cancel();
    co_return 0;
}

} // namespace

int run_command(const global_options& g, const tail_options& o) {
    broker b(g, {o.topic});
    if (o.from_beginning)
        b.config().auto_offset_reset = "earliest";
    return b.run([&](eb::kafka_event_bus& bus) { return tail_topic(bus, o); });
}

} // namespace onex::cli
