// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "config_test.hpp"
#include "test_paths.hpp"

#include <onex/event_bus/kafka_config.hpp>

#include <boost/json/serialize.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using onex::event_bus::acks_policy;
using onex::event_bus::kafka_config;
using onex::event_bus::protocol_configuration_error;

namespace test_kafka_config_report {

struct expected_problem {
    std::string parameter;
    std::string message;
    std::string value;
};

std::vector<expected_problem> listed(const kafka_config& config) {
    std::vector<expected_problem> out;
    for (const auto& p : config.problems())
        out.push_back({p.parameter(), p.diag().message, p.diag().value});
    return out;
}

void check_problems(const kafka_config& config, const std::vector<expected_problem>& expected) {
    const auto found = listed(config);
    BOOST_TEST_REQUIRE(found.size() == expected.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
        BOOST_TEST_CONTEXT("problem " << i) {
            BOOST_TEST(found[i].parameter == expected[i].parameter);
            BOOST_TEST(found[i].message == expected[i].message);
            BOOST_TEST(found[i].value == expected[i].value);
        }
    }
}

kafka_config with(const std::function<void(kafka_config&)>& change) {
    kafka_config config;
    change(config);
    return config;
}

// Every field away from its default, secrets included, so that a round trip proves each one.
kafka_config everything_changed() {
    kafka_config c;
    c.bootstrap_servers = "alice:pw@k1:9093,k2:9094";
    c.api_version = "3.6.0";
    c.environment = "prod";
    c.group = "orders";
    c.timeout_seconds = 12;
    c.max_retry_attempts = 7;
    c.retry_backoff_base = 0.25;
    c.max_handler_retries = 40;
    c.circuit_breaker_threshold = 9;
    c.circuit_breaker_reset_timeout = 12.5;
    c.consumer_sleep_interval = 0.5;
    c.consumer_start_concurrency = 4;
    c.consumer_start_max_retries = 1;
    c.acks = acks_policy::leader;
    c.enable_idempotence = false;
    c.max_request_size = 2048;
    c.auto_offset_reset = "earliest";
    c.enable_auto_commit = false;
    c.session_timeout_ms = 10000;
    c.heartbeat_interval_ms = 3000;
    c.max_poll_interval_ms = 20000;
    c.dead_letter_topic = "orders.dlq";
    c.security_protocol = "SASL_SSL";
    c.sasl_mechanism = "OAUTHBEARER";
    c.sasl_oauthbearer_token_endpoint_url = "https://idp/token";
    c.sasl_oauthbearer_client_id = "orders";
    c.sasl_oauthbearer_client_secret = "oauth-s3cret";
    c.ssl_ca_file = "/etc/ca.pem";
    c.reconnect_backoff_ms = 100;
    c.reconnect_backoff_max_ms = 200;
    c.instance_id = "pod-1";
    c.group_instance_id = "orders-1";
    c.librdkafka = {{"compression.type", "lz4"}, {"sasl.password", "pw-s3cret"}};
    return c;
}

struct secret_property_case {
    std::string name;
    bool secret;
};

std::ostream& operator<<(std::ostream& os, const secret_property_case& c) {
    return os << c.name << (c.secret ? " (secret)" : " (not secret)");
}

const std::vector<secret_property_case> secret_property_cases = {
    {"sasl.password", true},
    {"SASL.Password", true},
    {"ssl.key.password", true},
    {"ssl.keystore.password", true},
    {"sasl.oauthbearer.client.secret", true},
    {"my.custom.secret.thing", true},
    {"ssl.key.pem", true},
    {"SSL.KEY.PEM", true},
    {"ssl_key", true},
    {"sasl.oauthbearer.config", true},
    {"sasl.username", false},
    {"ssl.key.location", false},
    {"ssl.certificate.pem", false},
    {"sasl.oauthbearer.token.endpoint.url", false},
    {"sasl.oauthbearer.client.id", false},
    {"compression.type", false},
    {"ssl.key.pem.extra", false},
};

struct servers_case {
    std::string servers;
    std::string masked;
};

std::ostream& operator<<(std::ostream& os, const servers_case& c) {
    return os << c.servers;
}

const std::vector<servers_case> servers_cases = {
    {"k1:9092", "k1:9092"},
    {"user:pw@k1:9092", "****@k1:9092"},
    {"user@k1:9092", "****@k1:9092"},
    {"a:p@k1:1, k2:2 ,b:q@r@k3:3", "****@k1:1, k2:2 ,****@r@k3:3"},
    {" user:pw@k1:1", " ****@k1:1"},
    {"", ""},
};

} // namespace test_kafka_config_report

