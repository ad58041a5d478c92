// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TEST_COMMON_BUS_TEST_HPP
#define ONEX_EVENT_BUS_TEST_COMMON_BUS_TEST_HPP

// What tests of either bus share: a copy of a delivered message, the io_context driver and the
// tests' Kafka settings (which need no broker until a bus starts).

#include "run_until.hpp"
#include "test_config.hpp"

#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/event_message.hpp>

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <optional>
#include <string>

// Named: data-driven test cases capture these types in lambdas (-Wsubobject-linkage).
namespace bus_test {

using namespace onex::event_bus;
using onex::event_bus::test::mock_config;
using onex::event_bus::test::run_until;
namespace asio = boost::asio;

struct received {
    std::string topic;
    std::optional<std::string> key;
    std::string value;
    event_headers headers;
    std::optional<std::string> offset;
    std::optional<std::int32_t> partition;
};

// Headers whose message gets no handler retries (max_retries 0): dead-lettered at the first
// failure.
inline event_headers no_retry_headers() {
    event_headers h;
    h.source = "test";
    h.event_type = "test.event";
    h.max_retries = 0;
    return h;
}

inline received copy(const event_message& m) {
    return {m.topic(),
            m.key() ? std::optional<std::string>(std::string(*m.key())) : std::nullopt,
            std::string(m.value()),
            m.headers(),
            m.offset(),
            m.partition()};
}

} // namespace bus_test

#endif // ONEX_EVENT_BUS_TEST_COMMON_BUS_TEST_HPP
