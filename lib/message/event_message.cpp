// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "common/utf8.hpp"

#include <onex/event_bus/event_message.hpp>

#include <boost/json/value.hpp>

namespace onex::event_bus {

event_message::event_message(std::string topic, std::optional<std::string_view> key,
                             std::string_view value, event_headers headers,
                             std::optional<std::string> offset,
                             std::optional<std::int32_t> partition)
    : body_(std::make_shared<const detail::owning_message_body>(
          std::move(topic), key, value, std::move(headers), std::move(offset), partition)) {}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const event_message& m) {
    namespace json = boost::json;
    json::object& o = jv.emplace_object();
    const json::storage_ptr& sp = o.storage();
    const auto text = [&sp](std::string_view s) {
        return json::value(json::string(detail::utf8_decode_replace(s), sp));
    };
    o["topic"] = text(m.topic());
    o["key"] = m.key() ? text(*m.key()) : json::value(nullptr, sp);
    o["value"] = text(m.value());
    o["headers"] = json::value_from(m.headers(), sp);
    o["offset"] = m.offset() ? text(*m.offset()) : json::value(nullptr, sp);
    o["partition"] = m.partition() ? json::value(*m.partition(), sp) : json::value(nullptr, sp);
}

} // namespace onex::event_bus
