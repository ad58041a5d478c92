// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/rdkafka_client.hpp"

#include <onex/event_bus/infra_error.hpp>

#include <array>

namespace onex::event_bus::detail {
namespace {

struct conf_deleter {
    void operator()(rd_kafka_conf_t* c) const noexcept { rd_kafka_conf_destroy(c); }
};
using conf_ptr = std::unique_ptr<rd_kafka_conf_t, conf_deleter>;

bool is_secret(const std::string& name) {
    return name.find("password") != std::string::npos || name.find("secret") != std::string::npos ||
           name.find("key") != std::string::npos;
}

void set(rd_kafka_conf_t* conf, const std::string& name, const std::string& value) {
    std::array<char, 512> error{};
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error.data(), error.size()) !=
        RD_KAFKA_CONF_OK) {
        const std::string shown = is_secret(name) ? "***" : value;
        throw protocol_configuration_error("librdkafka rejected property " + name + "='" + shown +
                                               "': " + error.data(),
                                           name, shown);
    }
}

} // namespace

std::shared_ptr<rdkafka_client>
rdkafka_client::create(const kafka_config& config, client_kind kind,
                       const rdkafka_callbacks& callbacks,
                       const std::vector<std::pair<std::string, std::string>>& extra) {
    conf_ptr conf(rd_kafka_conf_new());
    for (const auto& [name, value] : config.to_librdkafka(kind))
        set(conf.get(), name, value);
    // Logs go to the client's main queue and are served with the other events on the bus's
    // strand, instead of being written from librdkafka's threads.
    set(conf.get(), "log.queue", "true");
    for (const auto& [name, value] : extra)
        set(conf.get(), name, value);
    if (callbacks.delivery)
        rd_kafka_conf_set_dr_msg_cb(conf.get(), callbacks.delivery);
    if (callbacks.rebalance)
        rd_kafka_conf_set_rebalance_cb(conf.get(), callbacks.rebalance);
    if (callbacks.error)
        rd_kafka_conf_set_error_cb(conf.get(), callbacks.error);
    if (callbacks.log)
        rd_kafka_conf_set_log_cb(conf.get(), callbacks.log);
    if (callbacks.offset_commit)
        rd_kafka_conf_set_offset_commit_cb(conf.get(), callbacks.offset_commit);
    rd_kafka_conf_set_opaque(conf.get(), callbacks.opaque);

    std::array<char, 512> error{};
    const auto type = kind == client_kind::producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER;
    rd_kafka_t* rk = rd_kafka_new(type, conf.get(), error.data(), error.size());
    if (rk == nullptr)
        throw protocol_configuration_error(
            std::string("librdkafka could not create a client: ") + error.data(), "librdkafka");
    static_cast<void>(conf.release()); // rd_kafka_new took it
    auto client = std::shared_ptr<rdkafka_client>(new rdkafka_client(rk));
    rd_kafka_set_log_queue(rk, nullptr);
    return client;
}

rdkafka_client::~rdkafka_client() {
    rd_kafka_destroy(rk_);
}

log_level from_syslog(int level) noexcept {
    if (level <= 3)
        return log_level::error;
    if (level == 4)
        return log_level::warning;
    if (level <= 6)
        return log_level::info;
    return log_level::debug;
}

} // namespace onex::event_bus::detail
