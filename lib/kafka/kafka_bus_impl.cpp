// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/consumer_reconcile.hpp"
#include "kafka/group_consumer.hpp"
#include "kafka/kafka_bus_impl.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include <cstdlib>

namespace asio = boost::asio;

namespace onex::event_bus::detail {
namespace {

std::optional<std::string_view> env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::optional<std::string_view>(v) : std::nullopt;
}

} // namespace

std::chrono::steady_clock::duration to_duration(double seconds) {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(seconds));
}

circuit_breaker_options breaker_options(const kafka_config& c, std::string service_name) {
    circuit_breaker_options o;
    o.threshold = static_cast<std::uint32_t>(c.circuit_breaker_threshold);
    o.reset_timeout = to_duration(c.circuit_breaker_reset_timeout);
    o.half_open_successes = 1;
    o.service_name = std::move(service_name);
    return o;
}

void destroy_request(kafka_publish_request* r) noexcept {
    delete r;
}

request_ptr make_request_ptr() {
    return request_ptr(new kafka_publish_request, &destroy_request);
}

kafka_bus_impl::kafka_bus_impl(asio::any_io_executor ex, kafka_config cfg,
                               std::shared_ptr<logger> log)
    : executor(std::move(ex))
    , strand(asio::make_strand(executor))
    , config(std::move(cfg))
    , log_sink(std::move(log))
    , enforcement(parse_topic_enforcement(env("ONEX_TOPIC_ENFORCEMENT_MODE")))
    , breaker_(breaker_options(config, "kafka." + config.environment)) {
    // Operators see the breaker move in the log, not only in health_check() snapshots.
    breaker_.set_transition_callback([this](const circuit_transition& t) {
        this->log(t.to == circuit_state::closed ? log_level::info : log_level::warning,
                  "Circuit breaker " + std::string(t.service_name) + ": " +
                      std::string(to_string(t.from)) + " -> " + std::string(to_string(t.to)) +
                      " (" + std::to_string(t.failures) + "/" + std::to_string(t.threshold) +
                      " failures)");
    });
}

kafka_bus_impl::~kafka_bus_impl() {
    stop_producer();
}

void kafka_bus_impl::log(log_level lvl, std::string_view message) const noexcept {
    if (log_sink)
        log_sink->log(lvl, message);
    else
        global_logger().log(lvl, message);
}

std::chrono::steady_clock::duration kafka_bus_impl::backoff(std::uint32_t attempt) {
    return backoff_delay(config.retry_backoff_base, static_cast<int>(attempt), jitter_());
}

void kafka_bus_impl::update_breaker_mirror() {
    const auto now = std::chrono::steady_clock::now();
    breaker_state_mirror_.store(static_cast<int>(breaker_.state(now)));
    breaker_failures_mirror_.store(breaker_.failures());
    const auto until = breaker_.open_until();
    breaker_open_until_mirror_.store(until ? steady_rep(*until) : 0);
}

std::shared_ptr<subscription_state>
kafka_bus_impl::add_subscription(std::string topic, std::string group, message_handler handler) {
    auto s = std::make_shared<subscription_state>(std::move(topic), std::move(group),
                                                  std::move(handler), executor, nullptr);
    s->owner = std::static_pointer_cast<subscription_owner>(shared_from_this());
    {
        std::lock_guard lock(registry_mutex_);
        auto& topics = registry_[s->group_id];
        auto& list = topics[s->topic];
        auto next = std::make_shared<subscription_list>(list ? *list : subscription_list{});
        next->push_back(s);
        list = std::move(next);
        registry_version_.fetch_add(1);
    }
    asio::dispatch(strand, [self = shared_from_this()] { self->sync_consumers(); });
    return s;
}