BOOST_AUTO_TEST_SUITE(test_kafka_config_report)

// ---- problems() ----

BOOST_AUTO_TEST_CASE(defaults_have_no_problems) {
    BOOST_TEST(kafka_config().problems().empty());
    BOOST_TEST(everything_changed().problems().empty());
}

BOOST_AUTO_TEST_CASE(problems_list_every_broken_rule_in_validation_order) {
    const auto config = with([](kafka_config& c) {
        c.auto_offset_reset = "middle";
        c.circuit_breaker_threshold = 0;
        c.timeout_seconds = 0;
        c.heartbeat_interval_ms = 50000;
        c.acks = acks_policy::none;
    });
    check_problems(
        config,
        {{"timeout_seconds", "timeout_seconds=0 is out of range [1, 300]", "0"},
         {"circuit_breaker_threshold", "circuit_breaker_threshold=0 is out of range [1, 100]", "0"},
         {"auto_offset_reset", "auto_offset_reset='middle' is not one of: earliest, latest",
          "middle"},
         {"heartbeat_interval_ms",
          "heartbeat_interval_ms (50000) must be < session_timeout_ms (45000)", "50000"},
         {"acks", "enable_idempotence=true requires acks='all', got acks='0'", "0"}});
}

BOOST_AUTO_TEST_CASE(validate_throws_the_first_problem) {
    const auto config = with([](kafka_config& c) {
        c.group = " ";
        c.max_retry_attempts = 11;
    });
    BOOST_TEST_REQUIRE(config.problems().size() == 2u);
    BOOST_CHECK_EXCEPTION(
        config.validate(), protocol_configuration_error, [](const protocol_configuration_error& e) {
            return e.parameter() == "group" && e.diag().message == "group cannot be empty";
        });
}

struct broken_case {
    std::string name;
    std::function<void(kafka_config&)> apply;
};

std::ostream& operator<<(std::ostream& os, const broken_case& c) {
    return os << c.name;
}

// One configuration per kind of rule: validate() must throw what problems() lists first.
const std::vector<broken_case> broken_cases = {
    {"bootstrap_servers", [](kafka_config& c) { c.bootstrap_servers = "nohost"; }},
    {"api_version", [](kafka_config& c) { c.api_version = "3.x"; }},
    {"environment", [](kafka_config& c) { c.environment = ""; }},
    {"retry_backoff_base", [](kafka_config& c) { c.retry_backoff_base = 0; }},
    {"security_protocol", [](kafka_config& c) { c.security_protocol = "TLS"; }},
    {"sasl_mechanism", [](kafka_config& c) { c.sasl_mechanism = "AWS_MSK_IAM"; }},
    {"instance_id", [](kafka_config& c) { c.instance_id = "a b"; }},
    {"reconnect_backoff_max_ms", [](kafka_config& c) { c.reconnect_backoff_max_ms = 1; }},
    {"max_poll_interval_ms", [](kafka_config& c) { c.max_poll_interval_ms = 40000; }},
    {"sasl without mechanism", [](kafka_config& c) { c.security_protocol = "SASL_SSL"; }},
    {"oauth fields",
     [](kafka_config& c) {
         c.security_protocol = "SASL_SSL";
         c.sasl_mechanism = "OAUTHBEARER";
     }},
    {"librdkafka", [](kafka_config& c) { c.librdkafka[""] = "x"; }},
};

BOOST_DATA_TEST_CASE(validate_agrees_with_the_first_problem, bdata::make(broken_cases), row) {
    const auto config = with(row.apply);
    const auto problems = config.problems();
    BOOST_TEST_REQUIRE(!problems.empty());
    const auto& first = problems.front();
    BOOST_CHECK_EXCEPTION(config.validate(), protocol_configuration_error,
                          [&](const protocol_configuration_error& e) {
                              return e.parameter() == first.parameter() &&
                                     e.diag().message == first.diag().message &&
                                     e.diag().value == first.diag().value;
                          });
}

