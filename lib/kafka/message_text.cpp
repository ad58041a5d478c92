// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/message_text.hpp"

#include <boost/core/demangle.hpp>

#include <exception>
#include <typeinfo>

namespace onex::event_bus::detail {

std::string message_position(const rd_kafka_message_t* m) {
    return std::string(rd_kafka_topic_name(m->rkt)) + "[" + std::to_string(m->partition) + "]@" +
           std::to_string(m->offset);
}

failure_text describe_failure(const std::exception_ptr& ep) {
    try {
        std::rethrow_exception(ep);
    } catch (const std::exception& e) {
        return {boost::core::demangle(typeid(e).name()), e.what()};
    } catch (...) {
        return {"unknown", "a non-standard exception"};
    }
}

} // namespace onex::event_bus::detail
