// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "config_test.hpp"

#include <onex/event_bus/error.hpp>
#include <onex/event_bus/kafka_config.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#ifdef ONEX_EVENT_BUS_TEST_WITH_LIBRDKAFKA
#include <librdkafka/rdkafka.h>
#endif

namespace bdata = boost::unit_test::data;
using config_test::rejected_with;
using onex::event_bus::acks_policy;
using onex::event_bus::client_kind;
using onex::event_bus::kafka_config;
using onex::event_bus::protocol_configuration_error;

#ifdef ONEX_EVENT_BUS_TEST_WITH_LIBRDKAFKA
#endif

namespace test_kafka_config {

using property_list = std::vector<std::pair<std::string, std::string>>;

std::optional<std::string> property(const property_list& props, std::string_view name) {
    auto it = std::ranges::find(props, name, &property_list::value_type::first);
    if (it == props.end())
        return std::nullopt;
    return it->second;
}

std::size_t count(const property_list& props, std::string_view name) {
    return static_cast<std::size_t>(
        std::ranges::count(props, name, &property_list::value_type::first));
}

kafka_config with(const std::function<void(kafka_config&)>& change) {
    kafka_config config;
    change(config);
    return config;
}

// ---- ranges ----

struct range_case {
    std::string field;
    std::string shown;
    bool valid;
    std::function<void(kafka_config&)> apply;
};

std::ostream& operator<<(std::ostream& os, const range_case& c) {
    return os << c.field << "=" << c.shown << (c.valid ? " (valid)" : " (invalid)");
}

template <class T>
struct range_row {
    std::string field;
    T kafka_config::*member;
    T min;
    T max;
    // Moves the fields related by cross-field rules out of the way of this field's edges.
    void (*prepare)(kafka_config&) = nullptr;
};

template <class T>
std::string shown(T value) {
    std::ostringstream os;
    os.precision(17);
    os << value;
    return os.str();
}

template <class T>
void add_edges(std::vector<range_case>& cases, const range_row<T>& row) {
    auto add = [&](T value, bool valid) {
        cases.push_back({row.field, shown(value), valid, [row, value](kafka_config& c) {
                             if (row.prepare)
                                 row.prepare(c);
                             c.*row.member = value;
                         }});
    };
    if constexpr (std::is_integral_v<T>) {
        add(row.min - 1, false);
        add(row.max + 1, false);
    } else {
        add(std::nextafter(row.min, -1e9), false);
        add(std::nextafter(row.max, 1e9), false);
        add(std::numeric_limits<T>::quiet_NaN(), false);
    }
    add(row.min, true);
    add(row.max, true);
}

std::vector<range_case> range_cases() {
    std::vector<range_case> cases;
    const std::vector<range_row<int>> ints = {
        {"timeout_seconds", &kafka_config::timeout_seconds, 1, 300},
        {"max_retry_attempts", &kafka_config::max_retry_attempts, 0, 10},
        {"max_handler_retries", &kafka_config::max_handler_retries, 0, 100},
        {"circuit_breaker_threshold", &kafka_config::circuit_breaker_threshold, 1, 100},
        {"consumer_start_concurrency", &kafka_config::consumer_start_concurrency, 1, 1024},
        {"consumer_start_max_retries", &kafka_config::consumer_start_max_retries, 0, 10},
        {"max_request_size", &kafka_config::max_request_size, 1024, 52428800},
        {"session_timeout_ms", &kafka_config::session_timeout_ms, 6000, 300000,
         [](kafka_config& c) {
             c.heartbeat_interval_ms = 1000;
             c.max_poll_interval_ms = 3600000;
         }},
        {"heartbeat_interval_ms", &kafka_config::heartbeat_interval_ms, 1000, 60000,
         [](kafka_config& c) { c.session_timeout_ms = 300000; }},
        {"max_poll_interval_ms", &kafka_config::max_poll_interval_ms, 10000, 3600000,
         [](kafka_config& c) {
             c.session_timeout_ms = 6000;
             c.heartbeat_interval_ms = 1000;
         }},
        {"reconnect_backoff_ms", &kafka_config::reconnect_backoff_ms, 0, 3600000,
         [](kafka_config& c) { c.reconnect_backoff_max_ms = 3600000; }},
        {"reconnect_backoff_max_ms", &kafka_config::reconnect_backoff_max_ms, 0, 3600000,
         [](kafka_config& c) { c.reconnect_backoff_ms = 0; }},
    };
    const std::vector<range_row<double>> doubles = {
        {"retry_backoff_base", &kafka_config::retry_backoff_base, 0.001, 60.0},
        {"circuit_breaker_reset_timeout", &kafka_config::circuit_breaker_reset_timeout, 0.01,
         3600.0},
        {"consumer_sleep_interval", &kafka_config::consumer_sleep_interval, 0.01, 10.0},
    };
    for (const auto& row : ints)
        add_edges(cases, row);
    for (const auto& row : doubles)
        add_edges(cases, row);
    return cases;
}

// ---- one-of fields ----

struct text_case {
    std::string field;
    std::string value;
    bool valid;
};

std::ostream& operator<<(std::ostream& os, const text_case& c) {
    return os << c.field << "='" << c.value << "'" << (c.valid ? " (valid)" : " (invalid)");
}

void set_text_field(kafka_config& c, const text_case& t) {
    if (t.field == "auto_offset_reset")
        c.auto_offset_reset = t.value;
    else if (t.field == "security_protocol")
        c.security_protocol = t.value;
    else if (t.field == "sasl_mechanism") {
        c.security_protocol = "SASL_SSL";
        c.sasl_mechanism = t.value;
        c.sasl_oauthbearer_token_endpoint_url = "https://idp/token";
        c.sasl_oauthbearer_client_id = "id";
        c.sasl_oauthbearer_client_secret = "secret";
        c.librdkafka = {{"sasl.username", "user"}, {"sasl.password", "secret"}};
    } else if (t.field == "instance_id")
        c.instance_id = t.value;
    else if (t.field == "group_instance_id")
        c.group_instance_id = t.value;
    else if (t.field == "api_version")
        c.api_version = t.value;
    else if (t.field == "environment")
        c.environment = t.value;
    else if (t.field == "group")
        c.group = t.value;
    else
        BOOST_FAIL("unknown field " << t.field);
}

const std::vector<text_case> text_cases = {
    {"auto_offset_reset", "earliest", true},
    {"auto_offset_reset", "latest", true},
    {"auto_offset_reset", "EARLIEST", false},
    {"auto_offset_reset", "none", false},
    {"auto_offset_reset", "", false},
    {"security_protocol", "PLAINTEXT", true},
    {"security_protocol", "SSL", true},
    {"security_protocol", "plaintext", false},
    {"security_protocol", "TLS", false},
    {"sasl_mechanism", "PLAIN", true},
    {"sasl_mechanism", "SCRAM-SHA-256", true},
    {"sasl_mechanism", "SCRAM-SHA-512", true},
    {"sasl_mechanism", "OAUTHBEARER", true},
    {"sasl_mechanism", "GSSAPI", false},
    {"sasl_mechanism", "plain", false},
    {"instance_id", "worker-1.a_B", true},
    {"instance_id", "", true},
    {"instance_id", "   ", true},
    {"instance_id", "worker 1", false},
    {"instance_id", "a/b", false},
    {"instance_id", "caf\xc3\xa9", false},
    {"group_instance_id", "svc.host-01_x", true},
    {"group_instance_id", "", true},
    {"group_instance_id", "svc:1", false},
    {"api_version", "2.8.0", true},
    {"api_version", "10.20.30", true},
    {"api_version", "", true},
    {"api_version", "2.8", false},
    {"api_version", "2.8.0.1", false},
    {"api_version", "v2.8.0", false},
    {"api_version", "2..0", false},
    {"api_version", "2.8.", false},
    {"api_version", "a.b.c", false},
    {"environment", "prod", true},
    {"environment", "", false},
    {"environment", "  ", false},
    {"group", "order-service", true},
    {"group", "", false},
    {"group", " \t", false},
};

// ---- bootstrap servers ----

struct servers_case {
    std::string servers;
    std::string message; // empty when valid
};

std::ostream& operator<<(std::ostream& os, const servers_case& c) {
    return os << "'" << c.servers << "'";
}

const std::vector<servers_case> servers_cases = {
    {"localhost:9092", ""},
    {"kafka1:9092,kafka2:9093,kafka3:65535", ""},
    {" a:1 , b:2 ", ""},
    {"[::1]:9092", ""},
    {"user:secret@broker:9092", ""},
    {"", "bootstrap_servers cannot be empty"},
    {"   ", "bootstrap_servers cannot be empty"},
    {"a:1,,b:2", "bootstrap_servers cannot contain empty entries"},
    {"a:1,", "bootstrap_servers cannot contain empty entries"},
    {"localhost",
     "Invalid bootstrap server format 'localhost'. Expected 'host:port' (e.g., 'localhost:9092')"},
    {":9092", "Invalid bootstrap server format ':9092'. Host cannot be empty"},
    {"host:abc", "Invalid port 'abc' in 'host:abc'. Port must be a valid integer"},
    {"host:", "Invalid port '' in 'host:'. Port must be a valid integer"},
    {"host:90x", "Invalid port '90x' in 'host:90x'. Port must be a valid integer"},
    {"host:0", "Invalid port 0 in 'host:0'. Port must be between 1 and 65535"},
    {"host:65536", "Invalid port 65536 in 'host:65536'. Port must be between 1 and 65535"},
    {"host:-1", "Invalid port -1 in 'host:-1'. Port must be between 1 and 65535"},
    {"a:1,host:99999999999",
     "Invalid port 99999999999 in 'host:99999999999'. Port must be between 1 and 65535"},
};

// ---- sanitized servers ----

struct sanitize_case {
    std::string servers;
    std::string expected;
};

std::ostream& operator<<(std::ostream& os, const sanitize_case& c) {
    return os << "'" << c.servers << "'";
}

const std::vector<sanitize_case> sanitize_cases = {
    {"", "unknown"},
    {"localhost:9092", "localhost:9092"},
    {"user:pw@a:1, b:2", "a:1,b:2"},
    {" x@y@a:1 ,c@b:2", "y@a:1,b:2"},
    {"a:1,,b:2", "a:1,,b:2"},
};

const std::vector<std::string> producer_only = {"acks", "enable.idempotence", "message.timeout.ms",
                                                "message.max.bytes"};
const std::vector<std::string> consumer_only = {
    "group.instance.id", "session.timeout.ms", "heartbeat.interval.ms",   "max.poll.interval.ms",
    "auto.offset.reset", "enable.auto.commit", "enable.auto.offset.store"};

kafka_config full_config() {
    return with([](kafka_config& c) {
        c.security_protocol = "SASL_SSL";
        c.sasl_mechanism = "OAUTHBEARER";
        c.sasl_oauthbearer_token_endpoint_url = "https://idp.example/token";
        c.sasl_oauthbearer_client_id = "client";
        c.sasl_oauthbearer_client_secret = "secret";
        c.ssl_ca_file = "/etc/ssl/certs/ca-certificates.crt";
        c.api_version = "2.8.0";
        c.group_instance_id = "svc-1";
    });
}

} // namespace test_kafka_config

