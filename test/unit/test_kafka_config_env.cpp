// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "config_test.hpp"
#include "scoped_env.hpp"

#include <onex/event_bus/kafka_config.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using config_test::fake_env;
using config_test::rejected;
using config_test::variables;
using onex::event_bus::acks_policy;
using onex::event_bus::env_lookup;
using onex::event_bus::kafka_config;
using onex::event_bus::protocol_configuration_error;

namespace test_kafka_config_env {

kafka_config applied(const variables& vars) {
    kafka_config config;
    config.apply_env(fake_env(vars));
    return config;
}

// One variable, its value, and the field change it must make (and no other).
struct variable_case {
    std::string name;
    std::string value;
    std::function<void(kafka_config&)> expected_change;
};

std::ostream& operator<<(std::ostream& os, const variable_case& c) {
    return os << c.name << "=" << c.value;
}

const std::vector<variable_case> variable_cases = {
    {"KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
     [](kafka_config& c) { c.bootstrap_servers = "k1:9092,k2:9092"; }},
    {"KAFKA_API_VERSION", "2.8.0", [](kafka_config& c) { c.api_version = "2.8.0"; }},
    {"KAFKA_ENVIRONMENT", "prod", [](kafka_config& c) { c.environment = "prod"; }},
    {"KAFKA_GROUP", "order-service", [](kafka_config& c) { c.group = "order-service"; }},
    {"KAFKA_TIMEOUT_SECONDS", "60", [](kafka_config& c) { c.timeout_seconds = 60; }},
    {"KAFKA_MAX_RETRY_ATTEMPTS", "5", [](kafka_config& c) { c.max_retry_attempts = 5; }},
    {"KAFKA_RETRY_BACKOFF_BASE", "2.5", [](kafka_config& c) { c.retry_backoff_base = 2.5; }},
    {"KAFKA_MAX_HANDLER_RETRIES", "12", [](kafka_config& c) { c.max_handler_retries = 12; }},
    {"KAFKA_CIRCUIT_BREAKER_THRESHOLD", "10",
     [](kafka_config& c) { c.circuit_breaker_threshold = 10; }},
    {"KAFKA_CIRCUIT_BREAKER_RESET_TIMEOUT", "120",
     [](kafka_config& c) { c.circuit_breaker_reset_timeout = 120.0; }},
    {"KAFKA_CONSUMER_SLEEP_INTERVAL", "0.25",
     [](kafka_config& c) { c.consumer_sleep_interval = 0.25; }},
    {"KAFKA_ACKS", "1", [](kafka_config& c) { c.acks = acks_policy::leader; }},
    {"KAFKA_ENABLE_IDEMPOTENCE", "false", [](kafka_config& c) { c.enable_idempotence = false; }},
    {"KAFKA_MAX_REQUEST_SIZE", "1048576", [](kafka_config& c) { c.max_request_size = 1048576; }},
    {"KAFKA_AUTO_OFFSET_RESET", "earliest",
     [](kafka_config& c) { c.auto_offset_reset = "earliest"; }},
    {"KAFKA_ENABLE_AUTO_COMMIT", "off", [](kafka_config& c) { c.enable_auto_commit = false; }},
    {"KAFKA_SESSION_TIMEOUT_MS", "30000", [](kafka_config& c) { c.session_timeout_ms = 30000; }},
    {"KAFKA_HEARTBEAT_INTERVAL_MS", "5000",
     [](kafka_config& c) { c.heartbeat_interval_ms = 5000; }},
    {"KAFKA_MAX_POLL_INTERVAL_MS", "600000",
     [](kafka_config& c) { c.max_poll_interval_ms = 600000; }},
    {"KAFKA_DEAD_LETTER_TOPIC", "prod.dlq.events.v1",
     [](kafka_config& c) { c.dead_letter_topic = "prod.dlq.events.v1"; }},
    {"KAFKA_INSTANCE_ID", "worker-2", [](kafka_config& c) { c.instance_id = "worker-2"; }},
    {"KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
     [](kafka_config& c) { c.security_protocol = "SASL_SSL"; }},
    {"KAFKA_SASL_MECHANISM", "OAUTHBEARER",
     [](kafka_config& c) { c.sasl_mechanism = "OAUTHBEARER"; }},
    {"KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL", "https://idp/token",
     [](kafka_config& c) { c.sasl_oauthbearer_token_endpoint_url = "https://idp/token"; }},
    {"KAFKA_SASL_OAUTHBEARER_CLIENT_ID", "client",
     [](kafka_config& c) { c.sasl_oauthbearer_client_id = "client"; }},
    {"KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET", "s3cret",
     [](kafka_config& c) { c.sasl_oauthbearer_client_secret = "s3cret"; }},
    {"KAFKA_SSL_CA_FILE", "/etc/ca.pem", [](kafka_config& c) { c.ssl_ca_file = "/etc/ca.pem"; }},
    {"KAFKA_RECONNECT_BACKOFF_MS", "500", [](kafka_config& c) { c.reconnect_backoff_ms = 500; }},
    {"KAFKA_RECONNECT_BACKOFF_MAX_MS", "60000",
     [](kafka_config& c) { c.reconnect_backoff_max_ms = 60000; }},
};

struct bad_value_case {
    std::string name;
    std::string value;
    std::string expected; // the sentence after "Invalid value for environment variable X='v'. "
};

std::ostream& operator<<(std::ostream& os, const bad_value_case& c) {
    return os << c.name << "='" << c.value << "'";
}

const std::string an_integer = "Expected an integer";
const std::string a_number = "Expected a number";
const std::string a_boolean = "Valid values are: true, false, 1, 0, yes, no, on, off (any case)";
const std::string an_acks = "Valid values are: all, 0, 1, -1";

const std::vector<bad_value_case> bad_value_cases = {
    {"KAFKA_TIMEOUT_SECONDS", "30s", an_integer},
    {"KAFKA_TIMEOUT_SECONDS", "thirty", an_integer},
    {"KAFKA_TIMEOUT_SECONDS", "1.5", an_integer},
    {"KAFKA_TIMEOUT_SECONDS", "99999999999", an_integer},
    {"KAFKA_TIMEOUT_SECONDS", "0x10", an_integer},
    {"KAFKA_TIMEOUT_SECONDS", "3 0", an_integer},
    {"KAFKA_MAX_RETRY_ATTEMPTS", "++1", an_integer},
    {"KAFKA_CIRCUIT_BREAKER_THRESHOLD", "5,0", an_integer},
    {"KAFKA_MAX_REQUEST_SIZE", "4MB", an_integer},
    {"KAFKA_SESSION_TIMEOUT_MS", "-", an_integer},
    {"KAFKA_HEARTBEAT_INTERVAL_MS", "1e3", an_integer},
    {"KAFKA_MAX_POLL_INTERVAL_MS", "-2147483649", an_integer},
    {"KAFKA_RECONNECT_BACKOFF_MS", "2000ms", an_integer},
    {"KAFKA_RECONNECT_BACKOFF_MAX_MS", "max", an_integer},
    {"KAFKA_RETRY_BACKOFF_BASE", "1.0s", a_number},
    {"KAFKA_RETRY_BACKOFF_BASE", "nan", a_number},
    {"KAFKA_CIRCUIT_BREAKER_RESET_TIMEOUT", "inf", a_number},
    {"KAFKA_CIRCUIT_BREAKER_RESET_TIMEOUT", "1e999", a_number},
    {"KAFKA_CONSUMER_SLEEP_INTERVAL", "0,1", a_number},
    {"KAFKA_ENABLE_IDEMPOTENCE", "maybe", a_boolean},
    {"KAFKA_ENABLE_IDEMPOTENCE", "2", a_boolean},
    {"KAFKA_ENABLE_AUTO_COMMIT", "y", a_boolean},
    {"KAFKA_ENABLE_AUTO_COMMIT", "truee", a_boolean},
    {"KAFKA_ACKS", "ALL", an_acks},
    {"KAFKA_ACKS", "2", an_acks},
    {"KAFKA_ACKS", "none", an_acks},
    {"KAFKA_ACKS", "leader", an_acks},
};

struct bool_case {
    std::string text;
    bool value;
};

std::ostream& operator<<(std::ostream& os, const bool_case& c) {
    return os << c.text;
}

const std::vector<bool_case> bool_cases = {
    {"true", true}, {"TRUE", true}, {"1", true},      {"yes", true},    {"Yes", true},
    {"on", true},   {"ON", true},   {"false", false}, {"False", false}, {"0", false},
    {"no", false},  {"NO", false},  {"off", false},   {"Off", false},
};

using onex::event_bus::test::scoped_env;

} // namespace test_kafka_config_env

