// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The rows of the README's "Bad input" table that no other suite covers: what a user gets for
// each bad input, exactly. The table names its tests; the `bad_input_table` ctest checks they
// exist.

#include "kafka_fixture.hpp"
#include "scoped_env.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/event_headers.hpp>
#include <onex/event_bus/inmemory_event_bus.hpp>
#include <onex/event_bus/kafka_config.hpp>
#include <onex/event_bus/kafka_event_bus.hpp>
#include <onex/event_bus/testing.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value_to.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ios>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

using namespace kafka_bus_test;
namespace bdata = boost::unit_test::data;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace bad_input_test {

// ---- helpers ------------------------------------------------------------------------------------

using variables = std::map<std::string, std::string, std::less<>>;

env_lookup fake_env(variables vars = {}) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        auto it = vars.find(name);
        return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

// Matches a protocol_configuration_error by its parameter and its whole message.
auto rejected(std::string parameter, std::string message) {
    return [parameter, message](const protocol_configuration_error& e) {
        BOOST_TEST_INFO("message: " << e.diag().message);
        BOOST_TEST(e.parameter() == parameter);
        BOOST_TEST(e.diag().message == message);
        BOOST_TEST((e.code() == errc::configuration));
        return e.parameter() == parameter && e.diag().message == message;
    };
}

using onex::event_bus::test::scoped_env;

// A path in the temporary directory, removed (if anything is there) at the end of the scope.
class temp_path {
public:
    explicit temp_path(std::string_view stem) {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() / ("onex_bad_input_" + std::to_string(::getpid()) + "_" +
                                             std::to_string(counter++) + "_" + std::string(stem));
    }
    temp_path(const temp_path&) = delete;
    temp_path& operator=(const temp_path&) = delete;
    ~temp_path() {
        std::error_code ignored;
        fs::remove(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// Log records of one bus, as "level: message" lines. The sink may be called before librdkafka's
// log queue is set up, i.e. from another thread, hence the lock.
class captured_log {
public:
    std::shared_ptr<logger> make(log_level min) {
        return std::make_shared<logger>(min, [this](log_level lvl, std::string_view m) {
            std::lock_guard lock(mutex_);
            lines_.push_back(std::string(to_string(lvl)) + ": " + std::string(m));
        });
    }

    std::vector<std::string> starting_with(std::string_view prefix) const {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        std::copy_if(lines_.begin(), lines_.end(), std::back_inserter(out),
                     [&](const std::string& l) { return l.starts_with(prefix); });
        return out;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

// A Kafka bus on a mock cluster (topics "orders.events" and "orders.dlq") whose log is captured.
struct logged_kafka {
    captured_log log; // declared first: the bus's logger refers to it until the very end
    std::unique_ptr<mock_cluster> cluster = kafka_fixture::make_cluster(1);
    asio::io_context ioc;
    kafka_event_bus bus;

    explicit logged_kafka(const config_tweak& tweak = {}, log_level min = log_level::warning)
        : bus(ioc, kafka_fixture::make_config(*cluster, tweak), log.make(min)) {}
    ~logged_kafka() {
        try {
            testing::run(ioc, bus.async_close());
        } catch (const std::exception& e) {
            BOOST_ERROR("close failed: " << e.what());
        }
    }
    logged_kafka(const logged_kafka&) = delete;
    logged_kafka& operator=(const logged_kafka&) = delete;

    void run(auto&& op) { testing::run(ioc, std::forward<decltype(op)>(op)); }

    // Publishes and returns the completion's error code; `diag` gets the diagnostics.
    boost::system::error_code publish(std::string_view topic, std::string_view value,
                                      diagnostics& diag, const event_headers& h = {}) {
        std::optional<boost::system::error_code> result;
        bus.async_publish(topic, std::nullopt, value, h, diag,
                          [&](boost::system::error_code ec) { result = ec; });
        BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
        return *result;
    }

    std::int64_t health(const char* key) const { return bus.health_check().at(key).as_int64(); }
};

config_tweak with_dlq() {
    return [](kafka_config& c) { c.dead_letter_topic = "orders.dlq"; };
}

struct unconvertible {
    int x;
};

void tag_invoke(const json::value_from_tag&, json::value&, const unconvertible&) {
    throw std::runtime_error("cannot convert unconvertible");
}

// ---- table data ---------------------------------------------------------------------------------

struct env_enum_case {
    variables vars;
    std::string parameter;
    std::string message;
};

std::ostream& operator<<(std::ostream& os, const env_enum_case& c) {
    return os << c.parameter;
}

const std::vector<env_enum_case> env_enum_cases = {
    {{{"KAFKA_AUTO_OFFSET_RESET", "oldest"}},
     "auto_offset_reset",
     "auto_offset_reset='oldest' is not one of: earliest, latest"},
    {{{"KAFKA_SECURITY_PROTOCOL", "tls"}},
     "security_protocol",
     "security_protocol='tls' is not one of: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL"},
    {{{"KAFKA_SECURITY_PROTOCOL", "SASL_SSL"}, {"KAFKA_SASL_MECHANISM", "GSSAPI"}},
     "sasl_mechanism",
     "sasl_mechanism='GSSAPI' is not one of: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER"},
};

struct headers_json_case {
    std::string member; // "name": value, added to a valid object; or a whole document
    std::string message;
};

std::ostream& operator<<(std::ostream& os, const headers_json_case& c) {
    return os << c.member;
}

const std::vector<headers_json_case> headers_json_cases = {
    {R"("content_type": 5)", "event_headers field 'content_type' must be a string"},
    {R"("correlation_id": "not-a-uuid")", "event_headers field 'correlation_id' must be a UUID"},
    {R"("timestamp": "yesterday")", "event_headers field 'timestamp' must be an ISO-8601 time"},
    {R"("priority": "urgent")",
     "event_headers field 'priority' must be one of low, normal, high, critical"},
    {R"("retry_count": 1.5)",
     "event_headers field 'retry_count' must be an integer that fits in 64 bits"},
    {R"("ttl_seconds": "60")",
     "event_headers field 'ttl_seconds' must be an integer that fits in 64 bits"},
    {R"("extra": 1)", "event_headers field 'extra' is not a known field"},
};

json::value headers_with(std::string_view member) {
    // A later duplicate key wins in Boost.JSON, so a member may also replace a required one.
    return json::parse(R"({"timestamp": "2025-01-15T12:00:00+00:00", "source": "s", )"
                       R"("event_type": "e", )" +
                       std::string(member) + "}");
}

} // namespace bad_input_test

using namespace bad_input_test;

BOOST_AUTO_TEST_SUITE(test_bad_input)

// ---- configuration ------------------------------------------------------------------------------

BOOST_DATA_TEST_CASE(an_unknown_enum_value_in_the_environment_names_the_field,
                     bdata::make(env_enum_cases), c) {
    BOOST_CHECK_EXCEPTION(kafka_config::from_env(fake_env(c.vars)), protocol_configuration_error,
                          rejected(c.parameter, c.message));
}

BOOST_AUTO_TEST_CASE(a_yaml_path_that_cannot_be_resolved_gives_the_system_reason) {
    const temp_path loop("loop.yaml");
    fs::create_symlink(loop.path(), loop.path()); // a link to itself
    BOOST_CHECK_EXCEPTION(
        kafka_config::from_yaml(loop.path(), fake_env()), protocol_configuration_error,
        rejected("", "Failed to read configuration file: " + loop.path().string() +
                         ": Too many levels of symbolic links"));
}

BOOST_AUTO_TEST_CASE(a_yaml_file_that_cannot_be_opened_is_named) {
    // Root opens any file whatever its mode, but not a write-only sysctl.
    const temp_path file("unreadable.yaml");
    std::ofstream(file.path()) << "group: g\n";
    fs::permissions(file.path(), fs::perms::none);
    const fs::path path = ::geteuid() == 0 ? fs::path("/proc/sys/vm/drop_caches") : file.path();
    BOOST_REQUIRE(fs::is_regular_file(path));
    BOOST_CHECK_EXCEPTION(
        kafka_config::from_yaml(path, fake_env()), protocol_configuration_error,
        rejected("", "Failed to read configuration file: " + path.string() + ": cannot be read"));
}

// Reported as a defect: an I/O error while reading escapes as std::ios_base::failure from
// libstdc++'s filebuf instead of becoming a protocol_configuration_error.
BOOST_AUTO_TEST_CASE(a_yaml_file_that_fails_while_being_read_escapes_as_ios_failure) {
    BOOST_REQUIRE(fs::is_regular_file("/proc/self/mem")); // opens, but reading offset 0 fails
    BOOST_CHECK_EXCEPTION(kafka_config::from_yaml("/proc/self/mem", fake_env()),
                          std::ios_base::failure, [](const std::ios_base::failure& e) {
                              BOOST_TEST_INFO("what: " << e.what());
                              return std::string_view(e.what()).starts_with(
                                  "basic_filebuf::underflow error reading the file");
                          });
}

BOOST_AUTO_TEST_CASE(a_property_librdkafka_rejects_fails_the_start_as_configuration) {
    for (const auto& [name, shown] :
         {std::pair<std::string, std::string>{"no.such.property", "1"}, {"x.password", "***"}}) {
        asio::io_context ioc;
        auto cfg = mock_config("127.0.0.1:1");
        cfg.librdkafka[name] = shown == "***" ? "hunter2" : shown;
        kafka_event_bus bus(ioc, cfg, onex::event_bus::test::quiet_logger());
        diagnostics diag;
        std::optional<boost::system::error_code> result;
        bus.async_start(diag, [&](boost::system::error_code ec) { result = ec; });
        BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
        BOOST_TEST(*result == make_error_code(errc::configuration));
        BOOST_TEST(diag.message == "librdkafka rejected property " + name + "='" + shown +
                                       "': No such configuration property: \"" + name + "\"");
        BOOST_TEST(diag.parameter == name);
        BOOST_TEST(diag.value == shown);
        BOOST_TEST(!bus.is_started());
        BOOST_TEST(bus.circuit_breaker_status().failures == 0u);
    }
}

// Reported: the start succeeds and only the log says that the group has no consumer.
BOOST_AUTO_TEST_CASE(a_consumer_property_librdkafka_rejects_leaves_the_group_unserved) {
    logged_kafka f([](kafka_config& c) { c.librdkafka["fetch.max.bytes"] = "1024"; },
                   log_level::error);
    auto sub = f.bus.subscribe("orders.events", "unserved", [](const event_message&) {});
    f.run(f.bus.async_start());
    const std::vector<std::string> expected{
        "error: Consumer for group 'unserved' failed to start: librdkafka could not create a "
        "client: `fetch.max.bytes` must be >= `message.max.bytes`: invalid configuration "
        "[onex.event_bus:4]"};
    BOOST_TEST(f.log.starting_with("error: Consumer for group") == expected,
               boost::test_tools::per_element());
    BOOST_TEST(f.health("consumer_count") == 0);
    BOOST_TEST(f.bus.health_check().at("healthy").as_bool());
    BOOST_TEST(f.health("subscriber_count") == 1);
}

// ---- names --------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(subscribing_to_an_invalid_topic_name_on_kafka_throws_naming_it) {
    asio::io_context ioc;
    kafka_event_bus bus(ioc, mock_config("localhost:9092"), onex::event_bus::test::quiet_logger());
    const auto subscribe = [&](std::string_view topic) {
        return bus.subscribe(topic, "g", [](const event_message&) {});
    };
    BOOST_CHECK_EXCEPTION((void)subscribe("bad topic!"), protocol_configuration_error,
                          rejected("topic", "Topic name 'bad topic!' contains invalid characters. "
                                            "Only alphanumeric characters, periods (.), "
                                            "underscores (_), and hyphens (-) are allowed"));
    BOOST_CHECK_EXCEPTION((void)subscribe(""), protocol_configuration_error,
                          rejected("topic", "Topic name cannot be empty"));
    BOOST_CHECK_EXCEPTION((void)subscribe(".."), protocol_configuration_error,
                          rejected("topic", "Topic name '..' is reserved and cannot be used"));
    BOOST_TEST(bus.health_check().at("subscriber_count").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(an_invalid_topic_name_fails_a_kafka_publish_even_before_start) {
    asio::io_context ioc;
    kafka_event_bus bus(ioc, mock_config("localhost:9092"), onex::event_bus::test::quiet_logger());
    diagnostics diag;
    std::optional<boost::system::error_code> result;
    bus.async_publish("bad topic!", std::nullopt, "v", event_headers{}, diag,
                      [&](boost::system::error_code ec) { result = ec; });
    BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
    BOOST_TEST(*result == make_error_code(errc::configuration));
    BOOST_TEST(diag.message == "Topic name 'bad topic!' contains invalid characters. Only "
                               "alphanumeric characters, periods (.), underscores (_), and "
                               "hyphens (-) are allowed");
    BOOST_TEST(diag.parameter == "topic");
    BOOST_TEST(diag.value == "bad topic!");
}

BOOST_AUTO_TEST_CASE(the_inmemory_bus_accepts_topic_names_that_kafka_rejects) {
    testing::bus_fixture f;
    std::vector<std::string> topics;
    auto a = f.bus.subscribe("bad topic!", "g",
                             [&](const event_message& m) { topics.emplace_back(m.topic()); });
    auto b =
        f.bus.subscribe("", "g", [&](const event_message& m) { topics.emplace_back(m.topic()); });
    f.run(f.bus.async_publish("bad topic!", std::nullopt, "v"));
    f.run(f.bus.async_publish("", std::nullopt, "v"));
    const std::vector<std::string> expected{"bad topic!", ""};
    BOOST_TEST(topics == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_blank_group_id_is_rejected_on_kafka_but_only_an_empty_one_in_memory) {
    asio::io_context ioc;
    kafka_event_bus kafka(ioc, mock_config("localhost:9092"),
                          onex::event_bus::test::quiet_logger());
    for (const std::string group : {"", " \t"}) {
        BOOST_CHECK_EXCEPTION(
            (void)kafka.subscribe("orders.events", group, [](const event_message&) {}),
            protocol_configuration_error, [&](const protocol_configuration_error& e) {
                return rejected("group_id",
                                "Consumer group ID is required for topic 'orders.events'")(e) &&
                       e.diag().value == group;
            });
    }
    testing::bus_fixture f;
    BOOST_CHECK_EXCEPTION((void)f.bus.subscribe("t", "", [](const event_message&) {}),
                          protocol_configuration_error,
                          rejected("group_id", "subscribe() requires a non-empty group_id"));
    auto blank = f.bus.subscribe("t", " ", [](const event_message&) {});
    BOOST_TEST(f.bus.subscriber_count("t") == 1u);
}

BOOST_AUTO_TEST_CASE(a_non_onex_topic_is_published_with_one_warning_per_topic) {
    std::optional<logged_kafka> f;
    {
        const scoped_env mode("ONEX_TOPIC_ENFORCEMENT_MODE", "warn"); // read at construction
        f.emplace();
    }
    f->run(f->bus.async_start());
    diagnostics diag;
    BOOST_TEST(!f->publish("orders.events", "1", diag));
    BOOST_TEST(!f->publish("orders.events", "2", diag));
    const std::vector<std::string> expected{
        "warning: Topic 'orders.events' does not match ONEX format: "
        "onex.(evt|cmd|intent|dlq).<producer>.<event-name>.v<N> (publishing anyway; "
        "ONEX_TOPIC_ENFORCEMENT_MODE=warn)"};
    BOOST_TEST(f->log.starting_with("warning: Topic '") == expected,
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reject_mode_fails_a_non_onex_topic_as_configuration) {
    std::optional<logged_kafka> f;
    {
        const scoped_env mode("ONEX_TOPIC_ENFORCEMENT_MODE", "reject");
        f.emplace();
    }
    f->cluster->create_topic("onex.evt.test.created.v1");
    f->run(f->bus.async_start());
    diagnostics diag;
    BOOST_TEST(f->publish("orders.events", "v", diag) == make_error_code(errc::configuration));
    BOOST_TEST(diag.message == "Topic 'orders.events' does not match ONEX format: "
                               "onex.(evt|cmd|intent|dlq).<producer>.<event-name>.v<N>");
    BOOST_TEST(diag.parameter == "topic");
    BOOST_TEST(diag.value == "orders.events");
    BOOST_TEST(f->bus.circuit_breaker_status().failures == 0u);
    BOOST_TEST(!f->publish("onex.evt.test.created.v1", "v", diag));
}

// ---- payloads and envelopes ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(payloads_that_are_not_json_or_not_utf8_are_delivered_unchanged) {
    const std::string not_json = "not json {";
    const std::string binary("\xff\x00\xfe", 3);
    {
        testing::bus_fixture f;
        std::vector<std::string> got;
        auto sub =
            f.bus.subscribe("t", "g", [&](const event_message& m) { got.emplace_back(m.value()); });
        event_headers h;
        h.source = "s";
        h.event_type = "e"; // content_type stays "application/json": nothing checks it
        f.run(f.bus.async_publish("t", std::nullopt, not_json, h));
        f.run(f.bus.async_publish("t", std::nullopt, binary));
        const std::vector<std::string> expected{not_json, binary};
        BOOST_TEST(got == expected, boost::test_tools::per_element());
    }
    logged_kafka f;
    std::vector<received> got;
    auto sub = f.bus.subscribe("orders.events", "raw-values",
                               [&](const event_message& m) { got.push_back(copy(m)); });
    f.run(f.bus.async_start());
    produce_raw(f.cluster->bootstrap_servers(), "orders.events", not_json,
                {{"content_type", "application/json"}, {"source", "raw"}, {"event_type", "x"}});
    f.run(f.bus.async_publish("orders.events", std::nullopt, binary));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return got.size() == 2; }));
    BOOST_TEST(got[0].value == not_json);
    BOOST_TEST(got[0].headers.content_type == "application/json");
    BOOST_TEST(got[0].headers.source == "raw");
    BOOST_TEST(got[1].value == binary);
    BOOST_TEST(f.health("dead_lettered") == 0);
}

BOOST_DATA_TEST_CASE(malformed_event_headers_json_names_the_field_and_the_rule,
                     bdata::make(headers_json_cases), c) {
    BOOST_CHECK_EXCEPTION(json::value_to<event_headers>(headers_with(c.member)),
                          std::invalid_argument, [&](const std::invalid_argument& e) {
                              BOOST_TEST_INFO("what: " << e.what());
                              return e.what() == c.message;
                          });
}

BOOST_AUTO_TEST_CASE(event_headers_json_without_a_required_field_or_object_is_rejected) {
    const auto message_of = [](const json::value& jv) -> std::string {
        try {
            (void)json::value_to<event_headers>(jv);
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
        return "no exception";
    };
    BOOST_TEST(message_of(json::parse(R"({"timestamp": "2025-01-15T12:00:00Z", "source": "s"})")) ==
               "event_headers field 'event_type' is missing");
    BOOST_TEST(message_of(json::parse("[]")) == "event_headers must be a JSON object, not array");
    BOOST_TEST(message_of(json::parse("\"h\"")) ==
               "event_headers must be a JSON object, not string");
}

BOOST_AUTO_TEST_CASE(a_kafka_envelope_that_cannot_be_serialized_fails_and_is_logged) {
    captured_log log;
    asio::io_context ioc;
    kafka_event_bus bus(ioc, mock_config("localhost:9092"), log.make(log_level::error));
    std::optional<boost::system::error_code> result;
    bus.async_publish_envelope(unconvertible{1}, "orders.events",
                               [&](boost::system::error_code ec) { result = ec; });
    BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
    BOOST_TEST(*result == make_error_code(errc::configuration)); // even though not started
    const auto lines = log.starting_with("error: Envelope is not JSON-serializable: ");
    BOOST_TEST_REQUIRE(lines.size() == 1u);
    BOOST_TEST(lines[0].starts_with(
        "error: Envelope is not JSON-serializable: cannot convert unconvertible. Ensure a "
        "boost::json::value_from conversion exists for the envelope type. Got type: "));
    BOOST_TEST(lines[0].ends_with("unconvertible"));
    BOOST_TEST(bus.circuit_breaker_status().failures == 0u);
}

// ---- headers ------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_malformed_timestamp_header_is_dead_lettered_with_the_reason) {
    logged_kafka f(with_dlq());
    std::vector<received> good, dead;
    auto sub = f.bus.subscribe("orders.events", "timestamps",
                               [&](const event_message& m) { good.push_back(copy(m)); });
    auto dlq = f.bus.subscribe("orders.dlq", "dlq-reader",
                               [&](const event_message& m) { dead.push_back(copy(m)); });
    f.run(f.bus.async_start());
    produce_raw(f.cluster->bootstrap_servers(), "orders.events", "raw",
                {{"timestamp", "yesterday"}, {"source", "s"}});
    f.run(f.bus.async_publish("orders.events", std::nullopt, "after"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return good.size() == 1 && dead.size() == 1; }));
    BOOST_TEST(good.front().value == "after");
    const auto payload = json::parse(dead.front().value).as_object();
    BOOST_TEST(payload.at("failure_reason").as_string() ==
               "deserialization_error: header 'timestamp' is not an ISO-8601 time: 'yesterday'");
    BOOST_TEST(payload.at("failure_type").as_string() == "deserialization_error");
    BOOST_TEST(payload.at("error_type").as_string() == "deserialization_error");
    BOOST_TEST(payload.at("original_message").at("value").as_string() == "raw");
    BOOST_TEST(dead.front().headers.event_type == "dlq_raw_message");
}

BOOST_AUTO_TEST_CASE(a_corrupt_message_without_a_dead_letter_topic_is_logged_and_counted) {
    logged_kafka f({}, log_level::error);
    std::vector<std::string> good;
    auto sub = f.bus.subscribe("orders.events", "decoder",
                               [&](const event_message& m) { good.emplace_back(m.value()); });
    f.run(f.bus.async_start());
    produce_raw(f.cluster->bootstrap_servers(), "orders.events", "raw", {{"source", "\xc3\x28"}});
    f.run(f.bus.async_publish("orders.events", std::nullopt, "after"));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return good.size() == 1; }));
    BOOST_TEST(good.front() == "after");
    BOOST_TEST(f.health("unhandled_without_dead_letter_topic") == 1);
    const std::vector<std::string> expected{
        "error: Consumer group 'decoder': orders.events[0]@0 could not be handled and no "
        "dead_letter_topic is configured; its offset is committed. deserialization_error: header "
        "'source' is not valid UTF-8"};
    BOOST_TEST(f.log.starting_with("error: Consumer group 'decoder'") == expected,
               boost::test_tools::per_element());
}

