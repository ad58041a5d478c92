// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

/** A TCP server whose requests travel through the event bus.
 *
 *  Each request line a client sends ("<order-id> <item> <quantity>") is published as one
 *  `orders.requested` event. A subscriber computes the answer and hands it to the connection that
 *  waits for it, found by the event's correlation id; the connection writes it back as one line.
 *  The connection and the subscriber only share the correlation id, so the subscriber could as
 *  well run in another process behind Kafka.
 *
 *    onex-example-tcp_server [--port 5555] [--kafka-mock]   serve until SIGINT or SIGTERM
 *    onex-example-tcp_server --self-test 20 [--kafka-mock]  serve on a free port, send 20 requests
 *                                                           from two clients, check every answer
 *
 *  `--kafka-mock` uses a kafka_event_bus on a librdkafka mock cluster in this process instead of
 *  the in-memory bus.
 */

#include "example_bus.hpp"

#include <onex/event_bus.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/program_options.hpp>
#include <boost/uuid/uuid.hpp>

#include <chrono>
#include <csignal>
#include <exception>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

namespace asio = boost::asio;
namespace eb = onex::event_bus;
using asio::use_awaitable;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

namespace {

constexpr std::string_view requests_topic = "orders.requested";
constexpr std::string_view answering_group = "tcp-server";

// A request whose answer has not come within this time is answered with an error rather than
// holding its connection forever (a Kafka consumer group's first join takes a few seconds).
constexpr std::chrono::seconds answer_timeout{20};

// The business logic: the answer to one request line.
std::string answer_to(std::string_view request) {
    std::istringstream in{std::string(request)};
    std::string order_id;
    std::string item;
    int quantity = 0;
    if (!(in >> order_id >> item >> quantity))
        return "error: expected <order-id> <item> <quantity>";
    if (quantity < 1)
        return order_id + " rejected: quantity must be positive";
    return order_id + " accepted: " + std::to_string(quantity) + " x " + item;
}

// Connections waiting for their answer, by the correlation id of the request they published.
// Everything runs on the io_context's one thread, so no lock is needed.
class pending_answers {
public:
    using channel = asio::experimental::channel<void(boost::system::error_code, std::string)>;

    // Registers a request; its answer will arrive on the returned channel. The channel buffers
    // one answer, because the in-memory bus runs the subscriber before the publish completes.
    std::shared_ptr<channel> expect(const boost::uuids::uuid& id, const asio::any_io_executor& ex) {
        auto answer = std::make_shared<channel>(ex, 1);
        waiting_[id] = answer;
        return answer;
    }

    // Hands `text` to the connection waiting for `id`. An answer nobody waits for any more (timed
    // out, or replayed by Kafka from an earlier run) is dropped.
    void complete(const boost::uuids::uuid& id, std::string text) {
        auto it = waiting_.find(id);
        if (it == waiting_.end())
            return;
        it->second->try_send(boost::system::error_code{}, std::move(text));
        waiting_.erase(it);
    }

    void forget(const boost::uuids::uuid& id) { waiting_.erase(id); }

private:
    std::map<boost::uuids::uuid, std::shared_ptr<channel>> waiting_;
};

//[tcp_server_subscribe
// The answering side: compute the answer and complete the connection that waits for it.
template <class Bus>
eb::subscription answer_requests(Bus& bus, pending_answers& pending) {
    return bus.subscribe(requests_topic, answering_group, [&pending](const eb::event_message& m) {
        pending.complete(m.headers().correlation_id, answer_to(m.value()));
    });
}
//]

//[tcp_server_publish
// One request: publish it under a fresh correlation id, then wait for the answer to that id.
template <class Bus>
asio::awaitable<std::string> request(Bus& bus, pending_answers& pending, std::string line) {
    eb::event_headers headers; // a fresh correlation_id: the key of this request
    headers.source = "tcp-server";
    headers.event_type = "orders.requested";
    const auto id = headers.correlation_id;
    auto answer = pending.expect(id, co_await asio::this_coro::executor); // before publishing

    auto [ec] = co_await bus.async_publish(requests_topic, std::nullopt, line, headers,
                                           asio::as_tuple(use_awaitable));
    if (ec) {
        pending.forget(id);
        co_return "error: " + ec.message();
    }
    asio::steady_timer deadline(co_await asio::this_coro::executor, answer_timeout);
    auto got =
        co_await (answer->async_receive(use_awaitable) || deadline.async_wait(use_awaitable));
    pending.forget(id);
    co_return got.index() == 0 ? std::get<0>(std::move(got)) : "error: no answer in time";
}
//]

// One client connection: a request per line, answered in order.
template <class Bus>
asio::awaitable<void> session(tcp::socket socket, Bus& bus, pending_answers& pending) {
    std::string buffer;
    for (;;) {
        auto [read_error, n] = co_await asio::async_read_until(socket, asio::dynamic_buffer(buffer),
                                                               '\n', asio::as_tuple(use_awaitable));
        if (read_error)
            co_return; // the client hung up
        const std::string line = buffer.substr(0, n - 1);
        buffer.erase(0, n);
        const std::string reply = co_await request(bus, pending, line) + "\n";
        auto [write_error, written] =
            co_await asio::async_write(socket, asio::buffer(reply), asio::as_tuple(use_awaitable));
        if (write_error)
            co_return;
    }
}

// Accepts connections until cancelled, each served by its own coroutine.
template <class Bus>
asio::awaitable<void> listen(tcp::acceptor& acceptor, Bus& bus, pending_answers& pending) {
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(use_awaitable));
        if (ec)
            co_return; // cancelled: the server is stopping
        asio::co_spawn(acceptor.get_executor(), session(std::move(socket), bus, pending),
                       asio::detached);
    }
}