BOOST_AUTO_TEST_SUITE(test_kafka_config_env)

BOOST_AUTO_TEST_CASE(no_variables_give_the_defaults) {
    BOOST_TEST((kafka_config::from_env(fake_env({})) == kafka_config{}));
}

BOOST_DATA_TEST_CASE(each_variable_sets_its_field_only, bdata::make(variable_cases), row) {
    kafka_config expected;
    row.expected_change(expected);
    BOOST_TEST((applied({{row.name, row.value}}) == expected));
}

BOOST_AUTO_TEST_CASE(exactly_the_documented_variables_are_read) {
    std::set<std::string> asked;
    kafka_config config;
    config.apply_env([&](std::string_view name) -> std::optional<std::string> {
        asked.emplace(name);
        return std::nullopt;
    });
    std::set<std::string> expected;
    for (const auto& row : variable_cases)
        expected.insert(row.name);
    BOOST_TEST(asked == expected, boost::test_tools::per_element());
    // The Python services' 28 minus KAFKA_MSK_REGION, plus KAFKA_GROUP and
    // KAFKA_MAX_HANDLER_RETRIES.
    BOOST_TEST(asked.size() == 29u);
}

BOOST_AUTO_TEST_CASE(all_variables_together_make_a_valid_config) {
    variables all;
    for (const auto& row : variable_cases)
        all[row.name] = row.value;
    const auto config = kafka_config::from_env(fake_env(all));
    BOOST_TEST(config.timeout_seconds == 60);
    BOOST_TEST(*config.sasl_mechanism == "OAUTHBEARER");
    BOOST_TEST(*config.sasl_oauthbearer_client_secret == "s3cret");
}

