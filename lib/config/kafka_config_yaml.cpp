// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "config/kafka_config_fields.hpp"

#include <onex/event_bus/infra_error.hpp>
#include <onex/event_bus/kafka_config.hpp>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <system_error>

namespace onex::event_bus {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void reject(std::string message, std::string parameter = {}, std::string value = {}) {
    throw protocol_configuration_error(std::move(message), std::move(parameter), std::move(value));
}

std::string read_file(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found)
        reject("Configuration file not found: " + path.string(), {}, path.string());
    if (ec)
        reject("Failed to read configuration file: " + path.string() + ": " + ec.message(), {},
               path.string());
    if (!fs::is_regular_file(status))
        reject("Failed to read configuration file: " + path.string() + ": not a regular file", {},
               path.string());
    std::ifstream in(path, std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.is_open() || in.bad())
        reject("Failed to read configuration file: " + path.string() + ": cannot be read", {},
               path.string());
    return text;
}

std::string_view kind_of(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Null:
        return "null";
    case YAML::NodeType::Scalar:
        return "a scalar";
    case YAML::NodeType::Sequence:
        return "a sequence";
    case YAML::NodeType::Map:
        return "a mapping";
    case YAML::NodeType::Undefined:
        break;
    }
    return "nothing";
}

// Where a node is, for messages: " at line N in SOURCE" (yaml-cpp counts from 0).
std::string location(const YAML::Node& node, std::string_view source) {
    const auto mark = node.Mark();
    std::string where = mark.is_null() ? "" : " at line " + std::to_string(mark.line + 1);
    return where + " in " + std::string(source);
}

// Counts documents without building them.
class document_counter final : public YAML::EventHandler {
public:
    std::size_t documents = 0;

