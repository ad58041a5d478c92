// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "header_args.hpp"
#include "options.hpp"

#include <boost/program_options.hpp>

#include <functional>
#include <iostream>
#include <map>
#include <string_view>

namespace onex::cli {
namespace po = boost::program_options;

namespace {

// No abbreviations: `--he` must not silently mean `--help` or `--header`.
constexpr int style =
    po::command_line_style::default_style & ~po::command_line_style::allow_guessing;

constexpr const char* overview =
    "Usage: onex-bus [global options] COMMAND [options] [arguments]\n"
    "Publishes to and reads from Kafka through the onex event bus.\n\n"
    "Commands (onex-bus COMMAND --help for each):\n"
    "  publish TOPIC [--key K] [--header name=value]... [VALUE | -]\n"
    "  tail TOPIC --group G [--from-beginning] [--count N] [--format text|json]\n"
    "  health        start the bus and print its health check as JSON\n"
    "  config        print the effective configuration (secrets masked) and its problems\n\n"
    "The configuration is the defaults, then --yaml FILE, then the KAFKA_* variables, then\n"
    "--bootstrap and --timeout. Exit status: 0 success, 1 failure, 2 bad command line.\n";

po::options_description global_description() {
    po::options_description d("Global options (before or after the command)");
    // clang-format off
    d.add_options()
        ("help,h", "print this help, or the command's after its name, and exit")
        ("yaml", po::value<std::string>()->value_name("FILE"),
         "read the configuration from this YAML file (KAFKA_* variables win over it)")
        ("bootstrap", po::value<std::string>()->value_name("HOST:PORT"),
         "bootstrap servers, over KAFKA_BOOTSTRAP_SERVERS and --yaml")
        ("timeout", po::value<int>()->value_name("SECONDS"),
         "timeout_seconds: how long to wait for the broker, 1..300")
        ("mock", po::bool_switch(),
         "run a librdkafka mock cluster in this process for a try-out (gone when the command "
         "ends)")
        ("log-level", po::value<std::string>()->value_name("LEVEL")->default_value("error"),
         "library log records to stderr once the bus has started, from: debug, info, warning, "
         "error, off (a failed start is reported in one line)");
    // clang-format on
    return d;
}

event_bus::log_level parse_log_level(const std::string& text) {
    using event_bus::log_level;
    for (const auto level :
         {log_level::debug, log_level::info, log_level::warning, log_level::error, log_level::off})
        if (event_bus::to_string(level) == text)
            return level;
    throw usage_error("--log-level " + text + ": must be debug, info, warning, error or off");
}

global_options read_globals(const po::variables_map& vm) {
    global_options g;
    if (vm.count("yaml"))
        g.yaml = vm["yaml"].as<std::string>();
    if (vm.count("bootstrap"))
        g.bootstrap = vm["bootstrap"].as<std::string>();
    if (vm.count("timeout"))
        g.timeout_seconds = vm["timeout"].as<int>();
    g.mock = vm["mock"].as<bool>();
    g.log_level = parse_log_level(vm["log-level"].as<std::string>());
    if (g.mock && g.bootstrap)
        throw usage_error("--mock cannot be combined with --bootstrap");
    return g;
}

// One command's grammar: its options and how its arguments fill its settings.
struct command_spec {
    const char* synopsis;
    const char* summary;
    std::function<po::options_description()> describe;
    std::function<command_options(const po::variables_map&, const std::vector<std::string>&)> read;
};

void require_arguments(const std::vector<std::string>& args, std::size_t min, std::size_t max,
                       std::string_view missing = {}, std::string_view hint = {}) {
    if (args.size() < min)
        throw usage_error(std::string(missing));
    if (args.size() > max)
        throw usage_error("unexpected argument '" + args[max] + "'" + std::string(hint));
}

po::options_description publish_description() {
    po::options_description d("Options");
    // clang-format off
    d.add_options()
        ("key", po::value<std::string>()->value_name("K"), "the message key (default: none)")
        ("header", po::value<std::vector<std::string>>()->value_name("name=value")->composing(),
         ("an event header (repeatable), one of: " + [] {
             std::string names;
             for (const auto& n : header_names())
                 names += (names.empty() ? "" : ", ") + n;
             return names;
         }() + ". Values are read as the consumer reads them. Defaults: source=onex-bus, "
               "event_type=TOPIC, fresh ids, timestamp now").c_str());
    // clang-format on
    return d;
}

command_options read_publish(const po::variables_map& vm, const std::vector<std::string>& args) {
    require_arguments(args, 1, 2, "missing TOPIC", " (quote a VALUE that has spaces)");
    publish_options p;
    p.topic = args[0];
    if (args.size() == 2 && args[1] != "-")
        p.value = args[1];
    if (vm.count("key"))
        p.key = vm["key"].as<std::string>();
    if (vm.count("header"))
        p.headers = vm["header"].as<std::vector<std::string>>();
    return p;
}

po::options_description tail_description() {
    po::options_description d("Options");
    // clang-format off
    d.add_options()
        ("group", po::value<std::string>()->value_name("G")->required(),
         "the consumer group id, used exactly as given (required)")
        ("from-beginning", po::bool_switch(),
         "a new group starts at the earliest offset (auto_offset_reset=earliest)")
        ("count", po::value<long long>()->value_name("N")->default_value(0),
         "exit after N messages; 0 = until SIGINT/SIGTERM")
        ("format", po::value<std::string>()->value_name("F")->default_value("text"),
         "text: one line per message (partition, offset, key, value, headers); json: one JSON "
         "object per line");
    // clang-format on
    return d;
}

command_options read_tail(const po::variables_map& vm, const std::vector<std::string>& args) {
    require_arguments(args, 1, 1, "missing TOPIC");
    tail_options t;
    t.topic = args[0];
    t.group = vm["group"].as<std::string>();
    t.from_beginning = vm["from-beginning"].as<bool>();
    const auto count = vm["count"].as<long long>();
    apps::require(count >= 0, "count", count, "must be 0 (no limit) or more");
    t.count = static_cast<std::uint64_t>(count);
    const auto& format = vm["format"].as<std::string>();
    apps::require(format == "text" || format == "json", "format", format, "must be text or json");
    t.format = format == "json" ? output_format::json : output_format::text;
    return t;
}

const std::map<std::string, command_spec, std::less<>>& commands() {
    static const std::map<std::string, command_spec, std::less<>> specs{
        {"publish",
         {"publish TOPIC [--key K] [--header name=value]... [VALUE | -]",
          "Publishes one message and waits until Kafka acknowledged it. Without VALUE, or with\n"
          "'-', the value is stdin, byte for byte (printf, not echo, avoids a trailing newline).",
          publish_description, read_publish}},
        {"tail",
         {"tail TOPIC --group G [--from-beginning] [--count N] [--format text|json]",
          "Prints the messages of TOPIC as group G receives them; SIGINT or SIGTERM closes the\n"
          "bus gracefully (the offsets of printed messages are committed).",
          tail_description, read_tail}},
        {"health",
         {"health", "Starts the bus and prints its health check as JSON; exit 0 when healthy.",
          [] { return po::options_description("Options"); },
          [](const po::variables_map&, const std::vector<std::string>& args) -> command_options {
              require_arguments(args, 0, 0);
              return health_options{};
          }}},
        {"config",
         {"config [--yaml FILE]",
          "Prints the effective configuration as JSON, secrets masked as \"****\", then each\n"
          "invalid field on stderr; exit 1 when there is any.",
          [] { return po::options_description("Options"); },
          [](const po::variables_map&, const std::vector<std::string>& args) -> command_options {
              require_arguments(args, 0, 0);
              return config_options{};
          }}},
    };
    return specs;
}

void print_help(const command_spec& spec) {
    const auto options = spec.describe();
    std::cout << "Usage: onex-bus [global options] " << spec.synopsis << "\n"
              << spec.summary << "\n\n";
    if (!options.options().empty())
        std::cout << options << "\n";
    std::cout << global_description() << "\n";
}

command_options parse_command(const std::string& name, const command_spec& spec,
                              const std::vector<std::string>& tokens) {
    po::options_description options = spec.describe();
    options.add_options()("args", po::value<std::vector<std::string>>());
    po::positional_options_description positional;
    positional.add("args", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(tokens)
                      .options(options)
                      .positional(positional)
                      .style(style)
                      .run(),
                  vm);
        po::notify(vm);
        const auto args = vm.count("args") ? vm["args"].as<std::vector<std::string>>()
                                           : std::vector<std::string>{};
        return spec.read(vm, args);
    } catch (const po::error& e) {
        throw usage_error(name + ": " + e.what());
    } catch (const usage_error& e) {
        throw usage_error(name + ": " + e.what());
    }
}

} // namespace

