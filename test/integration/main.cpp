// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#define BOOST_TEST_MODULE onex_event_bus_integration_tests
#include <boost/test/unit_test.hpp>
