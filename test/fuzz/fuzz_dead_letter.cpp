// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// Dead-letter records built from arbitrary consumed bytes (topic, key, value, error text,
// correlation id, group). Invariants, from lib/kafka/dead_letter_record.hpp:
// - the payload is one JSON object in valid UTF-8 whatever the input bytes were;
// - original_topic, original_message.key/value and error_type are the inputs with invalid
//   UTF-8 replaced (an empty value is "<no_value>", an empty or absent key is null);
// - failure_reason is sanitize_failure_reason(error_type, error_message) and starts with the
//   error type; failure_type is present exactly for deserialization failures;
// - the payload's correlation_id is a UUID, the input's when that was one, and the same as the
//   correlation_id header; every header value is valid UTF-8 and decodes as our headers.

#include "common/utf8.hpp"
#include "common/uuid_text.hpp"
#include "fuzz_common.hpp"
#include "kafka/dead_letter_record.hpp"

#include <onex/event_bus/kafka_headers.hpp>

#include <boost/json/parse.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace onex::event_bus;
using namespace onex::event_bus::detail;

namespace {

// The input is: one flag byte, then fields separated by 0xFF (never valid UTF-8 itself).
std::vector<std::string_view> split_fields(std::string_view in) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= in.size(); ++i) {
        if (i == in.size() || in[i] == '\xff') {
            out.push_back(in.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

std::string_view field(const std::vector<std::string_view>& f, std::size_t i) {
    return i < f.size() ? f[i] : std::string_view();
}

const boost::json::value& at(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    ONEX_FUZZ_REQUIRE(v != nullptr);
    return *v;
}

void check_string(const boost::json::value& v, const std::string& expected) {
    ONEX_FUZZ_REQUIRE(v.is_string());
    ONEX_FUZZ_REQUIRE(v.as_string() == expected);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::uint8_t flags = data[0];
    const auto fields = split_fields(fuzz::as_text(data + 1, size - 1));
    dead_letter_input in;
    in.kind = (flags & 1U) != 0 ? dead_letter_kind::deserialization_failure
                                : dead_letter_kind::handler_failure;
    in.original_topic = field(fields, 0);
    if ((flags & 2U) != 0)
        in.key = field(fields, 1);
    in.value = field(fields, 2);
    if ((flags & 4U) != 0)
        in.offset = static_cast<std::int64_t>(size) * ((flags & 32U) != 0 ? -1 : 1);
    if ((flags & 8U) != 0)
        in.partition = static_cast<std::int32_t>(flags);
    in.error_type = field(fields, 3);
    in.error_message = field(fields, 4);
    in.correlation_id = field(fields, 5);
    in.retry_count = static_cast<std::int64_t>(flags >> 4U);
    in.consumer_group = field(fields, 6);
    if ((flags & 16U) != 0)
        in.failure_class = field(fields, 7);
    if ((flags & 64U) != 0)
        in.validation_detail = field(fields, 8);
    in.now = std::chrono::system_clock::time_point(std::chrono::seconds(size));
    const bool raw = in.kind == dead_letter_kind::deserialization_failure;

    const auto record = build_dead_letter(in, field(fields, 9), field(fields, 10));

    boost::system::error_code ec;
    const auto parsed = boost::json::parse(record.payload, ec); // rejects invalid UTF-8
    ONEX_FUZZ_REQUIRE(!ec);
    ONEX_FUZZ_REQUIRE(parsed.is_object());
    const auto& p = parsed.as_object();
    check_string(at(p, "original_topic"), utf8_decode_replace(in.original_topic));
    const auto& original = at(p, "original_message");
    ONEX_FUZZ_REQUIRE(original.is_object());
    const auto& key = at(original.as_object(), "key");
    if (!in.key || in.key->empty())
        ONEX_FUZZ_REQUIRE(key.is_null());
    else
        check_string(key, utf8_decode_replace(*in.key));
    check_string(at(original.as_object(), "value"),
                 in.value.empty() ? std::string("<no_value>") : utf8_decode_replace(in.value));
    check_string(at(p, "failure_reason"), sanitize_failure_reason(in.error_type, in.error_message));
    ONEX_FUZZ_REQUIRE(at(p, "failure_reason")
                          .as_string()
                          .subview()
                          .starts_with(utf8_decode_replace(in.error_type) + ": "));
    check_string(at(p, "error_type"), utf8_decode_replace(in.error_type));
    ONEX_FUZZ_REQUIRE((p.if_contains("failure_type") != nullptr) == raw);
    ONEX_FUZZ_REQUIRE(at(p, "retry_count").to_number<std::int64_t>() == (raw ? 0 : in.retry_count));

    const auto& correlation = at(p, "correlation_id");
    ONEX_FUZZ_REQUIRE(correlation.is_string());
    const auto id = parse_uuid(correlation.as_string());
    ONEX_FUZZ_REQUIRE(id.has_value());
    if (const auto given = parse_uuid(in.correlation_id))
        ONEX_FUZZ_REQUIRE(*given == *id);

    std::vector<kafka_header_view> views;
    bool correlation_header = false;
    for (const auto& h : record.headers) {
        ONEX_FUZZ_REQUIRE(is_valid_utf8(h.value));
        views.push_back({h.name, h.value});
        if (h.name == "correlation_id") {
            ONEX_FUZZ_REQUIRE(h.value == boost::uuids::to_string(*id));
            correlation_header = true;
        }
    }
    ONEX_FUZZ_REQUIRE(correlation_header);
    diagnostics diag;
    ONEX_FUZZ_REQUIRE(decode_kafka_headers(views, &diag).has_value());
    return 0;
}