BOOST_AUTO_TEST_SUITE(test_kafka_config)

BOOST_AUTO_TEST_CASE(defaults_follow_the_guide_and_the_peer) {
    const kafka_config c;
    BOOST_TEST(c.bootstrap_servers == "localhost:9092");
    BOOST_TEST(!c.api_version);
    BOOST_TEST(c.environment == "local");
    BOOST_TEST(c.group == "default");
    BOOST_TEST(c.timeout_seconds == 30);
    BOOST_TEST(c.max_retry_attempts == 3);
    BOOST_TEST(c.retry_backoff_base == 1.0);
    BOOST_TEST(c.max_handler_retries == 3);
    BOOST_TEST(c.circuit_breaker_threshold == 5);
    BOOST_TEST(c.circuit_breaker_reset_timeout == 30.0);
    BOOST_TEST(c.consumer_sleep_interval == 0.1);
    BOOST_TEST(c.consumer_start_concurrency == 32);
    BOOST_TEST(c.consumer_start_max_retries == 3);
    BOOST_TEST((c.acks == acks_policy::all));
    BOOST_TEST(c.enable_idempotence);
    BOOST_TEST(c.max_request_size == 4194304);
    BOOST_TEST(c.auto_offset_reset == "latest");
    BOOST_TEST(c.enable_auto_commit);
    BOOST_TEST(c.session_timeout_ms == 45000);
    BOOST_TEST(c.heartbeat_interval_ms == 15000);
    BOOST_TEST(c.max_poll_interval_ms == 300000);
    BOOST_TEST(!c.dead_letter_topic);
    BOOST_TEST(c.security_protocol == "PLAINTEXT");
    BOOST_TEST(!c.sasl_mechanism);
    BOOST_TEST(!c.sasl_oauthbearer_token_endpoint_url);
    BOOST_TEST(!c.sasl_oauthbearer_client_id);
    BOOST_TEST(!c.sasl_oauthbearer_client_secret);
    BOOST_TEST(!c.ssl_ca_file);
    BOOST_TEST(c.reconnect_backoff_ms == 2000);
    BOOST_TEST(c.reconnect_backoff_max_ms == 30000);
    BOOST_TEST(!c.instance_id);
    BOOST_TEST(!c.group_instance_id);
    BOOST_TEST(c.librdkafka.empty());
}

