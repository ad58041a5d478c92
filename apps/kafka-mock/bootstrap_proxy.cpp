// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "bootstrap_proxy.hpp"

#include <boost/asio/write.hpp>
#include <boost/system/system_error.hpp>

#include <array>
#include <memory>
#include <stdexcept>

namespace onex::apps {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

tcp::endpoint resolve(asio::io_context& io, const std::string& host, const std::string& port) {
    // Throws on failure; a successful resolution is never empty.
    return *tcp::resolver(io).resolve(host, port).begin();
}

tcp::acceptor listen(asio::io_context& io, const std::string& host, unsigned short port) {
    try {
        return tcp::acceptor(io, resolve(io, host, std::to_string(port)));
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                                 e.code().message());
    }
}

tcp::endpoint target_endpoint(asio::io_context& io, const std::string& target) {
    const auto colon = target.rfind(':');
    try {
        if (colon == std::string::npos)
            throw std::invalid_argument("no port");
        return resolve(io, target.substr(0, colon), target.substr(colon + 1));
    } catch (const std::exception& e) {
        throw std::runtime_error("bad proxy target '" + target + "': " + e.what());
    }
}

/// One relayed connection. Every pending operation holds a reference, so the session lives until
/// both pumps have stopped (or the io_context destroys their handlers).
class session : public std::enable_shared_from_this<session> {
public:
    explicit session(tcp::socket client)
        : client_(std::move(client))
        , broker_(client_.get_executor()) {}

    void start(const tcp::endpoint& target) {
        broker_.async_connect(target, [self = shared_from_this()](error_code ec) {
            if (ec)
                return self->close();
            self->pump(self->client_, self->broker_, self->to_broker_);
            self->pump(self->broker_, self->client_, self->to_client_);
        });
    }

private:
    using buffer = std::array<char, 16 * 1024>;

    void pump(tcp::socket& from, tcp::socket& to, buffer& data) {
        from.async_read_some(asio::buffer(data), [self = shared_from_this(), &from, &to,
                                                  &data](error_code ec, std::size_t n) {
            if (ec)
                return self->close();
            asio::async_write(to, asio::buffer(data, n),
                              [self, &from, &to, &data](error_code ec, std::size_t) {
                                  if (ec)
                                      return self->close();
                                  self->pump(from, to, data);
                              });
        });
    }

    void close() {
        // Either side ending ends the relay: closing both makes the other pump's pending
        // operation complete with an error, which lands here again harmlessly.
        error_code ignored;
        client_.close(ignored);
        broker_.close(ignored);
    }

    tcp::socket client_;
    tcp::socket broker_;
    buffer to_broker_{};
    buffer to_client_{};
};

} // namespace

bootstrap_proxy::bootstrap_proxy(asio::io_context& io, const std::string& host, unsigned short port,
                                 const std::string& target)
    : acceptor_(listen(io, host, port))
    , target_(target_endpoint(io, target)) {
    accept();
}

void bootstrap_proxy::accept() {
    acceptor_.async_accept([this](error_code ec, tcp::socket client) {
        if (ec == asio::error::operation_aborted)
            return; // the acceptor is gone: `this` must not be touched
        if (!ec)
            std::make_shared<session>(std::move(client))->start(target_);
        accept();
    });
}

} // namespace onex::apps
