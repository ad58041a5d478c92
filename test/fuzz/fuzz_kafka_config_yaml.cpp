// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// kafka_config::from_yaml_string on arbitrary text, with an empty environment.
//
// Per kafka_config.hpp the only exception it may throw is protocol_configuration_error (with a
// message); anything else escapes this function and libFuzzer reports it. A loaded config is
// valid: validate() passes again, and the librdkafka properties and sanitized servers can be
// derived from it. (This target found yaml-cpp 0.7's endless empty documents on a leading ',':
// corpus/fuzz_kafka_config_yaml/leading-comma, now rejected by the loader.)

#include "fuzz_common.hpp"

#include <onex/event_bus/infra_error.hpp>
#include <onex/event_bus/kafka_config.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

using namespace onex::event_bus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    const env_lookup no_environment = [](std::string_view) -> std::optional<std::string> {
        return std::nullopt;
    };
    try {
        const auto config = kafka_config::from_yaml_string(text, "fuzz.yaml", no_environment);
        config.validate();
        (void)config.to_librdkafka(client_kind::producer);
        (void)config.to_librdkafka(client_kind::consumer);
        (void)config.sanitized_servers();
    } catch (const protocol_configuration_error& e) {
        ONEX_FUZZ_REQUIRE(!e.diag().message.empty());
    }
    return 0;
}