    void OnDocumentStart(const YAML::Mark&) override { ++documents; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

// yaml-cpp 0.7 never stops producing empty documents for some invalid text (a leading ',',
// found by fuzzing: jbeder/yaml-cpp#1040), and YAML::LoadAll then grows without end. So the
// documents are counted first, up to a bound, and only a single one is loaded.
constexpr std::size_t max_documents = 64;

struct parsed_yaml {
    std::size_t documents = 0;
    YAML::Node root; // the document when there is exactly one
};

parsed_yaml parse(std::string_view text, std::string_view source) {
    try {
        const std::string copy(text);
        std::istringstream in(copy);
        YAML::Parser parser(in);
        document_counter counter;
        while (counter.documents <= max_documents && parser.HandleNextDocument(counter)) {
        }
        if (counter.documents > max_documents)
            reject("Failed to parse YAML from " + std::string(source) +
                       ": the parser found no end (more than " + std::to_string(max_documents) +
                       " documents; a stray ',' at the start?)",
                   {}, std::string(source));
        if (counter.documents != 1)
            return {counter.documents, YAML::Node()};
        return {1, YAML::Load(copy)};
    } catch (const YAML::Exception& e) {
        std::string message = "Failed to parse YAML from " + std::string(source) + ": " + e.msg;
        if (!e.mark.is_null())
            message += " at line " + std::to_string(e.mark.line + 1) + ", column " +
                       std::to_string(e.mark.column + 1);
        reject(std::move(message), {}, std::string(source));
    }
}

// Reads the keys of `map` in order, rejecting keys that are not scalars or appear twice.
// `prefix` qualifies nested keys in messages ("librdkafka.").
template <class Visit>
void for_each_entry(const YAML::Node& map, std::string_view source, std::string_view prefix,
                    Visit visit) {
    std::set<std::string, std::less<>> seen;
    for (const auto& entry : map) {
        const YAML::Node& key = entry.first;
        if (!key.IsScalar())
            reject("Configuration keys must be strings, got " + std::string(kind_of(key)) +
                   location(key, source));
        const std::string name = std::string(prefix) + key.Scalar();
        if (!seen.insert(name).second)
            reject("Duplicate configuration key '" + name + "'" + location(key, source), name);
        visit(name, key, entry.second);
    }
}

[[noreturn]] void reject_value(const std::string& name, const YAML::Node& key,
                               const YAML::Node& value, std::string_view source,
                               std::string_view expected) {
    const std::string got =
        value.IsScalar() ? "'" + value.Scalar() + "'" : std::string(kind_of(value));
    reject("Invalid value for '" + name + "'" + location(key, source) + ": got " + got + ". " +
               std::string(expected),
           name, value.IsScalar() ? value.Scalar() : std::string());
}

void read_passthrough(kafka_config& config, const YAML::Node& key, const YAML::Node& value,
                      std::string_view source) {
    if (value.IsNull())
        return;
    if (!value.IsMap())
        reject_value("librdkafka", key, value, source,
                     "Expected a mapping of librdkafka property names to scalar values");
    for_each_entry(value, source, "librdkafka.",
                   [&](const std::string& name, const YAML::Node& k, const YAML::Node& v) {
                       if (!v.IsScalar())
                           reject_value(name, k, v, source, "Expected a scalar");
                       config.librdkafka[k.Scalar()] = v.Scalar();
                   });
}

const detail::kafka_config_field* find_field(std::string_view name) {
    const auto fields = detail::kafka_config_fields();
    const auto it = std::ranges::find(fields, name, &detail::kafka_config_field::name);
    return it == fields.end() ? nullptr : &*it;
}

void read_field(kafka_config& config, const detail::kafka_config_field& field,
                const std::string& name, const YAML::Node& key, const YAML::Node& value,
                std::string_view source) {
    using optional_string = std::optional<std::string> kafka_config::*;
    if (value.IsNull() && std::holds_alternative<optional_string>(field.member)) {
        detail::assign_from_text(config, field.member, {});
        return;
    }
    if (!value.IsScalar() || !detail::assign_from_text(config, field.member, value.Scalar()))
        reject_value(name, key, value, source, detail::expected_text(field.member));
}

void read_mapping(kafka_config& config, const YAML::Node& root, std::string_view source) {
    for_each_entry(
        root, source, "",
        [&](const std::string& name, const YAML::Node& key, const YAML::Node& value) {
            if (name == "librdkafka")
                return read_passthrough(config, key, value, source);
            const auto* field = find_field(name);
            if (!field)
                reject("Unknown configuration key '" + name + "'" + location(key, source), name);
            read_field(config, *field, name, key, value, source);
        });
}

} // namespace

kafka_config kafka_config::from_yaml(const std::filesystem::path& path) {
    return from_yaml(path, detail::process_env());
}

kafka_config kafka_config::from_yaml(const std::filesystem::path& path, const env_lookup& lookup) {
    return from_yaml_string(read_file(path), path.string(), lookup);
}

kafka_config kafka_config::from_yaml_string(std::string_view text, std::string_view source_name,
                                            const env_lookup& lookup) {
    kafka_config config;
    config.apply_yaml_string(text, source_name);
    config.apply_env(lookup);
    config.validate();
    return config;
}

void kafka_config::apply_yaml(const std::filesystem::path& path) {
    apply_yaml_string(read_file(path), path.string());
}

void kafka_config::apply_yaml_string(std::string_view text, std::string_view source_name) {
    const auto parsed = parse(text, source_name);
    if (parsed.documents > 1)
        reject("YAML content must be a single document, got " + std::to_string(parsed.documents) +
                   ": " + std::string(source_name),
               {}, std::string(source_name));
    if (parsed.documents == 0 || parsed.root.IsNull())
        return;
    const YAML::Node& root = parsed.root;
    if (!root.IsMap())
        reject("YAML content must be a mapping, got " + std::string(kind_of(root)) + ": " +
                   std::string(source_name),
               {}, std::string(source_name));
    // Read into a copy so that a bad key leaves *this as it was.
    kafka_config updated = *this;
    read_mapping(updated, root, source_name);
    *this = std::move(updated);
}

} // namespace onex::event_bus
