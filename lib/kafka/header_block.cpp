// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "kafka/header_block.hpp"

#include <stdexcept>

namespace onex::event_bus::detail {

void header_block::add(std::string_view name, std::string_view value) {
    if (count_ == max_headers)
        throw std::length_error("header_block: more than 32 headers");
    if (bytes_.empty())
        bytes_.reserve(512); // the ten standard headers of a message fit
    entries_[count_++] = {name, static_cast<std::uint32_t>(bytes_.size()),
                          static_cast<std::uint32_t>(value.size())};
    bytes_.append(value);
}

std::vector<kafka_header> header_block::to_vector() const {
    std::vector<kafka_header> out;
    out.reserve(count_);
    for (std::size_t i = 0; i < count_; ++i)
        out.push_back({name(i), std::string(value(i))});
    return out;
}

header_block header_block::from_vector(const std::vector<kafka_header>& headers) {
    header_block b;
    for (const auto& h : headers)
        b.add(h.name, h.value);
    return b;
}

} // namespace onex::event_bus::detail
