// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "config/kafka_config_fields.hpp"

#include <onex/event_bus/kafka_config.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <type_traits>
#include <variant>

namespace onex::event_bus {
namespace {

constexpr std::string_view mask = "****";

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The text the parsers read back as `acks`, found through the parser so the two cannot disagree.
std::string_view acks_text(acks_policy acks) {
    for (const std::string_view text : {"all", "1", "0"}) {
        if (detail::parse_acks(text) == acks)
            return text;
    }
    return "all";
}

// Each comma-separated entry keeps its text, except that anything up to and including its first
// '@' (the credentials, as sanitized_servers() sees them) becomes the mask.
std::string masked_servers(std::string_view servers) {
    std::string out;
    for (std::size_t start = 0;;) {
        const auto comma = servers.find(',', start);
        const auto entry = servers.substr(start, comma - start);
        const auto at = entry.find('@');
        if (at == std::string_view::npos) {
            out += entry;
        } else {
            const auto lead = std::min(entry.find_first_not_of(" \t"), at);
            out += entry.substr(0, lead);
            out += mask;
            out += entry.substr(at);
        }
        if (comma == std::string_view::npos)
            return out;
        out += ',';
        start = comma + 1;
    }
}

boost::json::value field_value(const kafka_config& config,
                               const detail::kafka_config_member& member) {
    return std::visit(
        [&]<class T>(T kafka_config::*field) -> boost::json::value {
            const T& value = config.*field;
            if constexpr (std::is_same_v<T, std::optional<std::string>>)
                return value ? boost::json::value(*value) : boost::json::value(nullptr);
            else if constexpr (std::is_same_v<T, acks_policy>)
                return boost::json::value(acks_text(value));
            else
                return boost::json::value(value);
        },
        member);
}

void mask_fields(boost::json::object& out, const kafka_config& config) {
    // Blank means unset: masking it would claim a secret that is not there.
    if (const auto& secret = config.sasl_oauthbearer_client_secret;
        secret && !detail::trim(*secret).empty())
        out["sasl_oauthbearer_client_secret"] = mask;
    out["bootstrap_servers"] = masked_servers(config.bootstrap_servers);
}

} // namespace

boost::json::object kafka_config::to_json(bool mask_secrets) const {
    boost::json::object out;
    for (const auto& field : detail::kafka_config_fields())
        out[field.name] = field_value(*this, field.member);
    if (mask_secrets)
        mask_fields(out, *this);
    boost::json::object properties;
    for (const auto& [name, value] : librdkafka) {
        properties[name] = mask_secrets && is_secret_property(name) ? boost::json::string(mask)
                                                                    : boost::json::string(value);
    }
    out["librdkafka"] = std::move(properties);
    return out;
}

bool kafka_config::is_secret_property(std::string_view name) {
    const std::string lower = lowercase(name);
    constexpr std::array<std::string_view, 2> secret_words{"password", "secret"};
    constexpr std::array<std::string_view, 3> sensitive{"ssl.key.pem", "ssl_key",
                                                        "sasl.oauthbearer.config"};
    const auto contains = [&](std::string_view word) {
        return lower.find(word) != std::string::npos;
    };
    return std::ranges::any_of(secret_words, contains) ||
           std::ranges::find(sensitive, std::string_view(lower)) != sensitive.end();
}

} // namespace onex::event_bus