BOOST_AUTO_TEST_CASE(defaults_are_valid) {
    BOOST_CHECK_NO_THROW(kafka_config{}.validate());
}

BOOST_DATA_TEST_CASE(range_edges_are_inclusive, bdata::make(range_cases()), c) {
    kafka_config config;
    c.apply(config);
    if (c.valid)
        BOOST_CHECK_NO_THROW(config.validate());
    else
        BOOST_CHECK_EXCEPTION(config.validate(), protocol_configuration_error,
                              rejected_with(c.field, c.field + "="));
}

BOOST_AUTO_TEST_CASE(range_message_names_field_value_and_range) {
    BOOST_CHECK_EXCEPTION(
        with([](kafka_config& c) { c.timeout_seconds = 0; }).validate(),
        protocol_configuration_error,
        rejected_with("timeout_seconds", "timeout_seconds=0 is out of range [1, 300]"));
    BOOST_CHECK_EXCEPTION(with([](kafka_config& c) { c.retry_backoff_base = 0.0005; }).validate(),
                          protocol_configuration_error,
                          rejected_with("retry_backoff_base",
                                        "retry_backoff_base=0.0005 is out of range [0.001, 60]"));
    BOOST_CHECK_EXCEPTION(with([](kafka_config& c) { c.reconnect_backoff_ms = -1; }).validate(),
                          protocol_configuration_error,
                          rejected_with("reconnect_backoff_ms",
                                        "reconnect_backoff_ms=-1 is out of range [0, 3600000]"));
}

