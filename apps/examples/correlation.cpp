// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

/** Correlation ids across two services, as in the guide's "Correlation ID Tracking".
 *
 *  The checkout service publishes a `payment.requested` command to `payments.commands`, starting
 *  a conversation (its correlation id) and a trace (trace id, span id). The payment service
 *  handles it and publishes `payment.captured` to `payments.events` in the same conversation:
 *  same correlation id, the command's message id as the event's cause, and the next span of the
 *  same trace (a new span id whose parent is the command's span). The checkout service receives
 *  the event and checks the chain.
 *
 *    onex-example-correlation [--kafka-mock]   prints the chain; exits 0 only if it holds
 */

#include "example_bus.hpp"

#include <onex/event_bus.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <iomanip>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

namespace asio = boost::asio;
namespace eb = onex::event_bus;
using asio::use_awaitable;

namespace {

constexpr std::string_view commands_topic = "payments.commands";
constexpr std::string_view events_topic = "payments.events";

// How long the checkout service waits for the payment event (a Kafka group's first join takes a
// few seconds); a reply that never comes must not hang the caller.
constexpr std::chrono::seconds reply_timeout{30};

// `bytes` random bytes as lowercase hex: W3C trace context ids are 16 bytes (trace) and 8 (span).
std::string random_hex_id(int bytes) {
    static std::mt19937_64 random{std::random_device{}()};
    std::ostringstream out;
    out << std::hex << std::setfill('0');
    for (int i = 0; i < bytes; ++i)
        out << std::setw(2) << static_cast<unsigned>(random() & 0xffU);
    return out.str();
}

//[correlation_request
// Service A (checkout): the command starts a conversation and a trace.
eb::event_headers payment_request_headers() {
    eb::event_headers h; // fresh correlation_id and message_id
    h.source = "checkout-service";
    h.event_type = "payment.requested";
    h.trace_id = random_hex_id(16);
    h.span_id = random_hex_id(8);
    h.operation_name = "checkout";
    return h;
}
//]

//[correlation_reply
// Service B (payments): the event continues the conversation of the command that caused it.
eb::event_headers reply_headers(const eb::event_headers& command) {
    eb::event_headers h; // a fresh message_id of its own
    h.source = "payment-service";
    h.event_type = "payment.captured";
    h.correlation_id = command.correlation_id; // same conversation
    if (command.trace_id) {
        h.trace_id = command.trace_id;       // same trace,
        h.parent_span_id = command.span_id;  // one span further:
        h.span_id = random_hex_id(8);        // this handler's own span
        h.trace_flags = command.trace_flags; // W3C sampling decision and vendor
        h.tracestate = command.tracestate;   // state carry on (traceparent)
    }
    h.operation_name = "capture_payment";
    return h;
}
//]

//[correlation_causation
// Service B's handler. The headers have no causation field (neither has the Python peer's
// model), so the event names the message that caused it in its payload.
template <class Bus>
asio::awaitable<void> capture_payment(Bus& bus, eb::event_message command) {
    const boost::json::object event{{"status", "captured"},
                                    {"causation_id", to_string(command.headers().message_id)}};
    co_await bus.async_publish(events_topic, command.key(), boost::json::serialize(event),
                               reply_headers(command.headers()), use_awaitable);
}
//]

std::string text(const std::optional<std::string>& s) {
    return s.value_or("-");
}

//[correlation_check
// Service A: the event belongs to the command's conversation, was caused by it, and is the
// next span of its trace.
bool chain_holds(const eb::event_headers& command, const eb::event_message& event) {
    const eb::event_headers& h = event.headers();
    const auto payload = boost::json::parse(event.value()).as_object();
    const auto* cause = payload.if_contains("causation_id");
    return h.correlation_id == command.correlation_id && cause && cause->is_string() &&
           cause->get_string() == to_string(command.message_id) &&
           h.message_id != command.message_id && h.trace_id == command.trace_id &&
           h.parent_span_id == command.span_id && h.span_id && h.span_id != command.span_id;
}
//]

void print_chain(const eb::event_headers& command, const eb::event_message& event) {
    const eb::event_headers& h = event.headers();
    std::cout << "command " << command.event_type << " from " << command.source
              << "\n  message_id     " << command.message_id << "\n  correlation_id "
              << command.correlation_id << "\n  trace_id       " << text(command.trace_id)
              << "\n  span_id        " << text(command.span_id) << "\n"
              << "event   " << h.event_type << " from " << h.source << "\n  message_id     "
              << h.message_id << "\n  correlation_id " << h.correlation_id << "\n  payload        "
              << event.value() << "\n  trace_id       " << text(h.trace_id) << "\n  span_id        "
              << text(h.span_id) << "\n  parent_span_id " << text(h.parent_span_id) << "\n";
}

template <class Bus>
asio::awaitable<int> run(Bus& bus) {
    auto ex = co_await asio::this_coro::executor;

    // Service B: answers every payment command.
    auto payments =
        bus.subscribe(commands_topic, "payment-service",
                      [&bus](const eb::event_message& m) { return capture_payment(bus, m); });

    // Service A: hands the events it receives to the coroutine waiting for them (in an optional,
    // since a channel's payload must be default-constructible).
    asio::experimental::channel<void(boost::system::error_code, std::optional<eb::event_message>)>
        replies(ex, 1);
    auto checkout =
        bus.subscribe(events_topic, "checkout-service", [&replies](const eb::event_message& m) {
            replies.try_send(boost::system::error_code{}, m);
        });

    co_await bus.async_start(use_awaitable);
    const eb::event_headers command = payment_request_headers();
    co_await bus.async_publish(commands_topic, "order-42", R"({"order_id":"42","amount":99.99})",
                               command, use_awaitable);

    // The deadline cancels the wait for the reply; the reply cancels the deadline.
    asio::steady_timer deadline(ex, reply_timeout);
    deadline.async_wait([&replies](boost::system::error_code ec) {
        if (!ec)
            replies.cancel();
    });
    auto [ec, reply] = co_await replies.async_receive(asio::as_tuple(use_awaitable));
    deadline.cancel();
    co_await bus.async_close(use_awaitable);
    if (ec || !reply) {
        std::cout << "no payment event within " << reply_timeout.count() << " s\n";
        co_return 1;
    }
    const eb::event_message& event = *reply;
    print_chain(command, event);
    const bool ok = chain_holds(command, event);
    std::cout << "chain: " << (ok ? "ok" : "BROKEN") << "\n";
    co_return ok ? 0 : 1;
}

// Parses the command line; std::nullopt after --help.
std::optional<bool> parse_kafka_mock(int argc, char* argv[]) {
    namespace po = boost::program_options;
    bool kafka_mock = false;
    po::options_description options("onex-example-correlation options");
    options.add_options()("help", "this text")("kafka-mock", po::bool_switch(&kafka_mock),
                                               "use a Kafka bus on an embedded mock cluster");
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << options;
        return std::nullopt;
    }
    return kafka_mock;
}

} // namespace

int main(int argc, char* argv[]) {
    try {
        const auto kafka_mock = parse_kafka_mock(argc, argv);
        if (!kafka_mock)
            return 0;
        asio::io_context ioc;
        const std::initializer_list<std::string_view> topics{commands_topic, events_topic};
        return onex::examples::with_example_bus(ioc, *kafka_mock, topics, [&](auto& bus) {
            int status = 1;
            asio::co_spawn(ioc, run(bus), [&](std::exception_ptr e, int result) {
                if (e)
                    std::rethrow_exception(e);
                status = result;
            });
            ioc.run();
            return status;
        });
    } catch (const std::exception& e) {
        std::cerr << "onex-example-correlation: " << e.what() << "\n";
        return 1;
    }
}
