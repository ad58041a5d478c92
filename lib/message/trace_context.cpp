// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/trace_context.hpp>

#include <algorithm>
#include <array>

namespace onex::event_bus {
namespace {

constexpr std::size_t version_00_size = 55; // 2 + 1 + 32 + 1 + 16 + 1 + 2

bool is_lower_hex(char c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool is_hex(char c) noexcept {
    return is_lower_hex(c) || (c >= 'A' && c <= 'F');
}

bool all_lower_hex(std::string_view s) noexcept {
    return std::all_of(s.begin(), s.end(), is_lower_hex);
}

bool all_zero(std::string_view s) noexcept {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == '0'; });
}

int hex_value(char c) noexcept {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

// An id of `size` hex digits of either case, not all zero, lowercased.
std::optional<std::string> w3c_id(const std::optional<std::string>& id, std::size_t size) {
    if (!id || id->size() != size || !std::all_of(id->begin(), id->end(), is_hex) || all_zero(*id))
        return std::nullopt;
    std::string lower = *id;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return static_cast<char>(c | (is_hex(c) && c > '9' ? 0x20 : 0)); });
    return lower;
}

} // namespace

std::optional<trace_context> parse_traceparent(std::string_view text) {
    if (text.size() < version_00_size)
        return std::nullopt;
    const std::string_view version = text.substr(0, 2);
    if (!all_lower_hex(version) || version == "ff")
        return std::nullopt;
    // Version 00 has exactly four fields; later versions may append fields after a '-'.
    if (version == "00" ? text.size() != version_00_size
                        : text.size() > version_00_size && text[version_00_size] != '-')
        return std::nullopt;
    if (text[2] != '-' || text[35] != '-' || text[52] != '-')
        return std::nullopt;
    const std::string_view trace_id = text.substr(3, 32);
    const std::string_view parent_id = text.substr(36, 16);
    const std::string_view flags = text.substr(53, 2);
    if (!all_lower_hex(trace_id) || !all_lower_hex(parent_id) || !all_lower_hex(flags) ||
        all_zero(trace_id) || all_zero(parent_id))
        return std::nullopt;
    return trace_context{std::string(trace_id), std::string(parent_id),
                         static_cast<std::uint8_t>(hex_value(flags[0]) * 16 + hex_value(flags[1]))};
}

std::string format_traceparent(const trace_context& context) {
    constexpr std::array<char, 17> digits{"0123456789abcdef"};
    std::string out;
    out.reserve(version_00_size);
    out.append("00-").append(context.trace_id).append("-").append(context.parent_id).append("-");
    out.push_back(digits[context.flags >> 4U]);
    out.push_back(digits[context.flags & 0x0FU]);
    return out;
}

std::optional<trace_context> trace_context_of(const event_headers& headers) {
    auto trace_id = w3c_id(headers.trace_id, 32);
    auto span_id = w3c_id(headers.span_id, 16);
    if (!trace_id || !span_id)
        return std::nullopt;
    return trace_context{std::move(*trace_id), std::move(*span_id),
                         headers.trace_flags.value_or(0x01)};
}

} // namespace onex::event_bus