BOOST_AUTO_TEST_CASE(range_error_carries_the_value) {
    try {
        with([](kafka_config& c) { c.max_retry_attempts = 11; }).validate();
        BOOST_FAIL("no exception");
    } catch (const protocol_configuration_error& e) {
        BOOST_TEST(e.diag().value == "11");
        BOOST_TEST(e.diag().operation == "config");
        BOOST_TEST((e.code() == onex::event_bus::errc::configuration));
    }
}

BOOST_DATA_TEST_CASE(text_fields_accept_only_their_values, bdata::make(text_cases), row) {
    kafka_config config;
    set_text_field(config, row);
    if (row.valid)
        BOOST_CHECK_NO_THROW(config.validate());
    else
        BOOST_CHECK_EXCEPTION(config.validate(), protocol_configuration_error,
                              rejected_with(row.field, row.field));
}

BOOST_AUTO_TEST_CASE(one_of_message_lists_the_allowed_values) {
    BOOST_CHECK_EXCEPTION(
        with([](kafka_config& c) { c.auto_offset_reset = "none"; }).validate(),
        protocol_configuration_error,
        rejected_with("auto_offset_reset",
                      "auto_offset_reset='none' is not one of: earliest, latest"));
    BOOST_CHECK_EXCEPTION(with([](kafka_config& c) { c.security_protocol = "TLS"; }).validate(),
                          protocol_configuration_error,
                          rejected_with("security_protocol",
                                        "security_protocol='TLS' is not one of: PLAINTEXT, SSL, "
                                        "SASL_PLAINTEXT, SASL_SSL"));
    BOOST_CHECK_EXCEPTION(
        with([](kafka_config& c) { c.instance_id = "a b"; }).validate(),
        protocol_configuration_error,
        rejected_with("instance_id",
                      "instance_id 'a b' contains invalid characters. Only alphanumeric "
                      "characters, periods (.), underscores (_), and hyphens (-) are "
                      "allowed."));
    BOOST_CHECK_EXCEPTION(
        with([](kafka_config& c) { c.api_version = "2.8"; }).validate(),
        protocol_configuration_error,
        rejected_with("api_version",
                      "api_version='2.8' must use '<major>.<minor>.<patch>' format"));
    BOOST_CHECK_EXCEPTION(with([](kafka_config& c) { c.environment = " "; }).validate(),
                          protocol_configuration_error,
                          rejected_with("environment", "environment cannot be empty"));
}

BOOST_AUTO_TEST_CASE(aws_msk_iam_is_rejected_as_unsupported_by_librdkafka) {
    auto config = with([](kafka_config& c) {
        c.security_protocol = "SASL_SSL";
        c.sasl_mechanism = "AWS_MSK_IAM";
    });
    BOOST_CHECK_EXCEPTION(config.validate(), protocol_configuration_error,
                          rejected_with("sasl_mechanism", "is not supported: librdkafka has no "
                                                          "AWS_MSK_IAM mechanism"));
}

