// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TEST_COMMON_MOCK_CLUSTER_HPP
#define ONEX_EVENT_BUS_TEST_COMMON_MOCK_CLUSTER_HPP

#include "../../apps/common/embedded_cluster.hpp"
#include "run_until.hpp"
#include "test_config.hpp"

#include <librdkafka/rdkafka_mock.h>

namespace onex::event_bus::test {

/// The apps' embedded cluster (apps/common/embedded_cluster.hpp).
using mock_cluster = onex::apps::embedded_cluster;

} // namespace onex::event_bus::test

#endif // ONEX_EVENT_BUS_TEST_COMMON_MOCK_CLUSTER_HPP