BOOST_AUTO_TEST_CASE(each_bad_server_entry_is_listed_and_a_repeated_one_once) {
    const auto config = with([](kafka_config& c) { c.bootstrap_servers = "a:1,,b,c:0,,d:x"; });
    check_problems(
        config,
        {{"bootstrap_servers", "bootstrap_servers cannot contain empty entries", "a:1,,b,c:0,,d:x"},
         {"bootstrap_servers",
          "Invalid bootstrap server format 'b'. Expected 'host:port' (e.g., 'localhost:9092')",
          "b"},
         {"bootstrap_servers", "Invalid port 0 in 'c:0'. Port must be between 1 and 65535", "c:0"},
         {"bootstrap_servers", "Invalid port 'x' in 'd:x'. Port must be a valid integer", "d:x"}});
}

BOOST_AUTO_TEST_CASE(an_unknown_mechanism_is_not_also_asked_for_credentials) {
    const auto config = with([](kafka_config& c) {
        c.security_protocol = "SASL_SSL";
        c.sasl_mechanism = "GSSAPI";
    });
    check_problems(config, {{"sasl_mechanism",
                             "sasl_mechanism='GSSAPI' is not one of: PLAIN, SCRAM-SHA-256, "
                             "SCRAM-SHA-512, OAUTHBEARER",
                             "GSSAPI"}});
}

BOOST_AUTO_TEST_CASE(a_mechanism_lists_both_its_protocol_and_its_credentials) {
    const auto config = with([](kafka_config& c) { c.sasl_mechanism = "PLAIN"; });
    check_problems(
        config,
        {{"security_protocol",
          "sasl_mechanism='PLAIN' requires security_protocol 'SASL_PLAINTEXT' or 'SASL_SSL', got "
          "'PLAINTEXT'",
          "PLAINTEXT"},
         {"sasl_mechanism",
          "sasl_mechanism='PLAIN' requires the librdkafka properties sasl.username and "
          "sasl.password",
          "PLAIN"}});
}

BOOST_AUTO_TEST_CASE(every_blank_passthrough_key_is_listed) {
    const auto config = with([](kafka_config& c) { c.librdkafka = {{"", "a"}, {" ", "b"}}; });
    check_problems(config,
                   {{"librdkafka", "librdkafka property names cannot be empty (value 'a')", ""},
                    {"librdkafka", "librdkafka property names cannot be empty (value 'b')", " "}});
}

// ---- to_json() ----

BOOST_AUTO_TEST_CASE(json_has_every_field_in_order_with_its_type) {
    const auto json = kafka_config().to_json();
    BOOST_TEST(json.size() == 33u); // 32 fields and librdkafka
    BOOST_TEST(json.begin()->key() == "bootstrap_servers");
    BOOST_TEST((json.end() - 1)->key() == "librdkafka");
    BOOST_TEST(json.at("bootstrap_servers").as_string() == "localhost:9092");
    BOOST_TEST(json.at("api_version").is_null());
    BOOST_TEST(json.at("timeout_seconds").as_int64() == 30);
    BOOST_TEST(json.at("retry_backoff_base").as_double() == 1.0);
    BOOST_TEST(json.at("acks").as_string() == "all");
    BOOST_TEST(json.at("enable_idempotence").as_bool() == true);
    BOOST_TEST(json.at("sasl_oauthbearer_client_secret").is_null());
    BOOST_TEST(json.at("librdkafka").as_object().empty());
}

BOOST_DATA_TEST_CASE(acks_is_written_as_its_text,
                     bdata::make({acks_policy::none, acks_policy::leader, acks_policy::all}) ^
                         bdata::make({"0", "1", "all"}),
                     acks, text) {
    const auto json = with([&](kafka_config& c) { c.acks = acks; }).to_json();
    BOOST_TEST(json.at("acks").as_string() == text);
}

BOOST_AUTO_TEST_CASE(unmasked_json_read_as_yaml_gives_the_configuration_back) {
    const kafka_config original = everything_changed();
    kafka_config back;
    back.apply_yaml_string(boost::json::serialize(original.to_json(false)), "to_json");
    BOOST_TEST(back == original);
}

BOOST_AUTO_TEST_CASE(masking_changes_only_the_secrets) {
    const kafka_config config = everything_changed();
    const auto masked = config.to_json();
    const auto plain = config.to_json(false);
    BOOST_TEST_REQUIRE(masked.size() == plain.size());
    for (const auto& member : plain) {
        const std::string key(member.key());
        if (key == "bootstrap_servers" || key == "sasl_oauthbearer_client_secret" ||
            key == "librdkafka")
            continue;
        BOOST_TEST_CONTEXT(key) {
            BOOST_TEST(masked.at(key) == member.value());
        }
    }
    BOOST_TEST(masked.at("sasl_oauthbearer_client_secret").as_string() == "****");
    BOOST_TEST(plain.at("sasl_oauthbearer_client_secret").as_string() == "oauth-s3cret");
    BOOST_TEST(masked.at("bootstrap_servers").as_string() == "****@k1:9093,k2:9094");
    BOOST_TEST(masked.at("librdkafka").at("compression.type").as_string() == "lz4");
    BOOST_TEST(masked.at("librdkafka").at("sasl.password").as_string() == "****");
    const std::string text = boost::json::serialize(masked);
    for (const char* secret : {"oauth-s3cret", "pw-s3cret", "alice", ":pw@"})
        BOOST_TEST(text.find(secret) == std::string::npos, secret << " is in " << text);
}