std::optional<command_line> parse_command_line(int argc, char** argv) {
    po::options_description all = global_description();
    all.add_options()("command", po::value<std::string>())("command-args",
                                                           po::value<std::vector<std::string>>());
    po::positional_options_description positional;
    positional.add("command", 1).add("command-args", -1);
    po::variables_map vm;
    po::parsed_options parsed(nullptr);
    try {
        // The command's own options are not known yet: they are passed on, unrecognized.
        parsed = po::command_line_parser(argc, argv)
                     .options(all)
                     .positional(positional)
                     .style(style)
                     .allow_unregistered()
                     .run();
        po::store(parsed, vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(e.what());
    }
    const bool help = vm.count("help") != 0;
    if (vm.count("command") == 0) {
        if (help) {
            std::cout << overview << "\n" << global_description() << "\n";
            return std::nullopt;
        }
        throw usage_error("no command given: publish, tail, health or config (see --help)");
    }
    command_line cl;
    cl.command = vm["command"].as<std::string>();
    auto rest = po::collect_unrecognized(parsed.options, po::include_positional);
    if (rest.front() != cl.command)
        throw usage_error("unrecognised option '" + rest.front() + "'");
    rest.erase(rest.begin());
    const auto spec = commands().find(cl.command);
    if (spec == commands().end())
        throw usage_error("unknown command '" + cl.command +
                          "': use publish, tail, health or config (see --help)");
    if (help) {
        print_help(spec->second);
        return std::nullopt;
    }
    cl.global = read_globals(vm);
    cl.options = parse_command(cl.command, spec->second, rest);
    return cl;
}

} // namespace onex::cli