BOOST_DATA_TEST_CASE(unparsable_values_are_errors_naming_the_variable, bdata::make(bad_value_cases),
                     row) {
    BOOST_CHECK_EXCEPTION(applied({{row.name, row.value}}), protocol_configuration_error,
                          rejected(row.name, "Invalid value for environment variable " + row.name +
                                                 "='" + row.value + "'. " + row.expected));
}

BOOST_AUTO_TEST_CASE(kafka_acks_error_matches_the_peer) {
    BOOST_CHECK_EXCEPTION(applied({{"KAFKA_ACKS", "ALL"}}), protocol_configuration_error,
                          rejected("KAFKA_ACKS",
                                   "Invalid value for environment variable KAFKA_ACKS='ALL'. Valid "
                                   "values are: all, 0, 1, -1"));
}

BOOST_DATA_TEST_CASE(kafka_acks_accepts_the_four_forms,
                     bdata::make({"all", "-1", "1", "0"}) ^
                         bdata::make({acks_policy::all, acks_policy::all, acks_policy::leader,
                                      acks_policy::none}),
                     text, acks) {
    BOOST_TEST((applied({{"KAFKA_ACKS", text}}).acks == acks));
}

BOOST_DATA_TEST_CASE(booleans_accept_the_usual_words_in_any_case, bdata::make(bool_cases), row) {
    const auto config =
        applied({{"KAFKA_ENABLE_IDEMPOTENCE", row.text}, {"KAFKA_ENABLE_AUTO_COMMIT", row.text}});
    BOOST_TEST(config.enable_idempotence == row.value);
    BOOST_TEST(config.enable_auto_commit == row.value);
}