BOOST_DATA_TEST_CASE(blank_client_secret_is_not_masked, bdata::make({"", "  "}), blank) {
    const auto json =
        with([&](kafka_config& c) { c.sasl_oauthbearer_client_secret = blank; }).to_json();
    BOOST_TEST(json.at("sasl_oauthbearer_client_secret").as_string() == blank);
}

BOOST_DATA_TEST_CASE(server_credentials_are_masked, bdata::make(servers_cases), row) {
    const auto config = with([&](kafka_config& c) { c.bootstrap_servers = row.servers; });
    BOOST_TEST(config.to_json().at("bootstrap_servers").as_string() == row.masked);
    BOOST_TEST(config.to_json(false).at("bootstrap_servers").as_string() == row.servers);
}

BOOST_DATA_TEST_CASE(secret_properties_are_masked_by_name, bdata::make(secret_property_cases),
                     row) {
    BOOST_TEST(kafka_config::is_secret_property(row.name) == row.secret);
    const auto config = with([&](kafka_config& c) { c.librdkafka[row.name] = "value-1"; });
    const auto shown = config.to_json().at("librdkafka").at(row.name).as_string();
    BOOST_TEST(shown == (row.secret ? "****" : "value-1"));
    BOOST_TEST(config.to_json(false).at("librdkafka").at(row.name).as_string() == "value-1");
}

// ---- apply_yaml() ----

BOOST_AUTO_TEST_CASE(apply_yaml_does_not_validate) {
    kafka_config config;
    config.apply_yaml_string("timeout_seconds: 0\ngroup: ''\n", "inline");
    BOOST_TEST(config.timeout_seconds == 0);
    BOOST_TEST(config.group == "");
    BOOST_TEST(config.problems().size() == 2u);
}

BOOST_AUTO_TEST_CASE(apply_yaml_overrides_only_what_the_file_sets) {
    kafka_config config;
    config.environment = "kept";
    config.librdkafka = {{"a", "1"}, {"b", "2"}};
    config.apply_yaml_string("group: g\nlibrdkafka:\n  b: '3'\n  c: '4'\n", "inline");
    BOOST_TEST(config.environment == "kept");
    BOOST_TEST(config.group == "g");
    const std::map<std::string, std::string> expected{{"a", "1"}, {"b", "3"}, {"c", "4"}};
    BOOST_TEST((config.librdkafka == expected));
}

BOOST_AUTO_TEST_CASE(apply_yaml_reads_a_file) {
    kafka_config config;
    config.apply_yaml(onex::test::config_dir() / "dev.yaml");
    BOOST_TEST(config.environment == "dev");
    BOOST_TEST(config.auto_offset_reset == "earliest");
}

BOOST_AUTO_TEST_CASE(apply_yaml_error_leaves_the_configuration_unchanged) {
    kafka_config config;
    config.group = "before";
    BOOST_CHECK_EXCEPTION(config.apply_yaml_string("group: after\nno_such_key: 1\n", "inline"),
                          protocol_configuration_error, [](const protocol_configuration_error& e) {
                              return e.parameter() == "no_such_key" &&
                                     e.diag().message ==
                                         "Unknown configuration key 'no_such_key' at line 2 in "
                                         "inline";
                          });
    BOOST_TEST(config.group == "before");
}

BOOST_AUTO_TEST_CASE(apply_yaml_names_a_missing_file) {
    kafka_config config;
    const auto missing = onex::test::config_dir() / "no-such-file.yaml";
    BOOST_CHECK_EXCEPTION(config.apply_yaml(missing), protocol_configuration_error,
                          [&](const protocol_configuration_error& e) {
                              return e.diag().message ==
                                     "Configuration file not found: " + missing.string();
                          });
    BOOST_TEST(config == kafka_config());
}

BOOST_AUTO_TEST_SUITE_END()
