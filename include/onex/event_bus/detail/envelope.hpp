// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_DETAIL_ENVELOPE_HPP
#define ONEX_EVENT_BUS_DETAIL_ENVELOPE_HPP

#include <boost/core/demangle.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include <exception>
#include <string>
#include <typeinfo>

namespace onex::event_bus::detail {

// Serializes an envelope to JSON text. A conversion that throws is reported through `error`
// (the text ONEX services give) instead of escaping, so that the publish completes with an error.
template <class Envelope>
std::string serialize_envelope(const Envelope& envelope, std::string& error) {
    try {
        return boost::json::serialize(boost::json::value_from(envelope));
    } catch (const std::exception& e) {
        error = std::string("Envelope is not JSON-serializable: ") + e.what() +
                ". Ensure a boost::json::value_from conversion exists for the envelope type. Got "
                "type: " +
                boost::core::demangle(typeid(Envelope).name());
    } catch (...) {
        error = "Envelope is not JSON-serializable: unknown exception. Got type: " +
                boost::core::demangle(typeid(Envelope).name());
    }
    return {};
}

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_DETAIL_ENVELOPE_HPP