// Reported: the bus publishes headers its own consumers (and the peer) cannot decode.
BOOST_AUTO_TEST_CASE(headers_that_are_not_utf8_are_published_as_given_then_dead_lettered) {
    logged_kafka f(with_dlq());
    int calls = 0;
    std::vector<received> dead;
    auto sub = f.bus.subscribe("orders.events", "latin1", [&](const event_message&) { ++calls; });
    auto dlq = f.bus.subscribe("orders.dlq", "dlq-reader",
                               [&](const event_message& m) { dead.push_back(copy(m)); });
    f.run(f.bus.async_start());
    event_headers h;
    h.source = "caf\xe9"; // Latin-1
    h.event_type = "e";
    diagnostics diag;
    BOOST_TEST(!f.publish("orders.events", "v", diag, h));
    BOOST_REQUIRE(run_until(f.ioc, [&] { return dead.size() == 1; }));
    BOOST_TEST(calls == 0);
    const auto payload = json::parse(dead.front().value).as_object();
    BOOST_TEST(payload.at("failure_reason").as_string() ==
               "deserialization_error: header 'source' is not valid UTF-8");
}

// ---- handlers -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_handler_throwing_a_non_standard_exception_is_reported_as_unknown) {
    {
        std::vector<std::string> lines;
        auto o = testing::bus_fixture::default_options();
        o.circuit_breaker_threshold = 1;
        o.log = logger(log_level::warning,
                       [&](log_level, std::string_view m) { lines.emplace_back(m); });
        testing::bus_fixture f(o);
        auto sub = f.bus.subscribe("t", "g", [](const event_message&) { throw 42; });
        event_headers h;
        h.source = "s";
        h.event_type = "e";
        BOOST_CHECK_NO_THROW(f.run(f.bus.async_publish("t", std::nullopt, "v", h)));
        BOOST_CHECK_NO_THROW(f.run(f.bus.async_publish("t", std::nullopt, "v", h)));
        const std::vector<std::string> expected{
            "Subscriber group 'g' failed on topic 't' offset 0 (correlation_id " +
                boost::uuids::to_string(h.correlation_id) +
                ", consecutive failures 1): unknown exception",
            "Circuit open for subscriber group 'g' on topic 't'; skipping offset 1"};
        BOOST_TEST(lines == expected, boost::test_tools::per_element());
    }
    logged_kafka f(with_dlq());
    std::vector<received> dead;
    auto sub =
        f.bus.subscribe("orders.events", "throws-int", [](const event_message&) { throw 42; });
    auto dlq = f.bus.subscribe("orders.dlq", "dlq-reader",
                               [&](const event_message& m) { dead.push_back(copy(m)); });
    f.run(f.bus.async_start());
    event_headers h = no_retry_headers();
    h.max_retries = 1;
    f.run(f.bus.async_publish("orders.events", std::nullopt, "v", h));
    // The reader can fetch the record before the delivery report (and its log line) arrives.
    BOOST_REQUIRE(run_until(f.ioc, [&] {
        return dead.size() == 1 &&
               !f.log.starting_with("warning: Consumer group 'throws-int'").empty();
    }));
    const auto payload = json::parse(dead.front().value).as_object();
    BOOST_TEST(payload.at("error_type").as_string() == "unknown");
    BOOST_TEST(payload.at("failure_reason").as_string() == "unknown: a non-standard exception");
    const std::vector<std::string> expected{
        "warning: Handler of group 'throws-int' failed on orders.events[0]@0 (attempt 1/2): "
        "unknown: a non-standard exception",
        "warning: Consumer group 'throws-int': orders.events[0]@0 dead-lettered to orders.dlq "
        "(unknown)"};
    std::vector<std::string> lines = f.log.starting_with("warning: Handler of group");
    const auto dead_lettered = f.log.starting_with("warning: Consumer group 'throws-int'");
    lines.insert(lines.end(), dead_lettered.begin(), dead_lettered.end());
    BOOST_TEST(lines == expected, boost::test_tools::per_element());
}

