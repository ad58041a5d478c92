// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/inmemory_event_bus.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <algorithm>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <numeric>
#include <unordered_map>

namespace asio = boost::asio;

namespace onex::event_bus {
namespace detail {
namespace {

struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

template <class V>
using string_map = std::unordered_map<std::string, V, string_hash, std::equal_to<>>;

using sub_list = std::vector<std::shared_ptr<subscription_state>>;

struct topic_state {
    std::uint64_t offset = 0;
    std::shared_ptr<const sub_list> subs;
};
using handler_type = asio::any_completion_handler<void(boost::system::error_code)>;

std::string describe(const std::exception_ptr& ep) {
    try {
        std::rethrow_exception(ep);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown exception";
    }
}

// Completes `h` on its associated executor (the bus's by default), never inline.
void post_completion(const asio::any_io_executor& ex, handler_type h,
                     boost::system::error_code ec) {
    asio::post(ex, asio::append(std::move(h), ec));
}

} // namespace

class inmemory_bus_impl final : public subscription_owner,
                                public std::enable_shared_from_this<inmemory_bus_impl> {
public:
    inmemory_bus_impl(asio::any_io_executor ex, inmemory_options opts)
        : executor(std::move(ex))
        , options(std::move(opts))
        , default_source(options.environment + "." + options.group) {}

    const asio::any_io_executor executor;
    const inmemory_options options;
    const std::string default_source;

    void log(log_level lvl, const std::string& message) const {
        if (options.log)
            options.log->log(lvl, message);
        else
            global_logger().log(lvl, message);
    }

    // --- lifecycle -------------------------------------------------------------------------

    bool is_started() const {
        std::lock_guard lock(mutex_);
        return started_;
    }

    void start() {
        std::lock_guard lock(mutex_);
        start_locked();
    }

    void close(boost::system::error_code waiter_result) {
        std::map<std::uint64_t, handler_type> waiters;
        {
            std::lock_guard lock(mutex_);
            for (auto& [name, topic] : topics_) {
                if (topic.subs)
                    for (auto& s : *topic.subs)
                        s->deactivate();
                topic.subs.reset(); // the offset stays
            }
            circuits_.clear();
            started_ = false;
            shutdown_ = true;
            waiters.swap(consuming_waiters_);
        }
        for (auto& [id, h] : waiters) {
            asio::get_associated_cancellation_slot(h).clear();
            post_completion(executor, std::move(h), waiter_result);
        }
    }

    void wait_for_shutdown(handler_type h) {
        auto slot = asio::get_associated_cancellation_slot(h);
        std::lock_guard lock(mutex_);
        start_locked();
        const std::uint64_t id = next_waiter_id_++;
        consuming_waiters_.emplace(id, std::move(h));
        if (slot.is_connected()) {
            slot.assign([weak = weak_from_this(), id](asio::cancellation_type) {
                if (auto self = weak.lock())
                    self->cancel_waiter(id);
            });
        }
    }

    // --- publishing ------------------------------------------------------------------------

    // Assigns the offset, records the message and snapshots the topic's subscriptions: the one
    // moment a publish holds the lock. Returns false when the bus is not started.
    bool admit(owning_message_body& body, std::shared_ptr<const sub_list>& subs,
               event_message& message) {
        std::lock_guard lock(mutex_);
        if (!started_)
            return false;
        auto it = topics_.find(body.topic);
        if (it == topics_.end())
            it = topics_.emplace(body.topic, topic_state{}).first;
        body.offset = std::to_string(it->second.offset++);
        if (options.max_history > 0) {
            history_.push_back(message);
            if (history_.size() > options.max_history)
                history_.pop_front();
        }
        subs = it->second.subs;
        return true;
    }

    // --- subscriptions ---------------------------------------------------------------------

    std::shared_ptr<subscription_state> add(std::string_view topic, std::string_view group_id,
                                            message_handler handler) {
        std::lock_guard lock(mutex_);
        auto& circuit = circuits_[{std::string(topic), std::string(group_id)}];
        if (!circuit)
            circuit = std::make_shared<subscriber_circuit>();
        auto s = std::make_shared<subscription_state>(std::string(topic), std::string(group_id),
                                                      std::move(handler), executor, circuit);
        s->owner = std::weak_ptr<subscription_owner>(shared_from_this());
        auto& list = topics_[s->topic].subs;
        auto next = list ? std::make_shared<sub_list>(*list) : std::make_shared<sub_list>();
        next->push_back(s);
        list = std::move(next);
        return s;
    }

    void remove(const std::shared_ptr<subscription_state>& s) noexcept override {
        std::lock_guard lock(mutex_);
        auto it = topics_.find(s->topic);
        if (it == topics_.end() || !it->second.subs)
            return;
        const sub_list& list = *it->second.subs;
        if (std::find(list.begin(), list.end(), s) == list.end())
            return;
        // Copy-on-write: publishes in progress keep iterating their own snapshot. The emptied
        // list stays, so that topic_count keeps counting the topic as the peer does.
        auto next = std::make_shared<sub_list>();
        next->reserve(list.size() - 1);
        std::copy_if(list.begin(), list.end(), std::back_inserter(*next),
                     [&](const auto& x) { return x != s; });
        it->second.subs = std::move(next);
    }

    // --- introspection ---------------------------------------------------------------------

    inmemory_health health() const {
        std::lock_guard lock(mutex_);
        inmemory_health h;
        h.healthy = started_;
        h.started = started_;
        h.environment = options.environment;
        h.group = options.group;
        h.subscriber_count = count_locked(std::nullopt);
        h.topic_count = static_cast<std::size_t>(
            std::count_if(topics_.begin(), topics_.end(),
                          [](const auto& t) { return t.second.subs != nullptr; }));
        h.history_size = history_.size();
        return h;
    }

    std::vector<event_message> history(std::size_t limit,
                                       std::optional<std::string_view> topic) const {
        std::lock_guard lock(mutex_);
        std::vector<event_message> out;
        const bool filter = topic && !topic->empty();
        for (const auto& m : history_)
            if (!filter || m.topic() == *topic)
                out.push_back(m);
        if (limit != 0 && limit < out.size())
            out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(limit));
        return out;
    }

