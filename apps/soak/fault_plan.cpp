// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "fault_plan.hpp"

#include <cstdint>

namespace onex::soak {
namespace {

// Kafka protocol API keys (rdkafka_mock.h takes them as plain integers).
constexpr std::int16_t produce_api = 0;
constexpr std::int16_t fetch_api = 1;

// Broker ids of the mock cluster are 1 .. brokers.
void set_all(rd_kafka_mock_cluster_t* c, int brokers, bool up) {
    for (std::int32_t id = 1; id <= brokers; ++id) {
        if (up)
            rd_kafka_mock_broker_set_up(c, id);
        else
            rd_kafka_mock_broker_set_down(c, id);
    }
}

} // namespace

std::vector<fault> make_fault_plan(rd_kafka_mock_cluster_t* c, const fault_plan_options& o,
                                   std::function<void()> restart_consumer) {
    const int brokers = o.brokers;
    std::vector<fault> plan;
    for (int i = 0; i < o.cycles; ++i) {
        const double t = i * fault_cycle_seconds;
        plan.push_back({t + 2, "broker 1: +300 ms round-trip time",
                        [c] { rd_kafka_mock_broker_set_rtt(c, 1, 300); }});
        plan.push_back({t + 6, "broker 1: round-trip time back to 0",
                        [c] { rd_kafka_mock_broker_set_rtt(c, 1, 0); }});
        // Retriable errors only: OUT_OF_ORDER_SEQUENCE_NUMBER would make the idempotent producer
        // fail fatally, which is a different test.
        if (o.produce_errors)
            plan.push_back(
                {t + 7, "6 Produce requests fail (not leader, timed out, replicas)", [c] {
                     rd_kafka_mock_push_request_errors(
                         c, produce_api, 6, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                         RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                         RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                         RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                         RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS);
                 }});
        plan.push_back({t + 8, "4 Fetch requests fail (not leader, unknown leader epoch)", [c] {
                            rd_kafka_mock_push_request_errors(
                                c, fetch_api, 4, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH,
                                RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH);
                        }});
        plan.push_back({t + 10, "broker 2: down", [c] { rd_kafka_mock_broker_set_down(c, 2); }});
        plan.push_back({t + 15, "broker 2: up", [c] { rd_kafka_mock_broker_set_up(c, 2); }});
        plan.push_back({t + 18, "consumer: restarted (close, then a new bus in the same group)",
                        restart_consumer});
        plan.push_back({t + 25, "all brokers: down", [c, brokers] { set_all(c, brokers, false); }});
        plan.push_back({t + 34, "all brokers: up", [c, brokers] { set_all(c, brokers, true); }});
    }
    return plan;
}

} // namespace onex::soak
