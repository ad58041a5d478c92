// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// The rows of the README's "Bad input" table that no other suite covers and that need no broker:
// what a user gets for each bad input, exactly (those that need a broker are in
// test/integration/test_bad_input_kafka.cpp). The table names its tests; the `bad_input_table`
// ctest checks they exist.

#include "bus_test.hpp"
#include "captured_log.hpp"
#include "config_test.hpp"
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

using namespace bus_test;
using onex::event_bus::test::captured_log;
namespace bdata = boost::unit_test::data;
using config_test::fake_env;
using config_test::rejected;
using config_test::variables;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace bad_input_test {

// ---- helpers ------------------------------------------------------------------------------------

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
    BOOST_TEST(bus.health().subscriber_count == 0u);
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

// ---- payloads and envelopes ---------------------------------------------------------------------

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

// ---- lifecycle ----------------------------------------------------------------------------------

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

BOOST_AUTO_TEST_SUITE_END()