    void clear_history() {
        std::lock_guard lock(mutex_);
        history_.clear();
    }

    std::size_t subscriber_count(std::optional<std::string_view> topic) const {
        std::lock_guard lock(mutex_);
        return count_locked(topic);
    }

    std::vector<std::string> topics() const {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        for (const auto& [name, topic] : topics_)
            if (topic.subs && !topic.subs->empty())
                out.push_back(name);
        std::sort(out.begin(), out.end());
        return out;
    }

    std::uint64_t topic_offset(std::string_view topic) const {
        std::lock_guard lock(mutex_);
        auto it = topics_.find(topic);
        return it == topics_.end() ? 0 : it->second.offset;
    }

    subscriber_circuit_table subscriber_circuits() const {
        std::lock_guard lock(mutex_);
        subscriber_circuit_table t;
        for (const auto& [key, circuit] : circuits_) {
            const auto failures = circuit->failures.load();
            if (failures == 0)
                continue;
            t.entries.push_back(
                {key.first, key.second, failures, failures >= options.circuit_breaker_threshold});
        }
        return t;
    }

    bool reset_circuit(std::string_view topic, std::string_view group_id) {
        std::lock_guard lock(mutex_);
        auto it = circuits_.find({std::string(topic), std::string(group_id)});
        return it != circuits_.end() && it->second->failures.exchange(0) != 0;
    }

private:
    void start_locked() {
        started_ = true;
        shutdown_ = false;
    }

    std::size_t count_locked(std::optional<std::string_view> topic) const {
        if (topic) {
            auto it = topics_.find(*topic);
            return it == topics_.end() || !it->second.subs ? 0 : it->second.subs->size();
        }
        return std::accumulate(topics_.begin(), topics_.end(), std::size_t{0},
                               [](std::size_t n, const auto& kv) {
                                   return n + (kv.second.subs ? kv.second.subs->size() : 0);
                               });
    }

    void cancel_waiter(std::uint64_t id) {
        // Asio 1.81's any_completion_handler move assignment recurses forever: construct only.
        std::optional<handler_type> h;
        {
            std::lock_guard lock(mutex_);
            auto it = consuming_waiters_.find(id);
            if (it == consuming_waiters_.end())
                return;
            h.emplace(std::move(it->second));
            consuming_waiters_.erase(it);
        }
        // We run inside the slot's own handler: clearing the slot here would destroy it mid-call.
        post_completion(executor, std::move(*h), asio::error::operation_aborted);
    }

    mutable std::mutex mutex_;
    bool started_ = false;
    bool shutdown_ = false;
    // One entry per topic ever published or subscribed to: one lookup per publish. `subs` is
    // null until the topic's first subscription since the last close (topic_count counts
    // those, empty lists included, as the peer does).
    string_map<topic_state> topics_;
    std::map<std::pair<std::string, std::string>, std::shared_ptr<subscriber_circuit>> circuits_;
    std::deque<event_message> history_;
    std::map<std::uint64_t, handler_type> consuming_waiters_;
    std::uint64_t next_waiter_id_ = 0;
};

namespace {

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
        if (s.circuit->failures.load() <
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
            const auto failures = s.circuit->failures.fetch_add(1) + 1;
            const event_message& message = *r.message;
            r.impl->log(log_level::error,
                        "Subscriber group '" + s.group_id + "' failed on topic '" + s.topic +
                            "' offset " + message.offset().value_or("?") + " (correlation_id " +
                            boost::uuids::to_string(message.headers().correlation_id) +
                            ", consecutive failures " + std::to_string(failures) +
                            "): " + describe(failure));
        } else {
            s.circuit->failures.store(0);
        }
        s.end_call();
    }
};

} // namespace
} // namespace detail

