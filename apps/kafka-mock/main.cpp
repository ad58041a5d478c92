// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

/** A Kafka "broker" for local development with kcat and the examples: a librdkafka mock cluster
 *  in this process, reachable at a fixed bootstrap address (the proxy; see bootstrap_proxy.hpp),
 *  until SIGINT/SIGTERM or --duration. --self-test checks that path with a real producer and
 *  consumer, then exits: it is what ctest runs.
 */

#include "../common/embedded_cluster.hpp"
#include "bootstrap_proxy.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/program_options.hpp>

#include <librdkafka/rdkafka.h>

#include <array>
#include <chrono>
#include <csignal>
#include <initializer_list>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace asio = boost::asio;
namespace po = boost::program_options;

namespace {

constexpr const char* self_test_topic = "onex-kafka-mock.self-test";

struct settings {
    std::string host = "127.0.0.1";
    int port = 9092;
    int brokers = 1;
    int partitions = 3;
    std::vector<std::string> topics;
    int duration = 0;
    bool self_test = false;
};

po::options_description describe(settings& s) {
    po::options_description d("Usage: onex-kafka-mock [options]\nRuns a librdkafka mock cluster "
                              "until interrupted. Topics not created up front\nare auto-created "
                              "on first use, with the mock's default of 4 partitions.\nOptions");
    auto add = d.add_options();
    add("help", "print this help and exit");
    add("host", po::value(&s.host)->default_value(s.host), "address to listen on");
    add("port", po::value(&s.port)->default_value(s.port), "bootstrap port (0 = any free port)");
    add("brokers", po::value(&s.brokers)->default_value(s.brokers), "mock brokers, 1..16");
    add("partitions", po::value(&s.partitions)->default_value(s.partitions),
        "partitions of each --topic, >= 1");
    add("topic", po::value(&s.topics), "topic to create up front (repeatable)");
    add("duration", po::value(&s.duration)->default_value(s.duration),
        "seconds to run (0 = until SIGINT/SIGTERM)");
    add("self-test", po::bool_switch(&s.self_test),
        "produce and consume one message through the bootstrap port, then exit");
    return d;
}

void check_range(const std::string& option, int value, int low, int high) {
    if (value < low || value > high)
        throw po::error("the value " + std::to_string(value) + " of option '--" + option +
                        "' is out of range " + std::to_string(low) + ".." + std::to_string(high));
}

/// Fills the settings `d` describes; false when --help was printed. Throws po::error.
bool parse(int argc, char** argv, const po::options_description& d, const settings& s) {
    po::variables_map vm;
    const auto parsed = po::command_line_parser(argc, argv).options(d).allow_unregistered().run();
    // Collected rather than rejected by the parser, so that the message can name them.
    const auto unknown = po::collect_unrecognized(parsed.options, po::include_positional);
    if (!unknown.empty())
        throw po::error("unknown argument '" + unknown.front() + "'");
    po::store(parsed, vm);
    if (vm.count("help") != 0) {
        std::cout << d;
        return false;
    }
    po::notify(vm);
    check_range("port", s.port, 0, 65535);
    check_range("brokers", s.brokers, 1, 16);
    check_range("partitions", s.partitions, 1, 1 << 20);
    check_range("duration", s.duration, 0, 1 << 30);
    return true;
}

using client = std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)>;

client make_client(rd_kafka_type_t type, const std::string& bootstrap,
                   std::initializer_list<std::pair<const char*, const char*>> extra) {
    std::unique_ptr<rd_kafka_conf_t, decltype(&rd_kafka_conf_destroy)> conf(rd_kafka_conf_new(),
                                                                            &rd_kafka_conf_destroy);
    std::array<char, 512> error{};
    auto set = [&](const char* name, const char* value) {
        if (rd_kafka_conf_set(conf.get(), name, value, error.data(), error.size()) !=
            RD_KAFKA_CONF_OK)
            throw std::runtime_error(error.data());
    };
    set("bootstrap.servers", bootstrap.c_str());
    for (const auto& [name, value] : extra)
        set(name, value);
    if (type == RD_KAFKA_PRODUCER) // the report goes where the message's opaque points
        rd_kafka_conf_set_dr_msg_cb(conf.get(),
                                    [](rd_kafka_t*, const rd_kafka_message_t* m, void*) {
                                        *static_cast<rd_kafka_resp_err_t*>(m->_private) = m->err;
                                    });
    rd_kafka_t* rk = rd_kafka_new(type, conf.get(), error.data(), error.size());
    if (rk == nullptr)
        throw std::runtime_error(error.data());
    conf.release(); // owned by rk now
    return client(rk, &rd_kafka_destroy);
}

