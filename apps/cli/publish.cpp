// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "broker.hpp"
#include "commands.hpp"
#include "header_args.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <iostream>
#include <iterator>
#include <stdexcept>

namespace onex::cli {
namespace asio = boost::asio;
namespace eb = onex::event_bus;

namespace {

std::string read_stdin() {
    std::string value{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    if (std::cin.bad())
        throw std::runtime_error("cannot read the value from stdin");
    return value;
}

asio::awaitable<int> publish_one(eb::kafka_event_bus& bus, const publish_options& o,
                                 const std::string& value, const eb::event_headers& headers) {
    co_await start_bus(bus);
    eb::diagnostics diag;
    const std::optional<std::string_view> key =
        o.key ? std::optional<std::string_view>(*o.key) : std::nullopt;
    const auto [ec] = co_await bus.async_publish(o.topic, key, value, headers, diag,
                                                 asio::as_tuple(asio::use_awaitable));
    if (ec)
        throw std::runtime_error("publish to " + o.topic + " failed: " +
                                 (diag.message.empty() ? ec.message() : diag.message));
    std::cout << "published to " << o.topic << ": message_id=" << headers.message_id
              << " correlation_id=" << headers.correlation_id << std::endl;
    co_return 0;
}

} // namespace

int run_command(const global_options& g, const publish_options& o) {
    // Bad arguments are reported before stdin is read or a broker is contacted.
    const eb::event_headers headers = parse_header_args(o.headers, o.topic);
    const std::string value = o.value ? *o.value : read_stdin();
    broker b(g, {o.topic});
    return b.run([&](eb::kafka_event_bus& bus) { return publish_one(bus, o, value, headers); });
}

} // namespace onex::cli