BOOST_DATA_TEST_CASE(bootstrap_servers_rules_apply_in_order, bdata::make(servers_cases), s) {
    auto config = with([&](kafka_config& c) { c.bootstrap_servers = s.servers; });
    if (s.message.empty()) {
        BOOST_CHECK_NO_THROW(config.validate());
        return;
    }
    try {
        config.validate();
        BOOST_FAIL("no exception");
    } catch (const protocol_configuration_error& e) {
        BOOST_TEST(e.parameter() == "bootstrap_servers");
        BOOST_TEST(e.diag().message == s.message);
    }
}

BOOST_AUTO_TEST_CASE(reconnect_backoff_max_below_backoff_is_rejected) {
    auto config = with([](kafka_config& c) {
        c.reconnect_backoff_ms = 2000;
        c.reconnect_backoff_max_ms = 1999;
    });
    BOOST_CHECK_EXCEPTION(
        config.validate(), protocol_configuration_error,
        rejected_with("reconnect_backoff_max_ms",
                      "reconnect_backoff_max_ms (1999) must be >= reconnect_backoff_ms (2000)"));
    config.reconnect_backoff_max_ms = 2000;
    BOOST_CHECK_NO_THROW(config.validate());
}

BOOST_AUTO_TEST_CASE(heartbeat_must_be_below_session_timeout) {
    auto config = with([](kafka_config& c) {
        c.session_timeout_ms = 45000;
        c.heartbeat_interval_ms = 45000;
    });
    BOOST_CHECK_EXCEPTION(
        config.validate(), protocol_configuration_error,
        rejected_with("heartbeat_interval_ms",
                      "heartbeat_interval_ms (45000) must be < session_timeout_ms (45000)"));
    config.heartbeat_interval_ms = 44999;
    BOOST_CHECK_NO_THROW(config.validate());
}

BOOST_AUTO_TEST_CASE(max_poll_interval_must_reach_session_timeout) {
    auto config = with([](kafka_config& c) {
        c.session_timeout_ms = 60000;
        c.max_poll_interval_ms = 59999;
    });
    BOOST_CHECK_EXCEPTION(
        config.validate(), protocol_configuration_error,
        rejected_with("max_poll_interval_ms",
                      "max_poll_interval_ms (59999) must be >= session_timeout_ms (60000)"));
    config.max_poll_interval_ms = 60000;
    BOOST_CHECK_NO_THROW(config.validate());
}

BOOST_DATA_TEST_CASE(idempotence_requires_acks_all,
                     bdata::make({acks_policy::none, acks_policy::leader}), acks) {
    auto config = with([&](kafka_config& c) { c.acks = acks; });
    const std::string text = acks == acks_policy::none ? "0" : "1";
    BOOST_CHECK_EXCEPTION(
        config.validate(), protocol_configuration_error,
        rejected_with("acks",
                      "enable_idempotence=true requires acks='all', got acks='" + text + "'"));
    config.enable_idempotence = false;
    BOOST_CHECK_NO_THROW(config.validate());
}

BOOST_DATA_TEST_CASE(sasl_protocol_needs_a_mechanism, bdata::make({"SASL_PLAINTEXT", "SASL_SSL"}),
                     protocol) {
    auto config = with([&](kafka_config& c) { c.security_protocol = protocol; });
    BOOST_CHECK_EXCEPTION(config.validate(), protocol_configuration_error,
                          rejected_with("sasl_mechanism", "requires sasl_mechanism"));
    config.sasl_mechanism = "   "; // blank means unset
    BOOST_CHECK_EXCEPTION(config.validate(), protocol_configuration_error,
                          rejected_with("sasl_mechanism", "requires sasl_mechanism"));
    config.sasl_mechanism = "SCRAM-SHA-512";
    config.librdkafka = {{"sasl.username", "user"}, {"sasl.password", "secret"}};
    BOOST_CHECK_NO_THROW(config.validate());
}

