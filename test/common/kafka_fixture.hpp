// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TEST_COMMON_KAFKA_FIXTURE_HPP
#define ONEX_EVENT_BUS_TEST_COMMON_KAFKA_FIXTURE_HPP

#include "bus_test.hpp"
#include "mock_cluster.hpp"

#include <onex/event_bus/kafka_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <librdkafka/rdkafka.h>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Named: data-driven test cases capture these types in lambdas (-Wsubobject-linkage).
namespace kafka_bus_test {

using namespace bus_test;
using onex::event_bus::test::mock_cluster;

using config_tweak = std::function<void(kafka_config&)>;

// An io_context and a bus against a mock cluster: its own (with topics "orders.events" and
// "orders.dlq"), or one shared with other fixtures to restart a bus on the same data.
struct kafka_fixture {
    std::unique_ptr<mock_cluster> own_cluster;
    mock_cluster& cluster;
    asio::io_context ioc;
    kafka_event_bus bus;

    explicit kafka_fixture(int partitions = 1, const config_tweak& tweak = {})
        : own_cluster(make_cluster(partitions))
        , cluster(*own_cluster)
        , bus(ioc, make_config(cluster, tweak), test::quiet_logger()) {}

    kafka_fixture(mock_cluster& shared, const config_tweak& tweak)
        : cluster(shared)
        , bus(ioc, make_config(cluster, tweak), test::quiet_logger()) {}

    ~kafka_fixture() {
        try {
            testing::run(ioc, bus.async_close());
        } catch (const std::exception& e) {
            BOOST_ERROR("close failed: " << e.what());
        }
    }
    kafka_fixture(const kafka_fixture&) = delete;
    kafka_fixture& operator=(const kafka_fixture&) = delete;

    static std::unique_ptr<mock_cluster> make_cluster(int partitions) {
        auto c = std::make_unique<mock_cluster>();
        c->create_topic("orders.events", partitions);
        c->create_topic("orders.dlq", 1);
        return c;
    }

    static kafka_config make_config(const mock_cluster& c, const config_tweak& tweak) {
        auto cfg = mock_config(c.bootstrap_servers());
        if (tweak)
            tweak(cfg);
        return cfg;
    }

    void run(auto&& op) { testing::run(ioc, std::forward<decltype(op)>(op)); }

    // Publishes and returns the completion's error code.
    boost::system::error_code publish(std::string_view topic, std::optional<std::string_view> key,
                                      std::string_view value) {
        std::optional<boost::system::error_code> result;
        bus.async_publish(topic, key, value, [&](boost::system::error_code ec) { result = ec; });
        BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
        return *result;
    }
};

// Produces one record straight through librdkafka (headers as given, even invalid ones).
inline void produce_raw(const std::string& servers, const std::string& topic,
                        std::string_view value,
                        const std::vector<std::pair<std::string, std::string>>& headers) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    std::array<char, 512> error{};
    rd_kafka_conf_set(conf, "bootstrap.servers", servers.c_str(), error.data(), error.size());
    rd_kafka_conf_set(conf, "log_level", "0", error.data(), error.size());
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error.data(), error.size());
    BOOST_REQUIRE(rk != nullptr);
    rd_kafka_headers_t* h = rd_kafka_headers_new(headers.size());
    for (const auto& [name, v] : headers)
        rd_kafka_header_add(h, name.data(), static_cast<ssize_t>(name.size()), v.data(),
                            static_cast<ssize_t>(v.size()));
    const auto err = rd_kafka_producev(
        rk, RD_KAFKA_V_TOPIC(topic.c_str()),
        RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(h), RD_KAFKA_V_END);
    BOOST_REQUIRE_EQUAL(err, RD_KAFKA_RESP_ERR_NO_ERROR);
    BOOST_REQUIRE_EQUAL(rd_kafka_flush(rk, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_destroy(rk);
}

} // namespace kafka_bus_test

#endif // ONEX_EVENT_BUS_TEST_COMMON_KAFKA_FIXTURE_HPP
