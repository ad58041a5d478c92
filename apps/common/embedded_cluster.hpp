// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_COMMON_EMBEDDED_CLUSTER_HPP
#define ONEX_EVENT_BUS_APPS_COMMON_EMBEDDED_CLUSTER_HPP

#include "embedded_cluster_config.hpp"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <array>
#include <stdexcept>
#include <string>

namespace onex::apps {

/// A librdkafka mock cluster in this process (the real Kafka protocol on local TCP ports, chosen
/// by librdkafka), hosted by a client of its own, so that the apps need no broker. Its limits:
/// 5 MiB retained per partition, no CreateTopics, rebalances that wait `session.timeout.ms`.
class embedded_cluster {
public:
    explicit embedded_cluster(int brokers = 1) {
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        std::array<char, 512> error{};
        rd_kafka_conf_set(conf, "log_level", "0", error.data(), error.size());
        host_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error.data(), error.size());
        if (host_ == nullptr) {
            rd_kafka_conf_destroy(conf);
            throw std::runtime_error(std::string("mock cluster host: ") + error.data());
        }
        cluster_ = rd_kafka_mock_cluster_new(host_, brokers);
        if (cluster_ == nullptr) {
            rd_kafka_destroy(host_);
            throw std::runtime_error("mock cluster: rd_kafka_mock_cluster_new failed");
        }
    }
    ~embedded_cluster() {
        rd_kafka_mock_cluster_destroy(cluster_);
        rd_kafka_destroy(host_);
    }
    embedded_cluster(const embedded_cluster&) = delete;
    embedded_cluster& operator=(const embedded_cluster&) = delete;

    std::string bootstrap_servers() const { return rd_kafka_mock_cluster_bootstraps(cluster_); }
    rd_kafka_mock_cluster_t* get() const noexcept { return cluster_; }

    void create_topic(const std::string& name, int partitions = 1) const {
        if (rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions, 1) !=
            RD_KAFKA_RESP_ERR_NO_ERROR)
            throw std::runtime_error("mock cluster: cannot create topic " + name);
    }

private:
    rd_kafka_t* host_ = nullptr;
    rd_kafka_mock_cluster_t* cluster_ = nullptr;
};

} // namespace onex::apps

#endif // ONEX_EVENT_BUS_APPS_COMMON_EMBEDDED_CLUSTER_HPP