BOOST_AUTO_TEST_CASE(numbers_may_carry_a_sign_and_surrounding_spaces) {
    const auto config = applied({{"KAFKA_TIMEOUT_SECONDS", " 45 "},
                                 {"KAFKA_MAX_RETRY_ATTEMPTS", "+7"},
                                 {"KAFKA_RETRY_BACKOFF_BASE", "\t.5\n"},
                                 {"KAFKA_CONSUMER_SLEEP_INTERVAL", "1e-2"}});
    BOOST_TEST(config.timeout_seconds == 45);
    BOOST_TEST(config.max_retry_attempts == 7);
    BOOST_TEST(config.retry_backoff_base == 0.5);
    BOOST_TEST(config.consumer_sleep_interval == 0.01);
}

BOOST_AUTO_TEST_CASE(strings_are_trimmed) {
    const auto config =
        applied({{"KAFKA_ENVIRONMENT", "  prod "}, {"KAFKA_DEAD_LETTER_TOPIC", " dlq\n"}});
    BOOST_TEST(config.environment == "prod");
    BOOST_TEST(*config.dead_letter_topic == "dlq");
}

BOOST_DATA_TEST_CASE(empty_or_blank_variables_count_as_unset, bdata::make({"", "   "}), blank) {
    kafka_config before;
    before.timeout_seconds = 99;
    before.dead_letter_topic = "kept";
    kafka_config after = before;
    after.apply_env(fake_env({{"KAFKA_TIMEOUT_SECONDS", blank},
                              {"KAFKA_DEAD_LETTER_TOPIC", blank},
                              {"KAFKA_ACKS", blank},
                              {"KAFKA_ENABLE_IDEMPOTENCE", blank}}));
    BOOST_TEST((after == before));
}

BOOST_AUTO_TEST_CASE(variables_override_fields_already_set) {
    kafka_config config;
    config.timeout_seconds = 10;
    config.group = "from-code";
    config.apply_env(fake_env({{"KAFKA_TIMEOUT_SECONDS", "20"}}));
    BOOST_TEST(config.timeout_seconds == 20);
    BOOST_TEST(config.group == "from-code");
}

BOOST_AUTO_TEST_CASE(a_bad_variable_leaves_the_config_unchanged) {
    kafka_config config;
    config.group = "before";
    const kafka_config before = config;
    BOOST_CHECK_THROW(config.apply_env(fake_env({{"KAFKA_GROUP", "after"},
                                                 {"KAFKA_TIMEOUT_SECONDS", "60"},
                                                 {"KAFKA_SESSION_TIMEOUT_MS", "soon"}})),
                      protocol_configuration_error);
    BOOST_TEST((config == before));
}

BOOST_AUTO_TEST_CASE(from_env_validates_the_result) {
    BOOST_CHECK_EXCEPTION(
        kafka_config::from_env(fake_env({{"KAFKA_TIMEOUT_SECONDS", "0"}})),
        protocol_configuration_error,
        rejected("timeout_seconds", "timeout_seconds=0 is out of range [1, 300]"));
    BOOST_CHECK_EXCEPTION(
        kafka_config::from_env(fake_env({{"KAFKA_ACKS", "1"}})), protocol_configuration_error,
        rejected("acks", "enable_idempotence=true requires acks='all', got acks='1'"));
}

BOOST_AUTO_TEST_CASE(apply_env_does_not_validate) {
    kafka_config config;
    BOOST_CHECK_NO_THROW(config.apply_env(fake_env({{"KAFKA_TIMEOUT_SECONDS", "0"}})));
    BOOST_TEST(config.timeout_seconds == 0);
}

BOOST_AUTO_TEST_CASE(from_env_without_lookup_reads_the_process_environment) {
    const scoped_env group("KAFKA_GROUP", "from-process-env");
    BOOST_TEST(kafka_config::from_env().group == "from-process-env");
}

BOOST_AUTO_TEST_SUITE_END()
