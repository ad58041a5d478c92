// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "settings.hpp"

#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace po = boost::program_options;

namespace onex::bench {
namespace {

po::options_description describe(settings& s, std::string& scenario, std::string& acks,
                                 std::string& raw_headers, std::string& json, std::string& svg) {
    po::options_description d("onex-bench: the event bus against raw librdkafka and a bare "
                              "asio::post, side by side\n\nOptions");
    // clang-format off
    d.add_options()
        ("help,h", "this text")
        ("scenario", po::value(&scenario)->default_value("all"), "memory, kafka (its three parts) or one of kafka-produce, "
         "kafka-consume (produces first), kafka-roundtrip; or all")
        ("memory-messages", po::value(&s.memory_messages)->default_value(s.memory_messages),
         "messages published on the in-memory bus (and posted by its baseline)")
        ("kafka-messages", po::value(&s.kafka_messages)->default_value(s.kafka_messages),
         "messages produced, then consumed, through Kafka")
        ("roundtrip-messages", po::value(&s.roundtrip_messages)
             ->default_value(s.roundtrip_messages), "messages of the publish-to-handler run")
        ("roundtrip-rate", po::value(&s.roundtrip_rate)->default_value(s.roundtrip_rate),
         "messages per second of the publish-to-handler run (0 = as fast as --concurrency allows)")
        ("payload", po::value(&s.payload_bytes)->default_value(s.payload_bytes),
         "payload bytes per message (at least 16: it carries the send time)")
        ("keys", po::value(&s.keys)->default_value(s.keys), "distinct keys (0 = no key)")
        ("subscribers", po::value(&s.subscribers)->default_value(s.subscribers),
         "subscriptions of the in-memory topic")
        ("partitions", po::value(&s.partitions)->default_value(s.partitions),
         "partitions of each Kafka topic (embedded broker)")
        ("concurrency", po::value(&s.concurrency)->default_value(s.concurrency),
         "Kafka publishes in flight")
        ("memory-concurrency", po::value(&s.memory_concurrency)
             ->default_value(s.memory_concurrency), "in-memory publishes in flight")
        ("max-history", po::value(&s.max_history)->default_value(s.max_history),
         "the in-memory bus's history size")
        ("runs", po::value(&s.runs)->default_value(s.runs),
         "kafka-produce runs per side, alternating; the median run is reported")
        ("acks", po::value(&acks)->default_value("all"), "0, 1 or all")
        ("linger-ms", po::value(&s.linger_ms)->default_value(s.linger_ms), "producer linger.ms")
        ("batch", po::value(&s.batch_messages)->default_value(s.batch_messages),
         "producer batch.num.messages")
        ("idempotence", po::value(&s.idempotence)->default_value(s.idempotence),
         "enable.idempotence (true/false)")
        ("raw-headers", po::value(&raw_headers)->default_value("same"),
         "headers of the raw baseline: same (as many bytes as the bus's) or none")
        ("bootstrap", po::value(&s.bootstrap),
         "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else an embedded mock cluster)")
        ("timeout", po::value(&s.timeout_seconds)->default_value(s.timeout_seconds),
         "seconds to reach the broker and to finish each Kafka run")
        ("idle-seconds", po::value(&s.idle_seconds)->default_value(s.idle_seconds),
         "seconds of the idle measurement (0 = skip)")
        ("json", po::value(&json), "write every figure and the settings to this JSON file")
        ("svg", po::value(&svg), "draw the latency distributions to this SVG file");
    // clang-format on
    return d;
}

using apps::require;

void validate(const settings& s) {
    require(s.memory_messages > 0, "memory-messages", s.memory_messages, "must be at least 1");
    require(s.kafka_messages > 0, "kafka-messages", s.kafka_messages, "must be at least 1");
    require(s.roundtrip_messages > 0, "roundtrip-messages", s.roundtrip_messages,
            "must be at least 1");
    require(s.roundtrip_rate >= 0, "roundtrip-rate", s.roundtrip_rate, "must not be negative");
    require(s.payload_bytes >= 16 && s.payload_bytes <= 1'000'000, "payload", s.payload_bytes,
            "must be between 16 and 1000000 bytes (the first 9 carry the send time)");
    require(s.subscribers >= 1 && s.subscribers <= 1000, "subscribers", s.subscribers,
            "must be between 1 and 1000");
    require(s.partitions >= 1 && s.partitions <= 1000, "partitions", s.partitions,
            "must be between 1 and 1000");
    require(s.concurrency >= 1, "concurrency", s.concurrency, "must be at least 1");
    require(s.memory_concurrency >= 1, "memory-concurrency", s.memory_concurrency,
            "must be at least 1");
    require(s.linger_ms >= 0 && s.linger_ms <= 900'000, "linger-ms", s.linger_ms,
            "must be between 0 and 900000");
    require(s.batch_messages >= 1 && s.batch_messages <= 1'000'000, "batch", s.batch_messages,
            "must be between 1 and 1000000");
    require(s.timeout_seconds >= 1, "timeout", s.timeout_seconds, "must be at least 1");
    require(s.runs >= 1 && s.runs <= 99, "runs", s.runs, "must be between 1 and 99");
    if (s.bootstrap.empty() && s.run_kafka) {
        // The mock keeps the last 5 MiB of each partition: a consumer reading the produced
        // messages afterwards would find the first ones gone. ~420 bytes of key, headers and
        // record framing come with each payload.
        const double per_partition = static_cast<double>(s.kafka_messages) *
                                     static_cast<double>(s.payload_bytes + 420) / s.partitions;
        require(per_partition <= 4.5 * 1024 * 1024, "kafka-messages", s.kafka_messages,
                "too many for the embedded broker, which keeps 5 MiB per partition: raise "
                "--partitions or lower --kafka-messages or --payload");
    }
    require(s.idle_seconds >= 0, "idle-seconds", s.idle_seconds, "must not be negative");
}

} // namespace

std::string usage() {
    settings s;
    std::string a, b, c, d, e;
    std::ostringstream os;
    os << describe(s, a, b, c, d, e);
    return os.str();
}

std::optional<settings> parse_settings(int argc, char** argv) {
    settings s;
    std::string scenario, acks, raw_headers, json, svg;
    const auto options = describe(s, scenario, acks, raw_headers, json, svg);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(options).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(e.what());
    }
    if (vm.count("help")) {
        std::cout << options << "\n";
        return std::nullopt;
    }
    const bool one_kafka =
        scenario == "kafka-produce" || scenario == "kafka-consume" || scenario == "kafka-roundtrip";
    if (scenario != "all" && scenario != "memory" && scenario != "kafka" && !one_kafka)
        throw usage_error("--scenario " + scenario +
                          ": must be memory, kafka, kafka-produce, kafka-consume, "
                          "kafka-roundtrip or all");
    s.run_memory = scenario == "memory" || scenario == "all";
    s.run_kafka = scenario != "memory";
    if (one_kafka)
        s.kafka_only = scenario;
    if (acks == "0")
        s.acks = event_bus::acks_policy::none;
    else if (acks == "1")
        s.acks = event_bus::acks_policy::leader;
    else if (acks != "all" && acks != "-1")
        throw usage_error("--acks " + acks + ": must be 0, 1 or all");
    if (raw_headers != "same" && raw_headers != "none")
        throw usage_error("--raw-headers " + raw_headers + ": must be same or none");
    s.raw_headers = raw_headers == "same";
    if (s.bootstrap.empty())
        if (const char* env = std::getenv("KAFKA_BOOTSTRAP_SERVERS"))
            s.bootstrap = env;
    if (!json.empty())
        s.json_path = json;
    if (!svg.empty())
        s.svg_path = svg;
    s.progress = isatty(STDERR_FILENO) != 0;
    validate(s);
    return s;
}

boost::json::object settings::to_json() const {
    const char* acks_text = acks == event_bus::acks_policy::none     ? "0"
                            : acks == event_bus::acks_policy::leader ? "1"
                                                                     : "all";
    return {{"memory", run_memory},
            {"kafka", kafka_only.empty() ? std::string(run_kafka ? "all" : "none") : kafka_only},
            {"memory_messages", memory_messages},
            {"kafka_messages", kafka_messages},
            {"roundtrip_messages", roundtrip_messages},
            {"roundtrip_rate", roundtrip_rate},
            {"payload_bytes", payload_bytes},
            {"keys", keys},
            {"subscribers", subscribers},
            {"partitions", partitions},
            {"concurrency", concurrency},
            {"memory_concurrency", memory_concurrency},
            {"max_history", max_history},
            {"runs", runs},
            {"acks", acks_text},
            {"linger_ms", linger_ms},
            {"batch_messages", batch_messages},
            {"idempotence", idempotence},
            {"raw_headers", raw_headers ? "same" : "none"},
            {"broker", bootstrap.empty() ? "embedded mock cluster" : bootstrap},
            {"timeout_seconds", timeout_seconds},
            {"idle_seconds", idle_seconds}};
}

} // namespace onex::bench
