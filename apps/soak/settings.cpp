// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "settings.hpp"

#include <boost/program_options.hpp>

#include <iostream>

namespace po = boost::program_options;

namespace onex::soak {
namespace {

po::options_description describe(settings& s) {
    po::options_description d(
        "onex-soak: publishes numbered messages through kafka_event_bus to a 3-broker mock "
        "cluster while faults are injected, and proves every acknowledged message was consumed "
        "or dead-lettered\n\nOptions");
    // clang-format off
    d.add_options()
        ("help,h", "this text")
        ("short", po::bool_switch(&s.short_form), "the one-minute form run by CI: 12000 messages "
         "at 300/s, one cycle of the fault plan (explicit options still win)")
        ("messages", po::value(&s.messages)->default_value(s.messages), "messages to publish")
        ("rate", po::value(&s.rate)->default_value(s.rate), "messages per second")
        ("brokers", po::value(&s.brokers)->default_value(s.brokers), "mock brokers (at least 3)")
        ("partitions", po::value(&s.partitions)->default_value(s.partitions),
         "partitions of the soak topic")
        ("payload", po::value(&s.payload_bytes)->default_value(s.payload_bytes),
         "payload bytes per message")
        ("failing-permille", po::value(&s.failing_permille)->default_value(s.failing_permille),
         "messages per 1000 whose handler always throws (retried, then dead-lettered)")
        ("flaky-permille", po::value(&s.flaky_permille)->default_value(s.flaky_permille),
         "messages per 1000 whose handler throws on the first call only")
        ("drain-seconds", po::value(&s.drain_seconds)->default_value(s.drain_seconds),
         "after the last publish: how long the consumers may go without accounting for one more "
         "message before the missing ones count as lost")
        ("max-seconds", po::value(&s.max_seconds)->default_value(s.max_seconds),
         "hard bound on the whole run (0 = 1.25 x publishing time + 180)")
        ("produce-errors", po::bool_switch(&s.produce_errors), "also fail Produce requests with "
         "retriable errors (librdkafka 2.0.2's idempotent producer and its mock broker then lose "
         "acknowledged messages, raw librdkafka too: combine with --idempotence false)")
        ("idempotence", po::value(&s.idempotence)->default_value(s.idempotence),
         "the producer's enable.idempotence (true/false)")
        ("json", po::value(&s.json), "write the accounting to this JSON file")
        ("verbose,v", po::bool_switch(&s.verbose), "print the buses' warnings as they happen");
    // clang-format on
    return d;
}

using apps::require;

void validate(const settings& s) {
    require(s.messages >= 1 && s.messages <= 100'000'000, "messages", s.messages,
            "must be between 1 and 100000000");
    require(s.rate >= 1 && s.rate <= 100'000, "rate", s.rate, "must be between 1 and 100000");
    require(s.brokers >= 3 && s.brokers <= 9, "brokers", s.brokers,
            "must be between 3 and 9 (the fault plan takes brokers 1 to 3 down)");
    require(s.partitions >= 1 && s.partitions <= 256, "partitions", s.partitions,
            "must be between 1 and 256");
    require(s.payload_bytes >= 32 && s.payload_bytes <= 100'000, "payload", s.payload_bytes,
            "must be between 32 and 100000 bytes");
    require(s.failing_permille >= 0 && s.failing_permille <= 1000, "failing-permille",
            s.failing_permille, "must be between 0 and 1000");
    require(s.flaky_permille >= 0 && s.failing_permille + s.flaky_permille <= 1000,
            "flaky-permille", s.flaky_permille,
            "must be at least 0, and at most 1000 with --failing-permille");
    require(s.drain_seconds > 0 && s.drain_seconds <= 3600, "drain-seconds", s.drain_seconds,
            "must be between 0 (excluded) and 3600");
    require(s.max_seconds >= 0, "max-seconds", s.max_seconds, "must be 0 or more");
}

} // namespace

std::optional<settings> parse_settings(int argc, char** argv) {
    settings s;
    const auto d = describe(s);
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, d), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(e.what());
    }
    if (vm.count("help") != 0) {
        std::cout << d << "\n";
        return std::nullopt;
    }
    if (s.short_form) {
        if (vm["messages"].defaulted())
            s.messages = 12'000;
        if (vm["rate"].defaulted())
            s.rate = 300;
        if (vm["partitions"].defaulted())
            s.partitions = 6;
        if (vm["drain-seconds"].defaulted())
            s.drain_seconds = 45;
    }
    validate(s);
    return s;
}

} // namespace onex::soak
