// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "forensics.hpp"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace onex::soak {
namespace {

struct client_deleter {
    void operator()(rd_kafka_t* rk) const {
        rd_kafka_consumer_close(rk);
        rd_kafka_destroy(rk);
    }
};
using client_ptr = std::unique_ptr<rd_kafka_t, client_deleter>;

client_ptr make_reader(const std::string& servers) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    std::array<char, 512> error{};
    const std::pair<const char*, const char*> properties[] = {
        {"bootstrap.servers", servers.c_str()},
        {"group.id", "onex-soak-forensics"}, // required by the consumer API; never joined
        {"enable.auto.commit", "false"},
        {"log_level", "3"},
    };
    for (const auto& [name, value] : properties)
        rd_kafka_conf_set(conf, name, value, error.data(), error.size());
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error.data(), error.size());
    if (rk == nullptr) {
        rd_kafka_conf_destroy(conf);
        throw std::runtime_error(std::string("forensics reader: ") + error.data());
    }
    rd_kafka_poll_set_consumer(rk);
    return client_ptr(rk);
}

} // namespace

log_search find_in_log(const std::string& servers, const std::string& topic, int partitions,
                       const std::vector<std::uint64_t>& ids, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto rk = make_reader(servers);
    log_search search;
    std::vector<std::int64_t> end(static_cast<std::size_t>(partitions), 0);
    int remaining = 0;
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
    for (std::int32_t p = 0; p < partitions; ++p) {
        std::int64_t low = 0;
        std::int64_t high = 0;
        const auto err = rd_kafka_query_watermark_offsets(rk.get(), topic.c_str(), p, &low, &high,
                                                          static_cast<int>(timeout.count()));
        if (err) {
            rd_kafka_topic_partition_list_destroy(list);
            throw std::runtime_error("forensics: watermarks of " + topic + "[" + std::to_string(p) +
                                     "]: " + rd_kafka_err2str(err));
        }
        end[static_cast<std::size_t>(p)] = high;
        search.extents.push_back({p, low, high});
        if (high > low) {
            rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = low;
            ++remaining;
        }
    }
    rd_kafka_assign(rk.get(), list);
    rd_kafka_topic_partition_list_destroy(list);

    std::vector<bool> done(static_cast<std::size_t>(partitions), false);
    while (remaining > 0) {
        if (std::chrono::steady_clock::now() >= deadline)
            throw std::runtime_error("forensics: " + topic + " could not be read to its end in " +
                                     std::to_string(timeout.count()) + " ms");
        rd_kafka_message_t* m = rd_kafka_consumer_poll(rk.get(), 100);
        if (m == nullptr)
            continue;
        const auto p = static_cast<std::size_t>(m->partition);
        if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR && p < done.size()) {
            std::uint64_t id = 0;
            const auto* key = static_cast<const char*>(m->key);
            if (key != nullptr && std::from_chars(key, key + m->key_len, id).ec == std::errc() &&
                std::binary_search(ids.begin(), ids.end(), id))
                search.found.push_back({id, m->partition, m->offset});
            if (!done[p] && m->offset + 1 >= end[p]) {
                done[p] = true;
                --remaining;
            }
        }
        rd_kafka_message_destroy(m);
    }
    return search;
}

} // namespace onex::soak
