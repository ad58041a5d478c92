// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The delivery of one in-memory publish: admission (offset, history, the subscriptions'
// snapshot), then each subscription's handler in order on the bus's executor, each one's failure
// counted against its (topic, group_id) circuit, then the publish's completion.

#include "inmemory/inmemory_bus_impl.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/inmemory_event_bus.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <exception>
#include <memory>
#include <string>

namespace asio = boost::asio;

namespace onex::event_bus {
namespace detail {
namespace {

std::string describe(const std::exception_ptr& ep) {
    try {
        std::rethrow_exception(ep);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown exception";
    }
}

struct op_deleter {
    void operator()(inmemory_publish_op* op) const noexcept { op->destroy(); }
};
using op_ptr = std::unique_ptr<inmemory_publish_op, op_deleter>;

// One publish: calls each subscription in order on the bus's executor, then completes. The op
// stays put while coroutine handlers run, so the message they see does too.
struct publish_run {
    static void run(op_ptr r) {
        auto& impl = *r->impl;
        const auto count = r->subs ? r->subs->size() : 0;
        while (r->next < count) {
            // The snapshot keeps each subscription alive: no reference count traffic per call.
            const auto& s = (*r->subs)[r->next++];
            if (!may_call(*r, *s) || !s->begin_call())
                continue;
            if (!s->handler.is_async()) {
                std::exception_ptr failure;
                try {
                    s->handler.call(*r->message);
                } catch (...) {
                    failure = std::current_exception();
                }
                finish(*r, *s, failure);
                continue;
            }
            asio::awaitable<void> call;
            try {
                call = s->handler.call_async(*r->message);
            } catch (...) {
                finish(*r, *s, std::current_exception());
                continue;
            }
            asio::co_spawn(impl.executor, std::move(call),
                           [r = std::move(r), s](std::exception_ptr failure) mutable {
                               finish(*r, *s, failure);
                               run(std::move(r));
                           });
            return;
        }
        // We run on the bus's executor, outside the initiating function.
        const auto keep = std::move(r->impl);
        r.release()->complete({}, false, keep->executor);
    }

    static bool may_call(const inmemory_publish_op& r, const subscription_state& s) {
        if (s.failures->count.load() <
            static_cast<std::uint64_t>(r.impl->options.circuit_breaker_threshold))
            return true;
        r.impl->log(log_level::warning, "Circuit open for subscriber group '" + s.group_id +
                                            "' on topic '" + s.topic + "'; skipping offset " +
                                            r.message->offset().value_or("?"));
        return false;
    }

    static void finish(const inmemory_publish_op& r, subscription_state& s,
                       const std::exception_ptr& failure) {
        if (failure) {
            const auto failures = s.failures->count.fetch_add(1) + 1;
            const event_message& message = *r.message;
            r.impl->log(log_level::error,
                        "Subscriber group '" + s.group_id + "' failed on topic '" + s.topic +
                            "' offset " + message.offset().value_or("?") + " (correlation_id " +
                            boost::uuids::to_string(message.headers().correlation_id) +
                            ", consecutive failures " + std::to_string(failures) +
                            "): " + describe(failure));
        } else {
            s.failures->count.store(0);
        }
        s.end_call();
    }
};

} // namespace
} // namespace detail

void inmemory_event_bus::publish_erased(std::shared_ptr<detail::inmemory_bus_impl> impl, prepared p,
                                        diagnostics* diag, detail::inmemory_publish_op* raw_op) {
    detail::op_ptr op(raw_op);
    auto fail = [&](errc code, std::string message) {
        if (diag) {
            diag->clear();
            diag->message = std::move(message);
            diag->transport = "inmemory";
            diag->operation = "publish";
            diag->target = "event_bus." + impl->options.environment;
            if (p.body) {
                diag->topic = p.body->topic;
                diag->correlation_id = p.body->headers.correlation_id;
            }
        }
        op.release()->complete(make_error_code(code), true, impl->executor);
    };
    if (!p.body)
        return fail(errc::configuration, std::move(p.error));

    event_message message(p.body);
    if (!impl->admit(*p.body, op->subs, message))
        return fail(errc::unavailable, "Event bus not started. Call start() first.");

    // The posted run (and, later, a coroutine handler's operations) keeps the executor's work
    // count up: no work guard needed.
    op->message.emplace(std::move(message));
    op->impl = impl;
    asio::post(impl->executor,
               [r = std::move(op)]() mutable { detail::publish_run::run(std::move(r)); });
}

} // namespace onex::event_bus