// The self-test's client: `count` requests on one connection; returns how many answers were wrong.
asio::awaitable<int> client(tcp::endpoint server, std::string name, int count) {
    tcp::socket socket(co_await asio::this_coro::executor);
    co_await socket.async_connect(server, use_awaitable);
    int wrong = 0;
    std::string buffer;
    for (int i = 1; i <= count; ++i) {
        const std::string order = name + "-" + std::to_string(i);
        const int quantity = i % 5 == 0 ? 0 : i; // every fifth order must be rejected
        const std::string expected =
            quantity > 0 ? order + " accepted: " + std::to_string(quantity) + " x widget"
                         : order + " rejected: quantity must be positive";
        const std::string line = order + " widget " + std::to_string(quantity) + "\n";
        co_await asio::async_write(socket, asio::buffer(line), use_awaitable);
        const std::size_t n = co_await asio::async_read_until(socket, asio::dynamic_buffer(buffer),
                                                              '\n', use_awaitable);
        const std::string got = buffer.substr(0, n - 1);
        buffer.erase(0, n);
        if (got != expected) {
            ++wrong;
            std::cout << "mismatch: sent \"" << order << "\", expected \"" << expected
                      << "\", got \"" << got << "\"\n";
        }
    }
    co_return wrong;
}

// --self-test: the server on a free port and two concurrent clients in the same io_context, so
// that answers of both interleave on the bus and must still reach the right connection.
template <class Bus>
asio::awaitable<int> self_test(Bus& bus, pending_answers& pending, int count) {
    tcp::acceptor acceptor(co_await asio::this_coro::executor,
                           {asio::ip::address_v4::loopback(), 0});
    const auto server = acceptor.local_endpoint();
    auto answering = answer_requests(bus, pending);
    co_await bus.async_start(use_awaitable);

    // When both clients are done, the listener is cancelled.
    auto done =
        co_await (listen(acceptor, bus, pending) ||
                  (client(server, "A", count / 2) && client(server, "B", count - count / 2)));
    co_await bus.async_close(use_awaitable);
    if (done.index() != 1) {
        std::cout << "self-test: the listener stopped early\n";
        co_return 1;
    }
    const auto [wrong_a, wrong_b] = std::get<1>(done);
    const int wrong = wrong_a + wrong_b;
    std::cout << "self-test: " << count << " requests, " << count - wrong << " answered correctly, "
              << wrong << " wrong: " << (wrong == 0 ? "ok" : "FAILED") << "\n";
    co_return wrong == 0 ? 0 : 1;
}

// The normal mode: serve on `port` until SIGINT or SIGTERM.
template <class Bus>
asio::awaitable<int> serve(Bus& bus, pending_answers& pending, unsigned short port) {
    auto ex = co_await asio::this_coro::executor;
    tcp::acceptor acceptor(ex, {tcp::v4(), port});
    asio::signal_set signals(ex, SIGINT, SIGTERM);
    auto answering = answer_requests(bus, pending);
    co_await bus.async_start(use_awaitable);
    std::cout << "listening on " << acceptor.local_endpoint() << std::endl;

    co_await (listen(acceptor, bus, pending) || signals.async_wait(use_awaitable));
    std::cout << "stopping\n";
    co_await bus.async_close(use_awaitable);
    co_return 0;
}

struct settings {
    unsigned short port = 5555;
    int self_test = 0;
    bool kafka_mock = false;
};

// Parses the command line; std::nullopt after --help.
std::optional<settings> parse(int argc, char* argv[]) {
    namespace po = boost::program_options;
    settings s;
    po::options_description options("onex-example-tcp_server options");
    options.add_options()("help", "this text")("port", po::value(&s.port)->default_value(s.port),
                                               "TCP port to listen on")(
        "self-test", po::value(&s.self_test),
        "serve on a free port, send N requests from two clients, check the answers, exit")(
        "kafka-mock", po::bool_switch(&s.kafka_mock),
        "use a Kafka bus on an embedded mock cluster");
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << options;
        return std::nullopt;
    }
    return s;
}

} // namespace

int main(int argc, char* argv[]) {
    try {
        const auto s = parse(argc, argv);
        if (!s)
            return 0;
        asio::io_context ioc;
        const std::initializer_list<std::string_view> topics{requests_topic};
        return onex::examples::with_example_bus(ioc, s->kafka_mock, topics, [&](auto& bus) {
            pending_answers pending;
            int status = 1;
            auto task = s->self_test > 0 ? self_test(bus, pending, s->self_test)
                                         : serve(bus, pending, s->port);
            asio::co_spawn(ioc, std::move(task), [&](std::exception_ptr e, int result) {
                if (e)
                    std::rethrow_exception(e); // out of ioc.run(), to the catch below
                status = result;
                // Connections still open are dropped here; a production server would drain them.
                ioc.stop();
            });
            ioc.run();
            return status;
        });
    } catch (const std::exception& e) {
        std::cerr << "onex-example-tcp_server: " << e.what() << "\n";
        return 1;
    }
}