// --- inmemory_event_bus ------------------------------------------------------------------------

inmemory_event_bus::inmemory_event_bus(executor_type ex, inmemory_options options) {
    if (options.circuit_breaker_threshold < 1) {
        throw protocol_configuration_error(
            "circuit_breaker_threshold must be a positive integer, got " +
                std::to_string(options.circuit_breaker_threshold),
            "circuit_breaker_threshold", std::to_string(options.circuit_breaker_threshold));
    }
    impl_ = std::make_shared<detail::inmemory_bus_impl>(std::move(ex), std::move(options));
}

inmemory_event_bus::~inmemory_event_bus() {
    if (impl_)
        impl_->close(asio::error::operation_aborted);
}

inmemory_event_bus& inmemory_event_bus::operator=(inmemory_event_bus&& other) noexcept {
    if (this != &other) {
        if (impl_)
            impl_->close(asio::error::operation_aborted);
        impl_ = std::move(other.impl_);
    }
    return *this;
}

inmemory_event_bus::executor_type inmemory_event_bus::get_executor() const noexcept {
    return impl_->executor;
}

const std::string& inmemory_event_bus::environment() const noexcept {
    return impl_->options.environment;
}

const std::string& inmemory_event_bus::group() const noexcept {
    return impl_->options.group;
}

const inmemory_options& inmemory_event_bus::config() const noexcept {
    return impl_->options;
}

bool inmemory_event_bus::is_started() const noexcept {
    return impl_->is_started();
}

void inmemory_event_bus::run_erased(std::shared_ptr<detail::inmemory_bus_impl> impl,
                                    detail::bus_operation op, diagnostics*, handler_type h) {
    switch (op) {
    case detail::bus_operation::start:
        impl->start();
        return detail::post_completion(impl->executor, std::move(h), {});
    case detail::bus_operation::close:
        impl->close({});
        return detail::post_completion(impl->executor, std::move(h), {});
    case detail::bus_operation::start_consuming:
        return impl->wait_for_shutdown(std::move(h));
    }
}

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

inmemory_event_bus::prepared inmemory_event_bus::prepare(const detail::publish_spec& spec) const {
    if (!spec.error.empty())
        return {nullptr, std::string(spec.error)};
    event_headers h;
    if (spec.movable_headers) {
        h = std::move(*spec.movable_headers);
    } else if (spec.headers) {
        h = *spec.headers;
    } else {
        h.source = impl_->default_source;
        h.event_type = std::string(spec.event_type.empty() ? spec.topic : spec.event_type);
        if (!spec.content_type.empty())
            h.content_type = std::string(spec.content_type);
    }
    return {std::make_shared<detail::owning_message_body>(
                std::string(spec.topic), spec.key, spec.value, std::move(h), std::nullopt, 0),
            {}};
}

subscription inmemory_event_bus::subscribe_erased(std::string_view topic, std::string_view group_id,
                                                  detail::message_handler handler) {
    if (group_id.empty())
        throw protocol_configuration_error("subscribe() requires a non-empty group_id", "group_id");
    return subscription(impl_->add(topic, group_id, std::move(handler)));
}

inmemory_health inmemory_event_bus::health() const {
    return impl_->health();
}

circuit_status inmemory_event_bus::circuit_breaker_status() const {
    circuit_status s;
    s.threshold = static_cast<std::uint32_t>(impl_->options.circuit_breaker_threshold);
    return s;
}

std::vector<event_message>
inmemory_event_bus::event_history(std::size_t limit, std::optional<std::string_view> topic) const {
    return impl_->history(limit, topic);
}

void inmemory_event_bus::clear_event_history() {
    impl_->clear_history();
}

std::size_t inmemory_event_bus::subscriber_count(std::optional<std::string_view> topic) const {
    return impl_->subscriber_count(topic);
}

std::vector<std::string> inmemory_event_bus::topics() const {
    return impl_->topics();
}

std::uint64_t inmemory_event_bus::topic_offset(std::string_view topic) const {
    return impl_->topic_offset(topic);
}

subscriber_circuit_table inmemory_event_bus::subscriber_circuits() const {
    return impl_->subscriber_circuits();
}

bool inmemory_event_bus::reset_subscriber_circuit(std::string_view topic,
                                                  std::string_view group_id) {
    return impl_->reset_circuit(topic, group_id);
}

} // namespace onex::event_bus
