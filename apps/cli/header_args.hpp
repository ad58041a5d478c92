// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_APPS_CLI_HEADER_ARGS_HPP
#define ONEX_EVENT_BUS_APPS_CLI_HEADER_ARGS_HPP

#include <onex/event_bus/event_headers.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace onex::cli {

/// The Kafka header names the bus writes and reads: the fields of `event_headers`, in the order
/// the bus writes them.
const std::vector<std::string>& header_names();

/// The headers of a message published to `topic` from `--header name=value` arguments, read by
/// `decode_kafka_headers` so that the rules are the consumer's. Unlike that decoder, which
/// repairs what it cannot read, this throws `usage_error` naming the argument for an argument
/// without `=`, an unknown name, a name given twice, an empty value, and any value the decoder
/// would replace or reject. Unset headers take the decoder's defaults (fresh ids, now), except
/// `source` ("onex-bus") and `event_type` (`topic`).
event_bus::event_headers parse_header_args(const std::vector<std::string>& args,
                                           std::string_view topic);

} // namespace onex::cli

#endif // ONEX_EVENT_BUS_APPS_CLI_HEADER_ARGS_HPP
