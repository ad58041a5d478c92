// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_HEADER_BLOCK_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_HEADER_BLOCK_HPP

#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/kafka_headers.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace onex::event_bus::detail {

// The record headers of one message as librdkafka will copy them: names that live forever
// (string literals), values side by side in one buffer. One allocation per message instead of
// one per value is most of what the bus adds to a produce call.
class header_block {
public:
    static constexpr std::size_t max_headers = 32;

    // `name` must outlive the block (the header names are literals). Throws std::length_error
    // past max_headers.
    void add(std::string_view name, std::string_view value);

    std::size_t size() const noexcept { return count_; }
    std::string_view name(std::size_t i) const noexcept { return entries_[i].name; }
    std::string_view value(std::size_t i) const noexcept {
        return std::string_view(bytes_).substr(entries_[i].offset, entries_[i].length);
    }

    std::vector<kafka_header> to_vector() const;
    static header_block from_vector(const std::vector<kafka_header>& headers);

private:
    struct entry {
        std::string_view name;
        std::uint32_t offset = 0;
        std::uint32_t length = 0;
    };
    std::string bytes_;
    std::array<entry, max_headers> entries_{};
    std::size_t count_ = 0;
};

// The header encoding of encode_kafka_headers, into `out`.
void encode_headers(const event_headers& h, header_block& out);

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_HEADER_BLOCK_HPP