void kafka_bus_impl::remove(const std::shared_ptr<subscription_state>& s) noexcept {
    s->deactivate();
    try {
        std::lock_guard lock(registry_mutex_);
        auto group = registry_.find(s->group_id);
        if (group == registry_.end())
            return;
        auto topic = group->second.find(s->topic);
        if (topic == group->second.end())
            return;
        auto next = std::make_shared<subscription_list>(*topic->second);
        std::erase(*next, s);
        if (next->empty())
            group->second.erase(topic);
        else
            topic->second = std::move(next);
        if (group->second.empty())
            registry_.erase(group);
        registry_version_.fetch_add(1);
        asio::post(strand, [self = shared_from_this()] { self->sync_consumers(); });
    } catch (...) {
        log(log_level::error, "unsubscribe: out of memory; the subscription is inactive");
    }
}

topic_subscriptions kafka_bus_impl::snapshot(const std::string& group) const {
    std::lock_guard lock(registry_mutex_);
    auto it = registry_.find(group);
    return it == registry_.end() ? topic_subscriptions{} : it->second;
}

// Brings the consumers in line with the registry: one per group, subscribed to its topics. Runs
// on every registry change and whenever a consumer has closed (its group may be wanted again):
// that second caller is a posted completion, not recursion (see consumer_closed).
void kafka_bus_impl::sync_consumers() { // NOLINT(misc-no-recursion)
    if (!started_.load() || closing_)
        return;
    wanted_groups wanted;
    {
        std::lock_guard lock(registry_mutex_);
        for (const auto& [group, topics] : registry_)
            for (const auto& [topic, list] : topics)
                wanted[group].push_back(topic);
    }
    held_consumers held;
    for (const auto& [group, consumer] : consumers_)
        held.emplace(group, held_consumer{consumer->topics(), consumer->closing()});
    const consumer_changes changes = reconcile_consumers(wanted, held);
    for (const auto& [group, topics] : changes.start) {
        auto consumer = std::make_shared<group_consumer>(shared_from_this(), group);
        try {
            consumer->start(topics);
        } catch (const std::exception& e) {
            log(log_level::error,
                "Consumer for group '" + group + "' failed to start: " + e.what());
            continue;
        }
        consumers_.emplace(group, std::move(consumer));
    }
    for (const auto& [group, topics] : changes.resubscribe)
        consumers_.find(group)->second->update_topics(topics);
    for (const auto& group : changes.close)
        consumers_.find(group)->second->close();
    consumer_count_.store(consumers_.size());
}

kafka_health kafka_bus_impl::health() const {
    kafka_health h;
    {
        std::lock_guard lock(registry_mutex_);
        std::set<std::string_view> topics;
        for (const auto& [group, by_topic] : registry_)
            for (const auto& [topic, list] : by_topic) {
                h.subscriber_count += list->size();
                topics.insert(topic);
            }
        h.topic_count = topics.size();
    }
    h.started = started_.load();
    h.healthy = h.started;
    h.environment = config.environment;
    h.bootstrap_servers = config.sanitized_servers();
    h.publish_circuit = publish_circuit_status().state;
    h.consumer_count = consumer_count_.load();
    h.publishes_in_flight = counters.publishes_in_flight.load();
    h.dead_lettered = counters.dead_lettered.load();
    h.dead_letter_failures = counters.dead_letter_failures.load();
    h.open_subscriber_circuits = static_cast<std::size_t>(
        std::max<std::int64_t>(0, counters.open_subscriber_circuits.load()));
    h.unhandled_without_dead_letter_topic = counters.unhandled_without_dead_letter_topic.load();
    h.commit_failures = counters.commit_failures.load();
    return h;
}

circuit_status kafka_bus_impl::publish_circuit_status() const {
    circuit_status s;
    s.state = static_cast<circuit_state>(breaker_state_mirror_.load());
    const auto until = breaker_open_until_mirror_.load();
    const auto now = std::chrono::steady_clock::now();
    if (s.state == circuit_state::open && until != 0 && steady_rep(now) >= until)
        s.state = circuit_state::half_open;
    s.failures = breaker_failures_mirror_.load();
    s.threshold = breaker_.threshold();
    s.reset_timeout = breaker_.options().reset_timeout;
    s.half_open_successes_required = breaker_.options().half_open_successes;
    if (s.state == circuit_state::open)
        s.until_half_open = std::chrono::steady_clock::duration(until - steady_rep(now));
    return s;
}

} // namespace onex::event_bus::detail
