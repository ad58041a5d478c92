// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "message_format.hpp"

#include <onex/event_bus/kafka_headers.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include <algorithm>

namespace onex::cli {
namespace eb = onex::event_bus;

namespace {

std::string quoted(std::string_view text) {
    return boost::json::serialize(boost::json::value(text));
}

bool needs_quotes(std::string_view text) {
    return text.empty() || std::ranges::any_of(text, [](char c) {
               const auto u = static_cast<unsigned char>(c);
               return u <= 0x20 || u == 0x7f || c == '"' || c == '\\';
           });
}

std::string format_text(const eb::event_message& m) {
    std::string line = "partition=" + (m.partition() ? std::to_string(*m.partition()) : "?") +
                       " offset=" + m.offset().value_or("?") +
                       " key=" + (m.key() ? quoted(*m.key()) : "null") +
                       " value=" + quoted(m.value());
    for (const auto& header : eb::encode_kafka_headers(m.headers())) {
        line += ' ';
        line += header.name;
        line += '=';
        line += needs_quotes(header.value) ? quoted(header.value) : header.value;
    }
    return line;
}

} // namespace

std::string format_message(const eb::event_message& message, output_format format) {
    if (format == output_format::json)
        return boost::json::serialize(boost::json::value_from(message));
    return format_text(message);
}

} // namespace onex::cli