// ---- lifecycle and broker -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(kafka_publish_before_start_while_closing_and_after_close_is_unavailable) {
    logged_kafka f;
    diagnostics diag;
    BOOST_TEST(f.publish("orders.events", "early", diag) == make_error_code(errc::unavailable));
    BOOST_TEST(diag.message == "Event bus not started. Call start() first.");
    BOOST_TEST(diag.topic == "orders.events");
    f.run(f.bus.async_start());

    std::optional<boost::system::error_code> closed, during;
    diagnostics during_diag;
    f.bus.async_close([&](boost::system::error_code ec) { closed = ec; });
    f.bus.async_publish("orders.events", std::nullopt, "during", event_headers{}, during_diag,
                        [&](boost::system::error_code ec) { during = ec; });
    BOOST_REQUIRE(run_until(f.ioc, [&] { return closed && during; }));
    BOOST_TEST(*during == make_error_code(errc::unavailable));
    BOOST_TEST(during_diag.message == "Kafka event bus is shutting down");

    BOOST_TEST(f.publish("orders.events", "late", diag) == make_error_code(errc::unavailable));
    BOOST_TEST(diag.message == "Event bus not started. Call start() first.");
}

BOOST_AUTO_TEST_CASE(inmemory_publish_after_close_is_unavailable_with_the_reason) {
    testing::bus_fixture f;
    f.run(f.bus.async_close());
    diagnostics diag;
    std::optional<boost::system::error_code> result;
    f.bus.async_publish("t", std::nullopt, "v", event_headers{}, diag,
                        [&](boost::system::error_code ec) { result = ec; });
    BOOST_REQUIRE(run_until(f.ioc, [&] { return result.has_value(); }));
    BOOST_TEST(*result == make_error_code(errc::unavailable));
    BOOST_TEST(diag.message == "Event bus not started. Call start() first.");
    BOOST_TEST(f.bus.topic_offset("t") == 0u);
}

