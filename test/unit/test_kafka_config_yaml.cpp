// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "config_test.hpp"
#include "test_paths.hpp"

#include <onex/event_bus/kafka_config.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace bdata = boost::unit_test::data;
using config_test::fake_env;
using config_test::rejected;
using config_test::variables;
namespace fs = std::filesystem;
using onex::event_bus::acks_policy;
using onex::event_bus::client_kind;
using onex::event_bus::env_lookup;
using onex::event_bus::kafka_config;
using onex::event_bus::protocol_configuration_error;

namespace test_kafka_config_yaml {

kafka_config load(std::string_view text, variables vars = {}) {
    return kafka_config::from_yaml_string(text, "t.yaml", fake_env(std::move(vars)));
}

// A file in the temporary directory, removed at the end of the scope.
class temp_file {
public:
    explicit temp_file(std::string_view content) {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() / ("onex_kafka_config_" + std::to_string(::getpid()) +
                                             "_" + std::to_string(counter++) + ".yaml");
        std::ofstream(path_, std::ios::binary) << content;
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    ~temp_file() {
        std::error_code ignored;
        fs::remove(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

const char* const every_key = R"(
bootstrap_servers: "k1:9092,k2:9092"
api_version: "2.8.0"
environment: staging
group: order-service
timeout_seconds: 60
max_retry_attempts: 5
retry_backoff_base: 2.5
max_handler_retries: 7
circuit_breaker_threshold: 10
circuit_breaker_reset_timeout: 120
consumer_sleep_interval: 0.5
consumer_start_concurrency: 8
consumer_start_max_retries: 1
acks: "all"
enable_idempotence: false
max_request_size: 1048576
auto_offset_reset: earliest
enable_auto_commit: false
session_timeout_ms: 30000
heartbeat_interval_ms: 5000
max_poll_interval_ms: 600000
dead_letter_topic: staging.dlq.events.v1
security_protocol: SASL_SSL
sasl_mechanism: OAUTHBEARER
sasl_oauthbearer_token_endpoint_url: https://idp.example/token
sasl_oauthbearer_client_id: client
sasl_oauthbearer_client_secret: secret
ssl_ca_file: /etc/ssl/ca.pem
reconnect_backoff_ms: 500
reconnect_backoff_max_ms: 60000
instance_id: worker-2
group_instance_id: order-service-host1
librdkafka:
  compression.type: lz4
  linger.ms: 5
  enable.ssl.certificate.verification: false
)";

kafka_config every_key_expected() {
    kafka_config c;
    c.bootstrap_servers = "k1:9092,k2:9092";
    c.api_version = "2.8.0";
    c.environment = "staging";
    c.group = "order-service";
    c.timeout_seconds = 60;
    c.max_retry_attempts = 5;
    c.retry_backoff_base = 2.5;
    c.max_handler_retries = 7;
    c.circuit_breaker_threshold = 10;
    c.circuit_breaker_reset_timeout = 120.0;
    c.consumer_sleep_interval = 0.5;
    c.consumer_start_concurrency = 8;
    c.consumer_start_max_retries = 1;
    c.acks = acks_policy::all;
    c.enable_idempotence = false;
    c.max_request_size = 1048576;
    c.auto_offset_reset = "earliest";
    c.enable_auto_commit = false;
    c.session_timeout_ms = 30000;
    c.heartbeat_interval_ms = 5000;
    c.max_poll_interval_ms = 600000;
    c.dead_letter_topic = "staging.dlq.events.v1";
    c.security_protocol = "SASL_SSL";
    c.sasl_mechanism = "OAUTHBEARER";
    c.sasl_oauthbearer_token_endpoint_url = "https://idp.example/token";
    c.sasl_oauthbearer_client_id = "client";
    c.sasl_oauthbearer_client_secret = "secret";
    c.ssl_ca_file = "/etc/ssl/ca.pem";
    c.reconnect_backoff_ms = 500;
    c.reconnect_backoff_max_ms = 60000;
    c.instance_id = "worker-2";
    c.group_instance_id = "order-service-host1";
    c.librdkafka = {{"compression.type", "lz4"},
                    {"linger.ms", "5"},
                    {"enable.ssl.certificate.verification", "false"}};
    return c;
}

struct wrong_type_case {
    std::string line; // becomes line 2 of the document
    std::string parameter;
    std::string message_tail; // after "Invalid value for '<parameter>' at line 2 in t.yaml: "
};

std::ostream& operator<<(std::ostream& os, const wrong_type_case& c) {
    return os << c.line;
}

const std::vector<wrong_type_case> wrong_type_cases = {
    {"timeout_seconds: abc", "timeout_seconds", "got 'abc'. Expected an integer"},
    {"timeout_seconds: 1.5", "timeout_seconds", "got '1.5'. Expected an integer"},
    {"timeout_seconds: 30s", "timeout_seconds", "got '30s'. Expected an integer"},
    {"timeout_seconds: [1]", "timeout_seconds", "got a sequence. Expected an integer"},
    {"timeout_seconds:", "timeout_seconds", "got null. Expected an integer"},
    {"max_request_size: 1e6", "max_request_size", "got '1e6'. Expected an integer"},
    {"retry_backoff_base: fast", "retry_backoff_base", "got 'fast'. Expected a number"},
    {"circuit_breaker_reset_timeout: .inf", "circuit_breaker_reset_timeout",
     "got '.inf'. Expected a number"},
    {"enable_idempotence: maybe", "enable_idempotence",
     "got 'maybe'. Valid values are: true, false, 1, 0, yes, no, on, off (any case)"},
    {"enable_auto_commit: {a: 1}", "enable_auto_commit",
     "got a mapping. Valid values are: true, false, 1, 0, yes, no, on, off (any case)"},
    {"acks: ALL", "acks", "got 'ALL'. Valid values are: all, 0, 1, -1"},
    {"acks: 2", "acks", "got '2'. Valid values are: all, 0, 1, -1"},
    {"environment: {name: prod}", "environment", "got a mapping. Expected a string"},
    {"group: ~", "group", "got null. Expected a string"},
    {"dead_letter_topic: [a, b]", "dead_letter_topic", "got a sequence. Expected a string"},
    {"librdkafka: [debug]", "librdkafka",
     "got a sequence. Expected a mapping of librdkafka property names to scalar values"},
    {"librdkafka: all", "librdkafka",
     "got 'all'. Expected a mapping of librdkafka property names to scalar values"},
};

struct syntax_case {
    std::string text;
    std::string message;
};

std::ostream& operator<<(std::ostream& os, const syntax_case& c) {
    return os << c.text;
}

const std::vector<syntax_case> syntax_cases = {
    {"timeout_seconds: 30\nenvironment: dev: x\n",
     "Failed to parse YAML from t.yaml: illegal map value at line 2, column 17"},
    {"timeout_seconds: 30\ngroup: [a, b\n",
     "Failed to parse YAML from t.yaml: end of sequence flow not found at line 3, column 1"},
    {"timeout_seconds: 30\n- item\n",
     "Failed to parse YAML from t.yaml: end of map not found at line 2, column 1"},
};

} // namespace test_kafka_config_yaml

BOOST_AUTO_TEST_SUITE(test_kafka_config_yaml)

BOOST_AUTO_TEST_CASE(every_shipped_config_loads_and_validates) {
    std::vector<std::string> loaded;
    for (const auto& entry : fs::directory_iterator(onex::test::config_dir())) {
        if (entry.path().extension() != ".yaml")
            continue; // docker-compose.kafka.yml is no bus configuration
        BOOST_TEST_CONTEXT(entry.path().filename()) {
            BOOST_CHECK_NO_THROW(kafka_config::from_yaml(entry.path(), fake_env()));
        }
        loaded.push_back(entry.path().filename().string());
    }
    std::sort(loaded.begin(), loaded.end());
    BOOST_TEST(loaded == (std::vector<std::string>{"dev.yaml", "kafka_config.yaml", "prod.yaml",
                                                   "test.yaml"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(dev_config_targets_a_local_broker) {
    const auto config = kafka_config::from_yaml(onex::test::config_dir() / "dev.yaml", fake_env());
    BOOST_TEST(config.bootstrap_servers == "localhost:9092");
    BOOST_TEST(config.environment == "dev");
    BOOST_TEST(config.auto_offset_reset == "earliest");
}

BOOST_AUTO_TEST_CASE(prod_config_is_the_guides_high_availability_block) {
    kafka_config expected;
    expected.bootstrap_servers = "kafka1:9092,kafka2:9092,kafka3:9092";
    expected.environment = "prod";
    expected.acks = acks_policy::all;
    expected.enable_idempotence = true;
    expected.circuit_breaker_threshold = 10;
    expected.circuit_breaker_reset_timeout = 120.0;
    expected.max_retry_attempts = 5;
    expected.dead_letter_topic = "onex.dlq.events.v1";
    const auto config = kafka_config::from_yaml(onex::test::config_dir() / "prod.yaml", fake_env());
    BOOST_TEST((config == expected));
}

BOOST_AUTO_TEST_CASE(test_config_has_fast_timeouts) {
    const auto config = kafka_config::from_yaml(onex::test::config_dir() / "test.yaml", fake_env());
    BOOST_TEST(config.environment == "test");
    BOOST_TEST(config.session_timeout_ms == 6000);
    BOOST_TEST(config.heartbeat_interval_ms == 2000);
    BOOST_TEST(config.timeout_seconds <= 5);
    BOOST_TEST(config.circuit_breaker_reset_timeout < 1.0);
    BOOST_TEST(config.consumer_sleep_interval < kafka_config{}.consumer_sleep_interval);
}

BOOST_AUTO_TEST_CASE(from_yaml_without_lookup_reads_the_process_environment) {
    const auto path = onex::test::config_dir() / "dev.yaml";
    const env_lookup getenv_lookup = [](std::string_view name) -> std::optional<std::string> {
        if (const char* value = std::getenv(std::string(name).c_str()))
            return value;
        return std::nullopt;
    };
    BOOST_TEST((kafka_config::from_yaml(path) == kafka_config::from_yaml(path, getenv_lookup)));
}

BOOST_AUTO_TEST_CASE(every_key_sets_the_field_of_the_same_name) {
    BOOST_TEST((load(every_key) == every_key_expected()));
}

BOOST_AUTO_TEST_CASE(the_guides_yaml_example_loads) {
    const auto config =
        kafka_config::from_yaml(onex::test::config_dir() / "kafka_config.yaml", fake_env());
    kafka_config expected;
    expected.bootstrap_servers = "kafka:9092";
    expected.environment = "prod";
    expected.group = "order-service";
    expected.timeout_seconds = 60;
    expected.max_retry_attempts = 5;
    expected.retry_backoff_base = 2.0;
    expected.circuit_breaker_threshold = 10;
    expected.circuit_breaker_reset_timeout = 60.0;
    expected.acks = acks_policy::all;
    expected.enable_idempotence = true;
    expected.auto_offset_reset = "earliest";
    expected.enable_auto_commit = true;
    expected.dead_letter_topic = "dlq-events";
    BOOST_TEST((config == expected));
}

BOOST_AUTO_TEST_CASE(numbers_may_be_quoted_and_acks_unquoted) {
    const auto config = load("timeout_seconds: \"45\"\nacks: 1\nenable_idempotence: no\n");
    BOOST_TEST(config.timeout_seconds == 45);
    BOOST_TEST((config.acks == acks_policy::leader));
    BOOST_TEST(!config.enable_idempotence);
    BOOST_TEST((load("acks: 0\nenable_idempotence: off\n").acks == acks_policy::none));
    BOOST_TEST((load("acks: -1\n").acks == acks_policy::all));
}

BOOST_AUTO_TEST_CASE(environment_beats_yaml_which_beats_defaults) {
    const auto config = load("timeout_seconds: 60\ngroup: from-yaml\n",
                             {{"KAFKA_TIMEOUT_SECONDS", "90"}, {"KAFKA_ENVIRONMENT", "from-env"}});
    BOOST_TEST(config.timeout_seconds == 90);     // env over YAML
    BOOST_TEST(config.group == "from-yaml");      // YAML over default
    BOOST_TEST(config.environment == "from-env"); // env over default
    BOOST_TEST(config.max_retry_attempts == 3);   // default
    BOOST_TEST(config.bootstrap_servers == "localhost:9092");
}

BOOST_AUTO_TEST_CASE(a_bad_environment_variable_fails_the_yaml_load) {
    BOOST_CHECK_EXCEPTION(
        load("timeout_seconds: 60\n", {{"KAFKA_TIMEOUT_SECONDS", "60s"}}),
        protocol_configuration_error,
        rejected("KAFKA_TIMEOUT_SECONDS",
                 "Invalid value for environment variable KAFKA_TIMEOUT_SECONDS='60s'. Expected "
                 "an integer"));
}

BOOST_DATA_TEST_CASE(empty_documents_give_the_defaults,
                     bdata::make({"", "\n\n", "# only a comment\n", "---\n", "~\n"}), text) {
    BOOST_TEST((load(text) == kafka_config{}));
    BOOST_TEST(load(text, {{"KAFKA_GROUP", "g"}}).group == "g");
}

BOOST_AUTO_TEST_CASE(an_empty_file_gives_the_defaults) {
    const temp_file file("");
    BOOST_TEST((kafka_config::from_yaml(file.path(), fake_env()) == kafka_config{}));
}

BOOST_AUTO_TEST_CASE(a_file_is_read_from_disk) {
    const temp_file file(every_key);
    BOOST_TEST((kafka_config::from_yaml(file.path(), fake_env()) == every_key_expected()));
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_named) {
    const auto path = fs::temp_directory_path() / "onex_kafka_config_does_not_exist.yaml";
    BOOST_CHECK_EXCEPTION(kafka_config::from_yaml(path, fake_env()), protocol_configuration_error,
                          rejected("", "Configuration file not found: " + path.string()));
}

BOOST_AUTO_TEST_CASE(a_directory_is_not_readable_as_a_file) {
    const auto path = onex::test::config_dir();
    BOOST_CHECK_EXCEPTION(kafka_config::from_yaml(path, fake_env()), protocol_configuration_error,
                          rejected("", "Failed to read configuration file: " + path.string() +
                                           ": not a regular file"));
}

BOOST_DATA_TEST_CASE(syntax_errors_give_line_and_column, bdata::make(syntax_cases), row) {
    BOOST_CHECK_EXCEPTION(load(row.text), protocol_configuration_error, rejected("", row.message));
}

BOOST_AUTO_TEST_CASE(syntax_errors_in_a_file_name_the_file) {
    const temp_file file("a: [\n");
    try {
        kafka_config::from_yaml(file.path(), fake_env());
        BOOST_FAIL("no exception");
    } catch (const protocol_configuration_error& e) {
        const std::string prefix = "Failed to parse YAML from " + file.path().string() + ": ";
        BOOST_TEST(e.diag().message.starts_with(prefix));
        BOOST_TEST(e.diag().message.find(" at line ") != std::string::npos);
    }
}

BOOST_DATA_TEST_CASE(the_document_must_be_a_mapping,
                     bdata::make({"- a\n- b\n", "just text\n", "42\n"}) ^
                         bdata::make({"a sequence", "a scalar", "a scalar"}),
                     text, kind) {
    BOOST_CHECK_EXCEPTION(
        load(text), protocol_configuration_error,
        rejected("", "YAML content must be a mapping, got " + std::string(kind) + ": t.yaml"));
}

BOOST_AUTO_TEST_CASE(several_documents_are_rejected) {
    BOOST_CHECK_EXCEPTION(load("group: a\n---\ngroup: b\n"), protocol_configuration_error,
                          rejected("", "YAML content must be a single document, got 2: t.yaml"));
}

// Found by fuzzing: yaml-cpp 0.7 yields empty documents without end for these (LoadAll grew
// until the machine ran out of memory).
BOOST_DATA_TEST_CASE(a_leading_comma_is_rejected_not_parsed_forever,
                     bdata::make({",", "\n,", ",#comment\ntimeout_seconds: [1, 2]\n"}), text) {
    BOOST_CHECK_EXCEPTION(load(text), protocol_configuration_error,
                          rejected("", "Failed to parse YAML from t.yaml: the parser found no end "
                                       "(more than 64 documents; a stray ',' at the start?)"));
}

BOOST_AUTO_TEST_CASE(an_unknown_key_is_named_with_its_line) {
    BOOST_CHECK_EXCEPTION(load("environment: dev\n\ntimeout: 5\n"), protocol_configuration_error,
                          rejected("timeout", "Unknown configuration key 'timeout' at line 3 in "
                                              "t.yaml"));
    BOOST_CHECK_EXCEPTION(load("msk_region: us-east-1\n"), protocol_configuration_error,
                          rejected("msk_region", "Unknown configuration key 'msk_region' at line "
                                                 "1 in t.yaml"));
}

BOOST_AUTO_TEST_CASE(a_duplicate_key_is_rejected) {
    BOOST_CHECK_EXCEPTION(load("group: a\ngroup: b\n"), protocol_configuration_error,
                          rejected("group", "Duplicate configuration key 'group' at line 2 in "
                                            "t.yaml"));
    BOOST_CHECK_EXCEPTION(
        load("librdkafka:\n  linger.ms: 1\n  linger.ms: 2\n"), protocol_configuration_error,
        rejected("librdkafka.linger.ms",
                 "Duplicate configuration key 'librdkafka.linger.ms' at line 3 in t.yaml"));
}

BOOST_AUTO_TEST_CASE(a_key_must_be_a_scalar) {
    BOOST_CHECK_EXCEPTION(load("group: a\n[x, y]: 1\n"), protocol_configuration_error,
                          rejected("", "Configuration keys must be strings, got a sequence at "
                                       "line 2 in t.yaml"));
}

BOOST_DATA_TEST_CASE(a_value_of_the_wrong_type_is_named_with_key_and_line,
                     bdata::make(wrong_type_cases), row) {
    BOOST_CHECK_EXCEPTION(
        load("# line 1\n" + row.line + "\n"), protocol_configuration_error,
        rejected(row.parameter, "Invalid value for '" + row.parameter +
                                    "' at line 2 in t.yaml: " + row.message_tail));
}

BOOST_AUTO_TEST_CASE(a_passthrough_value_must_be_a_scalar) {
    BOOST_CHECK_EXCEPTION(load("librdkafka:\n  debug: [broker, topic]\n"),
                          protocol_configuration_error,
                          rejected("librdkafka.debug", "Invalid value for 'librdkafka.debug' at "
                                                       "line 2 in t.yaml: got a sequence. "
                                                       "Expected a scalar"));
    BOOST_CHECK_EXCEPTION(load("librdkafka:\n  debug:\n"), protocol_configuration_error,
                          rejected("librdkafka.debug", "Invalid value for 'librdkafka.debug' at "
                                                       "line 2 in t.yaml: got null. Expected a "
                                                       "scalar"));
}

BOOST_AUTO_TEST_CASE(null_or_empty_optional_strings_are_unset) {
    const auto config =
        load("dead_letter_topic: ~\nssl_ca_file: \"\"\ninstance_id:\napi_version: '  '\n");
    BOOST_TEST(!config.dead_letter_topic);
    BOOST_TEST(!config.ssl_ca_file);
    BOOST_TEST(!config.instance_id);
    BOOST_TEST(!config.api_version);
}

BOOST_AUTO_TEST_CASE(the_result_is_validated) {
    BOOST_CHECK_EXCEPTION(
        load("timeout_seconds: 0\n"), protocol_configuration_error,
        rejected("timeout_seconds", "timeout_seconds=0 is out of range [1, 300]"));
    BOOST_CHECK_EXCEPTION(
        load("security_protocol: SASL_SSL\n"), protocol_configuration_error,
        rejected("sasl_mechanism", "security_protocol='SASL_SSL' requires sasl_mechanism"));
}

BOOST_AUTO_TEST_CASE(placeholders_are_not_expanded) {
    const auto config = load("dead_letter_topic: \"${DLQ_TOPIC}\"\n", {{"DLQ_TOPIC", "expanded"}});
    BOOST_TEST(*config.dead_letter_topic == "${DLQ_TOPIC}");
}

BOOST_AUTO_TEST_CASE(the_passthrough_map_reaches_librdkafka) {
    const auto config = load("librdkafka:\n  compression.type: zstd\n  acks: 1\n"
                             "enable_idempotence: false\n");
    const std::map<std::string, std::string> expected = {{"compression.type", "zstd"},
                                                         {"acks", "1"}};
    BOOST_TEST((config.librdkafka == expected));
    const auto props = config.to_librdkafka(client_kind::producer);
    BOOST_TEST((std::ranges::find(props, std::pair<std::string, std::string>{"acks", "1"}) !=
                props.end()));
    BOOST_TEST((std::ranges::find(props, std::pair<std::string, std::string>{
                                             "compression.type", "zstd"}) != props.end()));
    BOOST_TEST(load("librdkafka: ~\n").librdkafka.empty());
}

BOOST_AUTO_TEST_SUITE_END()
