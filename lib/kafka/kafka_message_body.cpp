// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/kafka_message_body.hpp"

namespace onex::event_bus::detail {

kafka_message_body::kafka_message_body(rd_kafka_message_t* m,
                                       std::shared_ptr<rdkafka_client> c) noexcept
    : raw(m)
    , client(std::move(c)) {}

kafka_message_body::~kafka_message_body() {
    rd_kafka_message_destroy(raw);
}

void kafka_message_body::ack() const noexcept {
    store_offset();
}

bool kafka_message_body::store_offset() const noexcept {
    if (acked.exchange(true))
        return false;
    // Stores offset + 1, the next one to read; fails harmlessly for a revoked partition.
    return rd_kafka_offset_store(raw->rkt, raw->partition, raw->offset) ==
           RD_KAFKA_RESP_ERR_NO_ERROR;
}

} // namespace onex::event_bus::detail
