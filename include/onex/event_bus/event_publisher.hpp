// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_EVENT_PUBLISHER_HPP
#define ONEX_EVENT_BUS_EVENT_PUBLISHER_HPP

#include <onex/event_bus/diagnostics.hpp>
#include <onex/event_bus/publish_options.hpp>
#include <onex/event_bus/publisher_metrics.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace onex::event_bus {

/// Publishes events as envelopes (@ref event_envelope), whatever the bus underneath: the guide's
/// `ProtocolEventPublisher`. Services that only emit events depend on this interface; production
/// code gets a @ref kafka_event_publisher, test suites an @ref inmemory_event_publisher.
///
/// \par Completion instead of a `bool`
/// The guide's `publish` returns `False` on any failure and raises only when closed. Here every
/// outcome is the operation's `error_code`: success is `!ec` (the guide's `True`); a failure is
/// the bus's error (`errc::unavailable` while its circuit is open, `errc::timeout`, ...) and is
/// counted in `events_failed`; after @ref async_close it is `errc::unavailable` with the message
/// "Publisher has been closed" (not counted). Pass a @ref diagnostics to learn why. With
/// `use_awaitable` a failure throws, so wrap the token in `asio::as_tuple` to test it instead.
///
/// There is no circuit breaker here: the bus's own publish circuit protects the broker.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe (the metrics are guarded, the closed flag atomic).
class event_publisher {
public:
    using executor_type = boost::asio::any_io_executor;

    virtual ~event_publisher();
    event_publisher(const event_publisher&) = delete;
    event_publisher& operator=(const event_publisher&) = delete;
    event_publisher(event_publisher&&) = delete;
    event_publisher& operator=(event_publisher&&) = delete;

    /// The executor of the bus underneath.
    virtual executor_type get_executor() const noexcept = 0;

    /// Publishes `payload` as the `payload` of a new envelope whose `event_type` tag is
    /// `event_type`, to `options.topic` or else the topic named `event_type`.
    /// \par Handler signature
    /// `void(boost::system::error_code)`.
    /// \par Per-operation cancellation
    /// Not supported: the publish is the bus's, which cannot be recalled once handed over.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_publish(std::string_view event_type, boost::json::value payload,
                       publish_options options = {}, CompletionToken&& token = {}) {
        return initiate_publish(event_type, std::move(payload), std::move(options), nullptr,
                                std::forward<CompletionToken>(token));
    }

    /// As above; on failure `diag` says what went wrong. `diag` must outlive the operation.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_publish(std::string_view event_type, boost::json::value payload,
                       publish_options options, diagnostics& diag, CompletionToken&& token = {}) {
        return initiate_publish(event_type, std::move(payload), std::move(options), &diag,
                                std::forward<CompletionToken>(token));
    }

    /// A snapshot of the counters.
    virtual publisher_metrics metrics() const = 0;

    /// Zeroes the counters; the publisher stays open or closed as it was.
    virtual void reset_metrics() = 0;

    /// True once @ref async_close was called.
    virtual bool is_closed() const noexcept = 0;

    /// Marks the publisher closed (later publishes fail at once) and closes the bus underneath,
    /// completing with the bus's close result. Publishes in flight complete as the bus decides.
    /// \par Handler signature
    /// `void(boost::system::error_code)`.
    /// \par Per-operation cancellation
    /// Not supported: a close always runs to its end.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(boost::system::error_code))
                  CompletionToken = boost::asio::deferred_t>
    auto async_close(CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [this](auto handler) { close_erased(handler_type(std::move(handler))); }, token);
    }

protected:
    using handler_type = boost::asio::any_completion_handler<void(boost::system::error_code)>;

    event_publisher() = default;

    /// Starts one publish; `handler` is invoked through its associated executor, never inline.
    virtual void publish_erased(std::string event_type, boost::json::value payload,
                                publish_options options, diagnostics* diag,
                                handler_type handler) = 0;
    virtual void close_erased(handler_type handler) = 0;

private:
    template <class CompletionToken>
    auto initiate_publish(std::string_view event_type, boost::json::value payload,
                          publish_options options, diagnostics* diag, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [this, diag](auto handler, std::string type, boost::json::value p, publish_options o) {
                publish_erased(std::move(type), std::move(p), std::move(o), diag,
                               handler_type(std::move(handler)));
            },
            token, std::string(event_type), std::move(payload), std::move(options));
    }
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_EVENT_PUBLISHER_HPP
