// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// boost::json::value_to<event_envelope> on arbitrary JSON text (what a consumer of the publishers'
// messages parses). Per event_envelope.hpp a bad envelope throws std::invalid_argument with a
// message; anything else escapes and libFuzzer reports it. An envelope that was read survives
// value_from → value_to unchanged (the timestamp cut to microseconds, as written), and
// serialize → parse → value_to with its own fields unchanged.

#include "fuzz_common.hpp"

#include <onex/event_bus/event_envelope.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>

using namespace onex::event_bus;

namespace {

bool holds_non_finite(const boost::json::value& v) {
    switch (v.kind()) {
    case boost::json::kind::double_:
        return !std::isfinite(v.get_double());
    case boost::json::kind::array:
        return std::any_of(v.get_array().begin(), v.get_array().end(), holds_non_finite);
    case boost::json::kind::object:
        return std::any_of(v.get_object().begin(), v.get_object().end(),
                           [](const auto& kv) { return holds_non_finite(kv.value()); });
    default:
        return false;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(fuzz::as_text(data, size), ec);
    if (ec)
        return 0;
    event_envelope envelope;
    try {
        envelope = boost::json::value_to<event_envelope>(parsed);
    } catch (const std::invalid_argument& e) {
        ONEX_FUZZ_REQUIRE(std::strlen(e.what()) != 0);
        return 0;
    }
    envelope.envelope_timestamp =
        std::chrono::floor<std::chrono::microseconds>(envelope.envelope_timestamp);
    // The opaque JSON an envelope carries (payload, security_context, metadata headers and
    // tags) is
    // Boost.JSON's business: 1.81 parses a number too large for 64 bits as a double, without
    // guaranteeing the same double after serialize → parse; one past the double range as
    // infinity, and `0e515` as NaN (it multiplies 0 by an infinite power of ten). It writes
    // those as `Infinity` and `NaN` (as Python's json does) and cannot read them back, and a NaN
    // equals nothing: with one anywhere, the round trip is compared as written.
    const auto without_opaque_json = [](event_envelope e) {
        e.payload = nullptr;
        e.security_context = nullptr;
        e.metadata.headers.clear();
        e.metadata.tags.clear();
        return e;
    };
    const boost::json::value written = boost::json::value_from(envelope);
    const bool non_finite = holds_non_finite(written);
    if (non_finite)
        ONEX_FUZZ_REQUIRE(boost::json::serialize(boost::json::value_from(
                              boost::json::value_to<event_envelope>(written))) ==
                          boost::json::serialize(written));
    else
        ONEX_FUZZ_REQUIRE(boost::json::value_to<event_envelope>(written) == envelope);
    // Through text, the envelope's own fields come back equal; only a non-finite number may
    // make the text unreadable.
    const boost::json::value reread = boost::json::parse(boost::json::serialize(written), ec);
    if (ec) {
        ONEX_FUZZ_REQUIRE(non_finite);
        return 0;
    }
    ONEX_FUZZ_REQUIRE(without_opaque_json(boost::json::value_to<event_envelope>(reread)) ==
                      without_opaque_json(envelope));
    return 0;
}
