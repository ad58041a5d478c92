// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/uuid_text.hpp"

#include <onex/event_bus/detail/publisher_core.hpp>
#include <onex/event_bus/event_envelope.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <boost/uuid/uuid_io.hpp>

namespace onex::event_bus::detail {

publisher_core::publisher_core(std::string transport, std::string service_name,
                               std::optional<std::string> instance_id, std::shared_ptr<logger> log)
    : transport_(std::move(transport))
    , service_name_(std::move(service_name))
    , instance_id_(instance_id ? std::move(*instance_id) : boost::uuids::to_string(new_uuid()))
    , log_(std::move(log)) {}

void publisher_core::log(log_level lvl, std::string_view message) const {
    if (log_)
        log_->log(lvl, message);
    else
        global_logger().log(lvl, message);
}

prepared_publish publisher_core::prepare(std::string_view event_type, boost::json::value payload,
                                         const publish_options& options) const {
    event_envelope e;
    e.payload = std::move(payload);
    e.correlation_id = new_uuid();
    if (options.correlation_id) {
        if (const auto parsed = parse_uuid(*options.correlation_id))
            e.correlation_id = *parsed;
        else
            log(log_level::warning, "Publisher " + service_name_ + ": correlation_id '" +
                                        *options.correlation_id +
                                        "' is not a UUID; using a fresh one: " +
                                        boost::uuids::to_string(*e.correlation_id));
    }
    e.source_tool = service_name_ + "." + instance_id_;
    e.metadata.trace_id = options.trace_id;
    e.metadata.span_id = options.span_id;
    e.metadata.parent_span_id = options.parent_span_id;
    e.trace_id = options.trace_id;
    e.span_id = options.span_id;
    auto& tags = e.metadata.tags;
    tags["event_type"] = event_type;
    tags["service_name"] = service_name_;
    tags["instance_id"] = instance_id_;
    if (options.causation_id)
        tags["causation_id"] = *options.causation_id;
    for (const auto& kv : options.metadata) {
        if (const auto* s = kv.value().if_string())
            tags[kv.key()] = *s;
        else
            tags[kv.key()] = boost::json::serialize(kv.value());
    }

    prepared_publish p;
    p.topic = options.topic ? *options.topic : std::string(event_type);
    p.key = options.partition_key;
    p.headers.correlation_id = *e.correlation_id;
    p.headers.timestamp = e.envelope_timestamp;
    p.headers.source = service_name_;
    p.headers.event_type = std::string(event_type);
    p.headers.trace_id = options.trace_id;
    p.headers.span_id = options.span_id;
    p.headers.parent_span_id = options.parent_span_id;
    p.value = boost::json::serialize(boost::json::value_from(e));
    return p;
}

void publisher_core::describe_closed(diagnostics& diag, std::string_view topic) const {
    diag = diagnostics{};
    diag.message = "Publisher has been closed";
    diag.transport = transport_;
    diag.operation = "publish";
    diag.target = "publisher." + service_name_;
    diag.topic = std::string(topic);
}

void publisher_core::record(bool ok, std::chrono::steady_clock::duration elapsed,
                            const diagnostics& diag, std::string_view topic) {
    {
        const std::lock_guard lock(mutex_);
        if (ok) {
            ++metrics_.events_published;
            metrics_.total_publish_time_ms +=
                std::chrono::duration<double, std::milli>(elapsed).count();
            metrics_.avg_publish_time_ms =
                metrics_.total_publish_time_ms / static_cast<double>(metrics_.events_published);
            metrics_.current_failures = 0;
        } else {
            ++metrics_.events_failed;
            ++metrics_.current_failures;
        }
    }
    if (!ok)
        log(log_level::error, "Publisher " + service_name_ + ": publish to " + std::string(topic) +
                                  " failed: " + diag.message);
}

publisher_metrics publisher_core::snapshot() const {
    const std::lock_guard lock(mutex_);
    return metrics_;
}

void publisher_core::reset() {
    const std::lock_guard lock(mutex_);
    metrics_ = publisher_metrics{};
}

} // namespace onex::event_bus::detail
