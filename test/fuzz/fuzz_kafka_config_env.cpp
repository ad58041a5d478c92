// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// kafka_config::from_env on an arbitrary environment: the input is split into lines, each line
// into a name and a value at its first '=' (a line without '=' sets nothing; a later line wins).
//
// Per kafka_config.hpp the only exception it may throw is protocol_configuration_error, whose
// parameter() names the variable (a bad number, boolean or KAFKA_ACKS) or the field (a rule of
// validate()); anything else escapes this function and libFuzzer reports it. A loaded config is
// valid (validate() passes again) and applying the same environment again changes nothing.

#include "fuzz_common.hpp"

#include <onex/event_bus/infra_error.hpp>
#include <onex/event_bus/kafka_config.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

using namespace onex::event_bus;

namespace {

std::map<std::string, std::string, std::less<>> split_environment(std::string_view in) {
    std::map<std::string, std::string, std::less<>> out;
    while (!in.empty()) {
        const std::size_t newline = in.find('\n');
        const std::string_view line = in.substr(0, newline);
        in.remove_prefix(newline == std::string_view::npos ? in.size() : newline + 1);
        if (const std::size_t equals = line.find('='); equals != std::string_view::npos)
            out.insert_or_assign(std::string(line.substr(0, equals)),
                                 std::string(line.substr(equals + 1)));
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto environment = split_environment(fuzz::as_text(data, size));
    const env_lookup lookup = [&](std::string_view name) -> std::optional<std::string> {
        if (const auto it = environment.find(name); it != environment.end())
            return it->second;
        return std::nullopt;
    };
    try {
        const auto config = kafka_config::from_env(lookup);
        config.validate();
        auto again = config;
        again.apply_env(lookup);
        ONEX_FUZZ_REQUIRE(again == config);
        (void)config.to_librdkafka(client_kind::producer);
        (void)config.to_librdkafka(client_kind::consumer);
        (void)config.sanitized_servers();
    } catch (const protocol_configuration_error& e) {
        ONEX_FUZZ_REQUIRE(!e.diag().message.empty());
        ONEX_FUZZ_REQUIRE(!e.parameter().empty());
    }
    return 0;
}
