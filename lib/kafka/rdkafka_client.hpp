// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_RDKAFKA_CLIENT_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_RDKAFKA_CLIENT_HPP

#include <onex/event_bus/kafka_config.hpp>
#include <onex/event_bus/logger.hpp>

#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace onex::event_bus::detail {

/// The callbacks a bus installs on a librdkafka client. They run inside `rd_kafka_poll` /
/// consume calls, i.e. on the bus's strand, never on a librdkafka thread (logs included: they are
/// queued with `log.queue`).
struct rdkafka_callbacks {
    void (*delivery)(rd_kafka_t*, const rd_kafka_message_t*, void*) = nullptr;
    void (*rebalance)(rd_kafka_t*, rd_kafka_resp_err_t, rd_kafka_topic_partition_list_t*,
                      void*) = nullptr;
    void (*error)(rd_kafka_t*, int, const char*, void*) = nullptr;
    void (*log)(const rd_kafka_t*, int, const char*, const char*) = nullptr;
    void* opaque = nullptr;
    /// A consumer's offset commit results (automatic, asked for, and the final one at close).
    void (*offset_commit)(rd_kafka_t*, rd_kafka_resp_err_t, rd_kafka_topic_partition_list_t*,
                          void*) = nullptr;
};

/// Owns an `rd_kafka_t`. Consumed messages keep the client alive (they reference it), so the
/// handle is destroyed only after the last message a user kept: librdkafka requires that order.
class rdkafka_client {
public:
    /// Creates a producer or consumer from `config` (plus `extra` properties set last).
    /// \throws protocol_configuration_error naming the property librdkafka rejected.
    static std::shared_ptr<rdkafka_client>
    create(const kafka_config& config, client_kind kind, const rdkafka_callbacks& callbacks,
           const std::vector<std::pair<std::string, std::string>>& extra);

    ~rdkafka_client();
    rdkafka_client(const rdkafka_client&) = delete;
    rdkafka_client& operator=(const rdkafka_client&) = delete;

    rd_kafka_t* get() const noexcept { return rk_; }

private:
    explicit rdkafka_client(rd_kafka_t* rk) noexcept
        : rk_(rk) {}
    rd_kafka_t* rk_;
};

/// Owns a librdkafka partition list.
struct partition_list_deleter {
    void operator()(rd_kafka_topic_partition_list_t* l) const noexcept {
        rd_kafka_topic_partition_list_destroy(l);
    }
};
using partition_list = std::unique_ptr<rd_kafka_topic_partition_list_t, partition_list_deleter>;

/// Maps a librdkafka syslog level to ours.
log_level from_syslog(int level) noexcept;

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_RDKAFKA_CLIENT_HPP
