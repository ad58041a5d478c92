// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// librdkafka 2.0.2's mock brokers listen on random local ports that cannot be chosen, so a fixed,
// well-known bootstrap address (localhost:9092, as kcat and the examples expect) needs a forwarder:
// clients bootstrap through it, then talk to the brokers that the cluster's metadata names.

#ifndef ONEX_EVENT_BUS_APPS_KAFKA_MOCK_BOOTSTRAP_PROXY_HPP
#define ONEX_EVENT_BUS_APPS_KAFKA_MOCK_BOOTSTRAP_PROXY_HPP

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <string>

namespace onex::apps {

/// A TCP forwarder: every connection accepted on a local endpoint is relayed byte for byte, in
/// both directions, to one target; when either side ends, both are closed. Runs entirely on the
/// io_context's handlers (no threads of its own).
class bootstrap_proxy {
public:
    /// Listens on `host`:`port` (0 = any free port) and forwards to `target` ("host:port", e.g.
    /// the first entry of a mock cluster's bootstrap list). Accepting starts at once.
    /// Throws std::runtime_error with a one-line reason (e.g. "cannot listen on 127.0.0.1:9092:
    /// Address already in use").
    bootstrap_proxy(boost::asio::io_context& io, const std::string& host, unsigned short port,
                    const std::string& target);

    /// The endpoint actually listened on (the real port when 0 was asked for).
    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

private:
    void accept();

    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::ip::tcp::endpoint target_;
};

} // namespace onex::apps

#endif // ONEX_EVENT_BUS_APPS_KAFKA_MOCK_BOOTSTRAP_PROXY_HPP
