// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// boost::json::value_to<event_headers> on arbitrary JSON text. Per event_headers.hpp a bad object
// throws std::invalid_argument (with a message); anything else escapes this function and
// libFuzzer reports it. Headers that were read survive value_from → value_to unchanged, and so
// does the JSON text value_from makes (serialize → parse → value_to).

#include "fuzz_common.hpp"

#include <onex/event_bus/event_headers.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>

using namespace onex::event_bus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(fuzz::as_text(data, size), ec);
    if (ec)
        return 0;
    event_headers headers;
    try {
        headers = boost::json::value_to<event_headers>(parsed);
    } catch (const std::invalid_argument& e) {
        ONEX_FUZZ_REQUIRE(std::strlen(e.what()) != 0);
        return 0;
    }
    const boost::json::value written = boost::json::value_from(headers);
    ONEX_FUZZ_REQUIRE(boost::json::value_to<event_headers>(written) == headers);
    const boost::json::value reread = boost::json::parse(boost::json::serialize(written));
    ONEX_FUZZ_REQUIRE(boost::json::value_to<event_headers>(reread) == headers);
    return 0;
}
