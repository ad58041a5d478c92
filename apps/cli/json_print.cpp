// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "json_print.hpp"

#include <boost/json/serialize.hpp>

#include <array>
#include <charconv>
#include <cmath>

namespace onex::cli {
namespace {

std::string number_text(double value) {
    if (!std::isfinite(value))
        return boost::json::serialize(boost::json::value(value));
    std::array<char, 32> buffer{};
    const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value).ptr;
    std::string text(buffer.data(), end);
    // "30" would read back as an integer.
    if (text.find_first_not_of("-0123456789") == std::string::npos)
        text += ".0";
    return text;
}

void write(std::string& out, const boost::json::value& value, std::size_t indent);

template <class Range, class WriteItem>
void write_block(std::string& out, const Range& items, char open, char close, std::size_t indent,
                 WriteItem write_item) {
    if (items.empty()) {
        out += open;
        out += close;
        return;
    }
    out += open;
    out += '\n';
    std::size_t left = items.size();
    for (const auto& item : items) {
        out.append(indent + 2, ' ');
        write_item(item);
        out += --left == 0 ? "\n" : ",\n";
    }
    out.append(indent, ' ');
    out += close;
}

void write(std::string& out, const boost::json::value& value, std::size_t indent) {
    switch (value.kind()) {
    case boost::json::kind::object:
        write_block(out, value.get_object(), '{', '}', indent, [&](const auto& member) {
            out += boost::json::serialize(boost::json::value(member.key()));
            out += ": ";
            write(out, member.value(), indent + 2);
        });
        return;
    case boost::json::kind::array:
        write_block(out, value.get_array(), '[', ']', indent,
                    [&](const auto& element) { write(out, element, indent + 2); });
        return;
    case boost::json::kind::double_:
        out += number_text(value.get_double());
        return;
    default:
        out += boost::json::serialize(value);
    }
}

} // namespace

std::string pretty_json(const boost::json::value& value) {
    std::string out;
    write(out, value, 0);
    return out;
}

} // namespace onex::cli