void produce(const std::string& bootstrap, std::string value) {
    const client producer = make_client(RD_KAFKA_PRODUCER, bootstrap, {});
    auto delivery = RD_KAFKA_RESP_ERR__TIMED_OUT; // stays so if no report arrives
    const auto err = rd_kafka_producev(
        producer.get(), RD_KAFKA_V_TOPIC(self_test_topic), RD_KAFKA_V_PARTITION(0),
        RD_KAFKA_V_VALUE(value.data(), value.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_OPAQUE(&delivery), RD_KAFKA_V_END);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        throw std::runtime_error(std::string("produce: ") + rd_kafka_err2str(err));
    rd_kafka_flush(producer.get(), 10000);
    if (delivery != RD_KAFKA_RESP_ERR_NO_ERROR)
        throw std::runtime_error(std::string("delivery: ") + rd_kafka_err2str(delivery));
}

void consume(const std::string& bootstrap, const std::string& expected) {
    const client consumer =
        make_client(RD_KAFKA_CONSUMER, bootstrap,
                    {{"group.id", "onex-kafka-mock"}, {"enable.auto.commit", "false"}});
    rd_kafka_topic_partition_list_t* partitions = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(partitions, self_test_topic, 0)->offset =
        RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(consumer.get(), partitions); // copies the list
    rd_kafka_topic_partition_list_destroy(partitions);
    std::string error = "no message within 10 s";
    bool received = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!received && std::chrono::steady_clock::now() < deadline) {
        if (rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer.get(), 200)) {
            if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR)
                error = rd_kafka_message_errstr(m);
            else
                received = std::string(static_cast<const char*>(m->payload), m->len) == expected;
            rd_kafka_message_destroy(m);
        }
    }
    rd_kafka_consumer_close(consumer.get());
    if (!received)
        throw std::runtime_error("consume: " + error);
}

/// Empty on success, else what failed. Blocks, so it runs on its own thread.
std::string self_test(const std::string& bootstrap) {
    try {
        produce(bootstrap, "onex-kafka-mock self-test");
        consume(bootstrap, "onex-kafka-mock self-test");
        return {};
    } catch (const std::exception& e) {
        return e.what();
    }
}

int run(const settings& s) {
    const onex::apps::embedded_cluster cluster(s.brokers);
    for (const auto& topic : s.topics)
        cluster.create_topic(topic, s.partitions);
    if (s.self_test)
        cluster.create_topic(self_test_topic, s.partitions);
    const std::string brokers = cluster.bootstrap_servers();

    asio::io_context io;
    const onex::apps::bootstrap_proxy proxy(io, s.host, static_cast<unsigned short>(s.port),
                                            brokers.substr(0, brokers.find(',')));
    const bool ipv6 = s.host.find(':') != std::string::npos;
    const std::string address =
        (ipv6 ? "[" + s.host + "]" : s.host) + ":" + std::to_string(proxy.local_endpoint().port());
    std::cout << "onex-kafka-mock: listening on " << address << " (brokers: " << brokers << ")"
              << std::endl
              << "try: kcat -b " << address << " -L" << std::endl;

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io](boost::system::error_code, int) { io.stop(); });
    asio::steady_timer timer(io, std::chrono::seconds(s.duration));
    if (s.duration > 0)
        timer.async_wait([&io](boost::system::error_code) { io.stop(); });
    std::optional<std::string> failure; // set on io's thread when the self-test ends
    std::thread tester;
    if (s.self_test)
        tester = std::thread([&] {
            asio::post(io, [&io, &failure, result = self_test(address)] {
                failure = result;
                io.stop();
            });
        });
    io.run();
    if (tester.joinable())
        tester.join();

    const bool ok = !s.self_test || (failure && failure->empty());
    if (s.self_test)
        std::cout << "self-test: " << (ok ? "ok" : "failed: " + failure.value_or("interrupted"))
                  << std::endl;
    std::cout << "onex-kafka-mock: stopped" << std::endl;
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    settings s;
    const po::options_description usage = describe(s);
    try {
        if (!parse(argc, argv, usage, s))
            return 0;
    } catch (const po::error& e) {
        std::cerr << "onex-kafka-mock: " << e.what() << "\n" << usage;
        return 2;
    }
    try {
        return run(s);
    } catch (const std::exception& e) {
        std::cerr << "onex-kafka-mock: " << e.what() << std::endl;
        return 1;
    }
}