BOOST_DATA_TEST_CASE(plain_and_scram_need_username_and_password_passthrough,
                     bdata::make({"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}), mechanism) {
    auto config = with([&](kafka_config& c) {
        c.security_protocol = "SASL_SSL";
        c.sasl_mechanism = mechanism;
    });
    const std::string message = "sasl_mechanism='" + std::string(mechanism) +
                                "' requires the librdkafka properties sasl.username and "
                                "sasl.password";
    BOOST_CHECK_EXCEPTION(config.validate(), protocol_configuration_error,
                          rejected_with("sasl_mechanism", message));
    config.librdkafka["sasl.username"] = "user";
    config.librdkafka["sasl.password"] = " ";
    BOOST_CHECK_EXCEPTION(config.validate(), protocol_configuration_error,
                          rejected_with("sasl_mechanism", message));
    config.librdkafka["sasl.password"] = "secret";
    BOOST_CHECK_NO_THROW(config.validate());
}

BOOST_DATA_TEST_CASE(a_mechanism_needs_a_sasl_protocol, bdata::make({"PLAINTEXT", "SSL"}),
                     protocol) {
    auto config = with([&](kafka_config& c) {
        c.security_protocol = protocol;
        c.sasl_mechanism = "PLAIN";
    });
    BOOST_CHECK_EXCEPTION(
        config.validate(), protocol_configuration_error,
        rejected_with("security_protocol",
                      "sasl_mechanism='PLAIN' requires security_protocol 'SASL_PLAINTEXT' or "
                      "'SASL_SSL', got '" +
                          std::string(protocol) + "'"));
}

BOOST_AUTO_TEST_CASE(oauthbearer_needs_all_three_oauth_fields) {
    auto config = with([](kafka_config& c) {
        c.security_protocol = "SASL_SSL";
        c.sasl_mechanism = "OAUTHBEARER";
    });
    BOOST_CHECK_EXCEPTION(
        config.validate(), protocol_configuration_error,
        rejected_with("sasl_mechanism",
                      "sasl_mechanism='OAUTHBEARER' requires non-empty OAuth fields: "
                      "sasl_oauthbearer_token_endpoint_url, sasl_oauthbearer_client_id, "
                      "sasl_oauthbearer_client_secret"));
    config.sasl_oauthbearer_token_endpoint_url = "https://idp/token";
    config.sasl_oauthbearer_client_id = "id";
    config.sasl_oauthbearer_client_secret = "  ";
    BOOST_CHECK_EXCEPTION(
        config.validate(), protocol_configuration_error,
        rejected_with("sasl_mechanism",
                      "requires non-empty OAuth fields: sasl_oauthbearer_client_secret"));
    config.sasl_oauthbearer_client_secret = "secret";
    BOOST_CHECK_NO_THROW(config.validate());
}

BOOST_DATA_TEST_CASE(passthrough_keys_must_not_be_empty, bdata::make({"", " "}), key) {
    auto config = with([&](kafka_config& c) {
        c.librdkafka["compression.type"] = "lz4";
        c.librdkafka[key] = "x";
    });
    BOOST_CHECK_EXCEPTION(config.validate(), protocol_configuration_error,
                          rejected_with("librdkafka", "librdkafka property names cannot be empty"));
    config.librdkafka.erase(key);
    BOOST_CHECK_NO_THROW(config.validate());
}

BOOST_AUTO_TEST_CASE(producer_properties_from_defaults) {
    const property_list expected = {
        {"bootstrap.servers", "localhost:9092"},
        {"security.protocol", "plaintext"},
        {"reconnect.backoff.ms", "2000"},
        {"reconnect.backoff.max.ms", "30000"},
        {"acks", "all"},
        {"enable.idempotence", "true"},
        {"message.timeout.ms", "30000"},
        {"message.max.bytes", "4194304"},
    };
    BOOST_TEST((kafka_config{}.to_librdkafka(client_kind::producer) == expected));
}

BOOST_AUTO_TEST_CASE(consumer_properties_from_defaults) {
    const property_list expected = {
        {"bootstrap.servers", "localhost:9092"}, {"security.protocol", "plaintext"},
        {"reconnect.backoff.ms", "2000"},        {"reconnect.backoff.max.ms", "30000"},
        {"session.timeout.ms", "45000"},         {"heartbeat.interval.ms", "15000"},
        {"max.poll.interval.ms", "300000"},      {"auto.offset.reset", "latest"},
        {"enable.auto.commit", "true"},          {"enable.auto.offset.store", "false"},
    };
    BOOST_TEST((kafka_config{}.to_librdkafka(client_kind::consumer) == expected));
}

BOOST_AUTO_TEST_CASE(each_kind_gets_only_its_own_properties) {
    const auto config = full_config();
    const auto producer = config.to_librdkafka(client_kind::producer);
    const auto consumer = config.to_librdkafka(client_kind::consumer);
    for (const auto& name : consumer_only) {
        BOOST_TEST_INFO(name);
        BOOST_TEST(!property(producer, name));
        BOOST_TEST(property(consumer, name).has_value());
    }
    for (const auto& name : producer_only) {
        BOOST_TEST_INFO(name);
        BOOST_TEST(property(producer, name).has_value());
        BOOST_TEST(!property(consumer, name));
    }
}

BOOST_AUTO_TEST_CASE(fields_map_to_their_librdkafka_properties) {
    auto config = full_config();
    config.bootstrap_servers = " k1:9092 , k2:9093 ";
    config.timeout_seconds = 7;
    config.max_request_size = 2048;
    config.enable_idempotence = false;
    config.enable_auto_commit = false;
    config.auto_offset_reset = "earliest";
    config.session_timeout_ms = 10000;
    config.heartbeat_interval_ms = 3000;
    config.max_poll_interval_ms = 20000;
    config.reconnect_backoff_ms = 10;
    config.reconnect_backoff_max_ms = 20;
    BOOST_REQUIRE_NO_THROW(config.validate());
    for (auto kind : {client_kind::producer, client_kind::consumer}) {
        const auto props = config.to_librdkafka(kind);
        BOOST_TEST(*property(props, "bootstrap.servers") == "k1:9092,k2:9093");
        BOOST_TEST(*property(props, "security.protocol") == "sasl_ssl");
        BOOST_TEST(*property(props, "sasl.mechanisms") == "OAUTHBEARER");
        BOOST_TEST(*property(props, "sasl.oauthbearer.method") == "oidc");
        BOOST_TEST(*property(props, "sasl.oauthbearer.token.endpoint.url") ==
                   "https://idp.example/token");
        BOOST_TEST(*property(props, "sasl.oauthbearer.client.id") == "client");
        BOOST_TEST(*property(props, "sasl.oauthbearer.client.secret") == "secret");
        BOOST_TEST(*property(props, "ssl.ca.location") == "/etc/ssl/certs/ca-certificates.crt");
        BOOST_TEST(*property(props, "reconnect.backoff.ms") == "10");
        BOOST_TEST(*property(props, "reconnect.backoff.max.ms") == "20");
        BOOST_TEST(*property(props, "api.version.request") == "false");
        BOOST_TEST(*property(props, "broker.version.fallback") == "2.8.0");
    }
    const auto producer = config.to_librdkafka(client_kind::producer);
    BOOST_TEST(*property(producer, "enable.idempotence") == "false");
    BOOST_TEST(*property(producer, "message.timeout.ms") == "7000");
    BOOST_TEST(*property(producer, "message.max.bytes") == "2048");
    const auto consumer = config.to_librdkafka(client_kind::consumer);
    BOOST_TEST(*property(consumer, "group.instance.id") == "svc-1");
    BOOST_TEST(*property(consumer, "session.timeout.ms") == "10000");
    BOOST_TEST(*property(consumer, "heartbeat.interval.ms") == "3000");
    BOOST_TEST(*property(consumer, "max.poll.interval.ms") == "20000");
    BOOST_TEST(*property(consumer, "auto.offset.reset") == "earliest");
    BOOST_TEST(*property(consumer, "enable.auto.commit") == "false");
    BOOST_TEST(*property(consumer, "enable.auto.offset.store") == "false");
}

BOOST_AUTO_TEST_CASE(sasl_without_oauth_derives_no_oauth_properties) {
    auto config = with([](kafka_config& c) {
        c.security_protocol = "SASL_PLAINTEXT";
        c.sasl_mechanism = "SCRAM-SHA-256";
        c.sasl_oauthbearer_client_id = "ignored";
    });
    const auto props = config.to_librdkafka(client_kind::producer);
    BOOST_TEST(*property(props, "sasl.mechanisms") == "SCRAM-SHA-256");
    BOOST_TEST(!property(props, "sasl.oauthbearer.method"));
    BOOST_TEST(!property(props, "sasl.oauthbearer.client.id"));
    BOOST_TEST(!property(props, "ssl.ca.location"));
    BOOST_TEST(!property(props, "api.version.request"));
}

BOOST_DATA_TEST_CASE(acks_map_to_librdkafka_values,
                     bdata::make({acks_policy::none, acks_policy::leader, acks_policy::all}) ^
                         bdata::make({"0", "1", "all"}),
                     acks, text) {
    auto config = with([&](kafka_config& c) {
        c.acks = acks;
        c.enable_idempotence = false;
    });
    BOOST_TEST(*property(config.to_librdkafka(client_kind::producer), "acks") == text);
}

BOOST_AUTO_TEST_CASE(passthrough_overrides_derived_properties_and_comes_last) {
    auto config = with([](kafka_config& c) {
        c.librdkafka["message.timeout.ms"] = "1234";
        c.librdkafka["compression.type"] = "zstd";
        c.librdkafka["enable.auto.offset.store"] = "true";
    });
    const auto producer = config.to_librdkafka(client_kind::producer);
    BOOST_TEST(count(producer, "message.timeout.ms") == 1u);
    BOOST_TEST(*property(producer, "message.timeout.ms") == "1234");
    BOOST_TEST(producer.back().first == "enable.auto.offset.store"); // passthrough is verbatim
    BOOST_TEST(*property(producer, "compression.type") == "zstd");
    const auto consumer = config.to_librdkafka(client_kind::consumer);
    BOOST_TEST(count(consumer, "enable.auto.offset.store") == 1u);
    BOOST_TEST(*property(consumer, "enable.auto.offset.store") == "true");
    BOOST_TEST(consumer.back().first == "message.timeout.ms");
}

BOOST_DATA_TEST_CASE(sanitized_servers_drop_credentials, bdata::make(sanitize_cases), s) {
    auto config = with([&](kafka_config& c) { c.bootstrap_servers = s.servers; });
    BOOST_TEST(config.sanitized_servers() == s.expected);
}

BOOST_AUTO_TEST_CASE(configs_compare_field_by_field) {
    BOOST_TEST((kafka_config{} == kafka_config{}));
    BOOST_TEST(!(kafka_config{} == with([](kafka_config& c) { c.librdkafka["a"] = "b"; })));
    BOOST_TEST(!(kafka_config{} == with([](kafka_config& c) { c.consumer_sleep_interval = 0.2; })));
}

#ifdef ONEX_EVENT_BUS_TEST_WITH_LIBRDKAFKA
namespace {

std::vector<kafka_config> librdkafka_samples() {
    auto sasl = with([](kafka_config& c) {
        c.security_protocol = "SASL_PLAINTEXT";
        c.sasl_mechanism = "SCRAM-SHA-512";
        c.api_version = "0.9.0";
        c.group_instance_id = "svc-1";
        c.librdkafka = {{"sasl.username", "user"}, {"sasl.password", "secret"}};
    });
    auto lowest = with([](kafka_config& c) {
        c.timeout_seconds = 1;
        c.max_request_size = 1024;
        c.session_timeout_ms = 6000;
        c.heartbeat_interval_ms = 1000;
        c.max_poll_interval_ms = 10000;
        c.reconnect_backoff_ms = 0;
        c.reconnect_backoff_max_ms = 0;
        c.api_version = "3.6.0";
    });
    auto highest = with([](kafka_config& c) {
        c.timeout_seconds = 300;
        c.max_request_size = 52428800;
        c.session_timeout_ms = 300000;
        c.heartbeat_interval_ms = 60000;
        c.max_poll_interval_ms = 3600000;
        c.reconnect_backoff_ms = 3600000;
        c.reconnect_backoff_max_ms = 3600000;
        c.acks = acks_policy::leader;
        c.enable_idempotence = false;
        c.auto_offset_reset = "earliest";
        c.enable_auto_commit = false;
    });
    return {kafka_config{}, sasl, lowest, highest};
}

rd_kafka_conf_res_t set(rd_kafka_conf_t* conf, const std::string& name, const std::string& value) {
    char error[512] = "";
    const auto result = rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof error);
    BOOST_TEST_INFO(name << "=" << value << ": " << error);
    BOOST_TEST(result != RD_KAFKA_CONF_UNKNOWN);
    return result;
}

} // namespace

// librdkafka knows every property we derive and accepts the whole set when a client is created.
BOOST_DATA_TEST_CASE(librdkafka_accepts_the_derived_properties,
                     bdata::make(librdkafka_samples()) *
                         bdata::make({client_kind::producer, client_kind::consumer}),
                     config, kind) {
    BOOST_REQUIRE_NO_THROW(config.validate());
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    set(conf, "log_level", "0"); // the client tries to connect: keep that quiet
    for (const auto& [name, value] : config.to_librdkafka(kind))
        BOOST_TEST(set(conf, name, value) == RD_KAFKA_CONF_OK);
    char error[512] = "";
    const auto type = kind == client_kind::producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER;
    rd_kafka_t* client = rd_kafka_new(type, conf, error, sizeof error);
    BOOST_TEST_INFO(error);
    BOOST_TEST(client != nullptr);
    if (client)
        rd_kafka_destroy(client);
    else
        rd_kafka_conf_destroy(conf);
}

// The OIDC properties exist in every librdkafka >= 1.9, but builds without libcurl (Debian's)
// refuse their values; their names must still be known.
BOOST_AUTO_TEST_CASE(librdkafka_knows_the_oauthbearer_properties) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    for (const auto& [name, value] : full_config().to_librdkafka(client_kind::producer))
        set(conf, name, value);
    rd_kafka_conf_destroy(conf);
}
#endif

BOOST_AUTO_TEST_SUITE_END()