BOOST_AUTO_TEST_CASE(a_publish_to_a_silent_broker_times_out_naming_the_attempts) {
    logged_kafka f([](kafka_config& c) {
        c.timeout_seconds = 1;
        c.max_retry_attempts = 1;
    });
    f.run(f.bus.async_start());
    rd_kafka_mock_broker_set_down(f.cluster->get(), 1);
    diagnostics diag;
    BOOST_TEST(f.publish("orders.events", "v", diag) == make_error_code(errc::timeout));
    BOOST_TEST(diag.message == "Timeout publishing to topic orders.events after 2 attempts");
    BOOST_TEST((diag.attempts == std::optional<std::uint32_t>(2)));
    const std::vector<std::string> expected{
        "warning: Publish attempt 1/2 to topic orders.events failed: _MSG_TIMED_OUT",
        "warning: Publish attempt 2/2 to topic orders.events failed: _MSG_TIMED_OUT"};
    BOOST_TEST(f.log.starting_with("warning: Publish attempt") == expected,
               boost::test_tools::per_element());
    rd_kafka_mock_broker_set_up(f.cluster->get(), 1);
}

BOOST_AUTO_TEST_CASE(a_start_while_the_circuit_is_open_fails_fast_with_retry_after) {
    asio::io_context ioc;
    auto cfg = mock_config("127.0.0.1:1");
    cfg.timeout_seconds = 1;
    cfg.circuit_breaker_threshold = 1;
    cfg.circuit_breaker_reset_timeout = 60;
    kafka_event_bus bus(ioc, cfg, std::make_shared<logger>(logger::silent()));
    const auto start = [&](diagnostics& diag) {
        std::optional<boost::system::error_code> result;
        bus.async_start(diag, [&](boost::system::error_code ec) { result = ec; });
        BOOST_REQUIRE(run_until(ioc, [&] { return result.has_value(); }));
        return *result;
    };
    diagnostics first;
    BOOST_TEST(start(first) == make_error_code(errc::connection_failed));
    diagnostics second;
    BOOST_TEST(start(second) == make_error_code(errc::unavailable));
    BOOST_TEST(second.message == "Circuit breaker is open - kafka.test temporarily unavailable");
    BOOST_TEST((second.circuit_state == circuit_state::open));
    BOOST_TEST_REQUIRE(second.retry_after.has_value());
    BOOST_TEST(second.retry_after->count() <= 60);
    BOOST_TEST(bus.circuit_breaker_status().state == circuit_state::open);
}

BOOST_AUTO_TEST_SUITE_END()
