// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "header_args.hpp"
#include "options.hpp"

#include <onex/event_bus/kafka_headers.hpp>
#include <onex/event_bus/logger.hpp>

#include <algorithm>
#include <span>

namespace onex::cli {
namespace eb = onex::event_bus;

namespace {

struct header_arg {
    std::string_view arg; // as given, for messages
    std::string_view name;
    std::string_view value;
};

std::string list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names)
        out += (out.empty() ? "" : ", ") + name;
    return out;
}

header_arg split(const std::string& arg) {
    const auto eq = arg.find('=');
    if (eq == std::string::npos)
        throw usage_error("--header " + arg + ": must be name=value");
    header_arg h{arg, std::string_view(arg).substr(0, eq), std::string_view(arg).substr(eq + 1)};
    if (std::ranges::find(header_names(), h.name) == header_names().end())
        throw usage_error("--header " + arg + ": unknown header '" + std::string(h.name) +
                          "'; the headers are " + list(header_names()));
    // The decoder reads an empty id, time or number as missing and defaults it silently.
    if (h.value.empty())
        throw usage_error("--header " + arg + ": the value must not be empty");
    return h;
}

// What the decoder says about one header on its own: a failure, or the warning it logs when it
// repairs the value; without the repair it announces, which the caller does not get.
std::optional<std::string> decoder_complaint(const header_arg& h) {
    std::optional<std::string> complaint;
    const eb::logger log(eb::log_level::warning, [&](eb::log_level, std::string_view message) {
        complaint = std::string(message.substr(0, message.rfind("; ")));
    });
    const eb::kafka_header_view view{h.name, h.value};
    eb::diagnostics diag;
    if (!eb::decode_kafka_headers(std::span(&view, 1), &diag, &log).has_value())
        return diag.message;
    return complaint;
}

} // namespace

const std::vector<std::string>& header_names() {
    // The encoder writes every header that is set, so a value with all of them set lists them all.
    static const std::vector<std::string> names = [] {
        eb::event_headers all;
        for (auto* text : {&all.destination, &all.trace_id, &all.span_id, &all.parent_span_id,
                           &all.operation_name, &all.routing_key, &all.partition_key})
            *text = "x";
        all.ttl_seconds = 0;
        std::vector<std::string> out;
        for (const auto& header : eb::encode_kafka_headers(all))
            out.emplace_back(header.name);
        return out;
    }();
    return names;
}

eb::event_headers parse_header_args(const std::vector<std::string>& args, std::string_view topic) {
    std::vector<eb::kafka_header_view> views;
    for (const auto& arg : args) {
        const header_arg h = split(arg);
        if (std::ranges::find(views, h.name, &eb::kafka_header_view::name) != views.end())
            throw usage_error("--header " + arg + ": '" + std::string(h.name) + "' given twice");
        if (auto complaint = decoder_complaint(h))
            throw usage_error("--header " + arg + ": " + *complaint);
        views.push_back({h.name, h.value});
    }
    // Each value passed on its own, so together they pass too.
    eb::event_headers headers = eb::decode_kafka_headers(views).value();
    const auto given = [&](std::string_view name) {
        return std::ranges::find(views, name, &eb::kafka_header_view::name) != views.end();
    };
    if (!given("source"))
        headers.source = "onex-bus";
    if (!given("event_type"))
        headers.event_type = std::string(topic);
    return headers;
}

} // namespace onex::cli
