// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "config/kafka_config_fields.hpp"

#include <onex/event_bus/infra_error.hpp>
#include <onex/event_bus/kafka_config.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <system_error>
#include <type_traits>

namespace onex::event_bus {
namespace detail {
namespace {

constexpr auto fields = std::to_array<kafka_config_field>({
    {"bootstrap_servers", "KAFKA_BOOTSTRAP_SERVERS", &kafka_config::bootstrap_servers},
    {"api_version", "KAFKA_API_VERSION", &kafka_config::api_version},
    {"environment", "KAFKA_ENVIRONMENT", &kafka_config::environment},
    {"group", "KAFKA_GROUP", &kafka_config::group},
    {"timeout_seconds", "KAFKA_TIMEOUT_SECONDS", &kafka_config::timeout_seconds},
    {"max_retry_attempts", "KAFKA_MAX_RETRY_ATTEMPTS", &kafka_config::max_retry_attempts},
    {"retry_backoff_base", "KAFKA_RETRY_BACKOFF_BASE", &kafka_config::retry_backoff_base},
    {"max_handler_retries", "KAFKA_MAX_HANDLER_RETRIES", &kafka_config::max_handler_retries},
    {"circuit_breaker_threshold", "KAFKA_CIRCUIT_BREAKER_THRESHOLD",
     &kafka_config::circuit_breaker_threshold},
    {"circuit_breaker_reset_timeout", "KAFKA_CIRCUIT_BREAKER_RESET_TIMEOUT",
     &kafka_config::circuit_breaker_reset_timeout},
    {"consumer_sleep_interval", "KAFKA_CONSUMER_SLEEP_INTERVAL",
     &kafka_config::consumer_sleep_interval},
    {"consumer_start_concurrency", "", &kafka_config::consumer_start_concurrency},
    {"consumer_start_max_retries", "", &kafka_config::consumer_start_max_retries},
    {"acks", "KAFKA_ACKS", &kafka_config::acks},
    {"enable_idempotence", "KAFKA_ENABLE_IDEMPOTENCE", &kafka_config::enable_idempotence},
    {"max_request_size", "KAFKA_MAX_REQUEST_SIZE", &kafka_config::max_request_size},
    {"auto_offset_reset", "KAFKA_AUTO_OFFSET_RESET", &kafka_config::auto_offset_reset},
    {"enable_auto_commit", "KAFKA_ENABLE_AUTO_COMMIT", &kafka_config::enable_auto_commit},
    {"session_timeout_ms", "KAFKA_SESSION_TIMEOUT_MS", &kafka_config::session_timeout_ms},
    {"heartbeat_interval_ms", "KAFKA_HEARTBEAT_INTERVAL_MS", &kafka_config::heartbeat_interval_ms},
    {"max_poll_interval_ms", "KAFKA_MAX_POLL_INTERVAL_MS", &kafka_config::max_poll_interval_ms},
    {"dead_letter_topic", "KAFKA_DEAD_LETTER_TOPIC", &kafka_config::dead_letter_topic},
    {"security_protocol", "KAFKA_SECURITY_PROTOCOL", &kafka_config::security_protocol},
    {"sasl_mechanism", "KAFKA_SASL_MECHANISM", &kafka_config::sasl_mechanism},
    {"sasl_oauthbearer_token_endpoint_url", "KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL",
     &kafka_config::sasl_oauthbearer_token_endpoint_url},
    {"sasl_oauthbearer_client_id", "KAFKA_SASL_OAUTHBEARER_CLIENT_ID",
     &kafka_config::sasl_oauthbearer_client_id},
    {"sasl_oauthbearer_client_secret", "KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET",
     &kafka_config::sasl_oauthbearer_client_secret},
    {"ssl_ca_file", "KAFKA_SSL_CA_FILE", &kafka_config::ssl_ca_file},
    {"reconnect_backoff_ms", "KAFKA_RECONNECT_BACKOFF_MS", &kafka_config::reconnect_backoff_ms},
    {"reconnect_backoff_max_ms", "KAFKA_RECONNECT_BACKOFF_MAX_MS",
     &kafka_config::reconnect_backoff_max_ms},
    {"instance_id", "KAFKA_INSTANCE_ID", &kafka_config::instance_id},
    {"group_instance_id", "", &kafka_config::group_instance_id},
});

// std::from_chars rejects the leading '+' that people (and Python's int()) accept.
std::string_view without_plus(std::string_view text) {
    if (text.size() > 1 && text.front() == '+' && text[1] != '-')
        text.remove_prefix(1);
    return text;
}

template <class T>
std::optional<T> parse_number(std::string_view text) {
    text = without_plus(text);
    T value{};
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end)
        return std::nullopt;
    return value;
}

bool iequals(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

bool iequals_any(std::string_view text, std::initializer_list<std::string_view> words) {
    return std::ranges::any_of(words, [&](std::string_view w) { return iequals(text, w); });
}

template <class T>
std::optional<T> parse_as(std::string_view text) {
    if constexpr (std::is_same_v<T, std::string>)
        return std::string(text);
    else if constexpr (std::is_same_v<T, int>)
        return parse_int(text);
    else if constexpr (std::is_same_v<T, double>)
        return parse_double(text);
    else if constexpr (std::is_same_v<T, bool>)
        return parse_bool(text);
    else
        return parse_acks(text);
}

} // namespace

std::span<const kafka_config_field> kafka_config_fields() {
    return fields;
}

std::string_view trim(std::string_view text) {
    constexpr std::string_view space = " \t\n\r\f\v";
    const auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

std::optional<int> parse_int(std::string_view text) {
    return parse_number<int>(text);
}

std::optional<double> parse_double(std::string_view text) {
    auto value = parse_number<double>(text);
    if (value && !std::isfinite(*value))
        return std::nullopt;
    return value;
}

std::optional<bool> parse_bool(std::string_view text) {
    if (iequals_any(text, {"true", "1", "yes", "on"}))
        return true;
    if (iequals_any(text, {"false", "0", "no", "off"}))
        return false;
    return std::nullopt;
}

std::optional<acks_policy> parse_acks(std::string_view text) {
    if (text == "all" || text == "-1")
        return acks_policy::all;
    if (text == "1")
        return acks_policy::leader;
    if (text == "0")
        return acks_policy::none;
    return std::nullopt;
}

bool assign_from_text(kafka_config& config, const kafka_config_member& member,
                      std::string_view text) {
    text = trim(text);
    return std::visit(
        [&]<class T>(T kafka_config::*field) {
            if constexpr (std::is_same_v<T, std::optional<std::string>>) {
                config.*field = text.empty() ? std::nullopt : std::optional(std::string(text));
                return true;
            } else {
                auto value = parse_as<T>(text);
                if (!value)
                    return false;
                config.*field = std::move(*value);
                return true;
            }
        },
        member);
}

std::string_view expected_text(const kafka_config_member& member) {
    return std::visit(
        []<class T>(T kafka_config::*) -> std::string_view {
            if constexpr (std::is_same_v<T, int>)
                return "Expected an integer";
            else if constexpr (std::is_same_v<T, double>)
                return "Expected a number";
            else if constexpr (std::is_same_v<T, bool>)
                return "Valid values are: true, false, 1, 0, yes, no, on, off (any case)";
            else if constexpr (std::is_same_v<T, acks_policy>)
                return "Valid values are: all, 0, 1, -1";
            else
                return "Expected a string";
        },
        member);
}

} // namespace detail

namespace {

using detail::trim;

// Where the rules report what they find: validate() throws the first problem, problems() returns
// them all, so both say exactly the same. A rule stops at a problem that makes its later checks
// meaningless (a port that is not a number has no range).
class problem_list {
public:
    // The same problem found twice (two empty server entries) is reported once.
    void add(std::string message, std::string_view parameter, std::string value) {
        const auto same = [&](const protocol_configuration_error& e) {
            return e.parameter() == parameter && e.diag().message == message;
        };
        if (std::ranges::none_of(found_, same))
            found_.emplace_back(std::move(message), std::string(parameter), std::move(value));
    }

    std::vector<protocol_configuration_error> release() && { return std::move(found_); }

private:
    std::vector<protocol_configuration_error> found_;
};

std::string to_text(int value) {
    return std::to_string(value);
}

std::string to_text(double value) {
    std::array<char, 64> buffer{};
    auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                std::chars_format::general);
    return std::string(buffer.data(), result.ptr);
}

std::string in_quotes(std::string_view text) {
    return "'" + std::string(text) + "'";
}

std::string_view to_text(acks_policy acks) {
    switch (acks) {
    case acks_policy::none:
        return "0";
    case acks_policy::leader:
        return "1";
    case acks_policy::all:
        break;
    }
    return "all";
}

std::string_view to_text(bool value) {
    return value ? "true" : "false";
}

// The value of an optional string, or null when it is unset or blank (both mean "not set").
const std::string* present(const std::optional<std::string>& value) {
    return value && !trim(*value).empty() ? &*value : nullptr;
}

// The trimmed entries of a comma-separated server list, empty ones kept so they can be rejected.
std::vector<std::string_view> server_entries(std::string_view servers) {
    std::vector<std::string_view> entries;
    for (std::size_t start = 0;;) {
        const auto comma = servers.find(',', start);
        entries.push_back(trim(servers.substr(start, comma - start)));
        if (comma == std::string_view::npos)
            return entries;
        start = comma + 1;
    }
}

std::string join(const std::vector<std::string_view>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i != 0)
            out += separator;
        out += parts[i];
    }
    return out;
}

void check_server_entry(std::string_view servers, std::string_view entry, problem_list& out) {
    constexpr std::string_view field = "bootstrap_servers";
    const std::string shown = in_quotes(entry);
    if (entry.empty())
        return out.add("bootstrap_servers cannot contain empty entries", field,
                       std::string(servers));
    const auto colon = entry.rfind(':');
    if (colon == std::string_view::npos)
        return out.add("Invalid bootstrap server format " + shown +
                           ". Expected 'host:port' (e.g., 'localhost:9092')",
                       field, std::string(entry));
    if (colon == 0)
        return out.add("Invalid bootstrap server format " + shown + ". Host cannot be empty", field,
                       std::string(entry));
    const auto port_text = entry.substr(colon + 1);
    const auto port = detail::parse_number<long long>(port_text);
    if (!port)
        return out.add("Invalid port " + in_quotes(port_text) + " in " + shown +
                           ". Port must be a valid integer",
                       field, std::string(entry));
    if (*port < 1 || *port > 65535)
        out.add("Invalid port " + std::to_string(*port) + " in " + shown +
                    ". Port must be between 1 and 65535",
                field, std::string(entry));
}

void check_bootstrap_servers(const std::string& servers, problem_list& out) {
    if (trim(servers).empty())
        return out.add("bootstrap_servers cannot be empty", "bootstrap_servers", servers);
    for (auto entry : server_entries(servers))
        check_server_entry(servers, entry, out);
}

void check_not_blank(std::string_view field, const std::string& value, problem_list& out) {
    if (trim(value).empty())
        out.add(std::string(field) + " cannot be empty", field, value);
}

bool is_version(std::string_view text) {
    int parts = 0;
    for (std::size_t start = 0;; ++parts) {
        const auto dot = text.find('.', start);
        const auto part = text.substr(start, dot - start);
        if (part.empty() || !std::ranges::all_of(part, [](char c) { return c >= '0' && c <= '9'; }))
            return false;
        if (dot == std::string_view::npos)
            return parts == 2;
        start = dot + 1;
    }
}

void check_api_version(const std::optional<std::string>& api_version, problem_list& out) {
    const auto* version = present(api_version);
    if (version && !is_version(*version))
        out.add("api_version=" + in_quotes(*version) +
                    " must use '<major>.<minor>.<patch>' format (e.g., '3.6.0')",
                "api_version", *version);
}

template <class T>
struct range_rule {
    std::string_view field;
    T kafka_config::*member;
    T min;
    T max;
};

constexpr auto int_ranges = std::to_array<range_rule<int>>({
    {"timeout_seconds", &kafka_config::timeout_seconds, 1, 300},
    {"max_retry_attempts", &kafka_config::max_retry_attempts, 0, 10},
    {"max_handler_retries", &kafka_config::max_handler_retries, 0, 100},
    {"circuit_breaker_threshold", &kafka_config::circuit_breaker_threshold, 1, 100},
    {"consumer_start_concurrency", &kafka_config::consumer_start_concurrency, 1, 1024},
    {"consumer_start_max_retries", &kafka_config::consumer_start_max_retries, 0, 10},
    {"max_request_size", &kafka_config::max_request_size, 1024, 52428800},
    {"session_timeout_ms", &kafka_config::session_timeout_ms, 6000, 300000},
    {"heartbeat_interval_ms", &kafka_config::heartbeat_interval_ms, 1000, 60000},
    {"max_poll_interval_ms", &kafka_config::max_poll_interval_ms, 10000, 3600000},
    // librdkafka's own limit; the Python services set no maximum.
    {"reconnect_backoff_ms", &kafka_config::reconnect_backoff_ms, 0, 3600000},
    {"reconnect_backoff_max_ms", &kafka_config::reconnect_backoff_max_ms, 0, 3600000},
});

constexpr auto double_ranges = std::to_array<range_rule<double>>({
    {"retry_backoff_base", &kafka_config::retry_backoff_base, 0.001, 60.0},
    {"circuit_breaker_reset_timeout", &kafka_config::circuit_breaker_reset_timeout, 0.01, 3600.0},
    {"consumer_sleep_interval", &kafka_config::consumer_sleep_interval, 0.01, 10.0},
});

template <class T>
void check_ranges(const kafka_config& config, const auto& rules, problem_list& out) {
    for (const range_rule<T>& rule : rules) {
        const T value = config.*rule.member;
        // Written so that NaN fails too.
        if (!(value >= rule.min && value <= rule.max))
            out.add(std::string(rule.field) + "=" + to_text(value) + " is out of range [" +
                        to_text(rule.min) + ", " + to_text(rule.max) + "]",
                    rule.field, to_text(value));
    }
}

void check_one_of(std::string_view field, const std::string& value,
                  std::initializer_list<std::string_view> allowed, problem_list& out) {
    if (std::ranges::find(allowed, value) != allowed.end())
        return;
    std::string list;
    for (auto a : allowed)
        list += (list.empty() ? "" : ", ") + std::string(a);
    out.add(std::string(field) + "=" + in_quotes(value) + " is not one of: " + list, field, value);
}

void check_sasl_mechanism(const std::optional<std::string>& sasl_mechanism, problem_list& out) {
    const auto* mechanism = present(sasl_mechanism);
    if (!mechanism)
        return;
    if (*mechanism == "AWS_MSK_IAM")
        return out.add("sasl_mechanism='AWS_MSK_IAM' is not supported: librdkafka has no "
                       "AWS_MSK_IAM mechanism (use OAUTHBEARER, SCRAM or PLAIN)",
                       "sasl_mechanism", *mechanism);
    check_one_of("sasl_mechanism", *mechanism,
                 {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER"}, out);
}

void check_kafka_identifier(std::string_view field, const std::optional<std::string>& value,
                            problem_list& out) {
    const auto* id = present(value);
    const auto allowed = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    };
    if (id && !std::ranges::all_of(*id, allowed))
        out.add(std::string(field) + " " + in_quotes(*id) +
                    " contains invalid characters. Only alphanumeric characters, periods (.), "
                    "underscores (_), and hyphens (-) are allowed.",
                field, *id);
}

void check_single_fields(const kafka_config& c, problem_list& out) {
    check_bootstrap_servers(c.bootstrap_servers, out);
    check_api_version(c.api_version, out);
    check_not_blank("environment", c.environment, out);
    check_not_blank("group", c.group, out);
    check_ranges<int>(c, int_ranges, out);
    check_ranges<double>(c, double_ranges, out);
    check_one_of("auto_offset_reset", c.auto_offset_reset, {"earliest", "latest"}, out);
    check_one_of("security_protocol", c.security_protocol,
                 {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}, out);
    check_sasl_mechanism(c.sasl_mechanism, out);
    check_kafka_identifier("instance_id", c.instance_id, out);
    check_kafka_identifier("group_instance_id", c.group_instance_id, out);
}

void check_ordered(std::string_view low_field, int low, std::string_view relation,
                   std::string_view high_field, int high, bool ok, std::string_view parameter,
                   problem_list& out) {
    if (!ok)
        out.add(std::string(low_field) + " (" + std::to_string(low) + ") must be " +
                    std::string(relation) + " " + std::string(high_field) + " (" +
                    std::to_string(high) + ")",
                parameter, std::to_string(parameter == low_field ? low : high));
}

void check_timing(const kafka_config& c, problem_list& out) {
    check_ordered("reconnect_backoff_max_ms", c.reconnect_backoff_max_ms,
                  ">=", "reconnect_backoff_ms", c.reconnect_backoff_ms,
                  c.reconnect_backoff_max_ms >= c.reconnect_backoff_ms, "reconnect_backoff_max_ms",
                  out);
    check_ordered("heartbeat_interval_ms", c.heartbeat_interval_ms, "<", "session_timeout_ms",
                  c.session_timeout_ms, c.heartbeat_interval_ms < c.session_timeout_ms,
                  "heartbeat_interval_ms", out);
    check_ordered("max_poll_interval_ms", c.max_poll_interval_ms, ">=", "session_timeout_ms",
                  c.session_timeout_ms, c.max_poll_interval_ms >= c.session_timeout_ms,
                  "max_poll_interval_ms", out);
}

void check_idempotence(const kafka_config& c, problem_list& out) {
    // librdkafka refuses to create such a producer.
    if (c.enable_idempotence && c.acks != acks_policy::all)
        out.add("enable_idempotence=true requires acks='all', got acks=" +
                    in_quotes(to_text(c.acks)),
                "acks", std::string(to_text(c.acks)));
}

// librdkafka refuses to create a PLAIN or SCRAM client without them.
void check_credentials(const std::string& mechanism,
                       const std::map<std::string, std::string>& properties, problem_list& out) {
    const auto has = [&](const std::string& name) {
        auto it = properties.find(name);
        return it != properties.end() && !trim(it->second).empty();
    };
    if (!has("sasl.username") || !has("sasl.password"))
        out.add("sasl_mechanism=" + in_quotes(mechanism) +
                    " requires the librdkafka properties sasl.username and sasl.password",
                "sasl_mechanism", mechanism);
}

bool is_sasl(const std::string& protocol) {
    return protocol == "SASL_PLAINTEXT" || protocol == "SASL_SSL";
}

bool needs_credentials(const std::string& mechanism) {
    return mechanism == "PLAIN" || mechanism == "SCRAM-SHA-256" || mechanism == "SCRAM-SHA-512";
}

void check_sasl(const kafka_config& c, problem_list& out) {
    const auto* mechanism = present(c.sasl_mechanism);
    if (is_sasl(c.security_protocol) && !mechanism)
        out.add("security_protocol=" + in_quotes(c.security_protocol) + " requires sasl_mechanism",
                "sasl_mechanism", {});
    if (!mechanism)
        return;
    if (!is_sasl(c.security_protocol))
        out.add("sasl_mechanism=" + in_quotes(*mechanism) +
                    " requires security_protocol 'SASL_PLAINTEXT' or 'SASL_SSL', got " +
                    in_quotes(c.security_protocol),
                "security_protocol", c.security_protocol);
    // An unknown mechanism was reported by check_sasl_mechanism; it has no requirements here.
    if (needs_credentials(*mechanism))
        return check_credentials(*mechanism, c.librdkafka, out);
    if (*mechanism != "OAUTHBEARER")
        return;
    std::string missing;
    for (const auto& [name, value] :
         {std::pair{"sasl_oauthbearer_token_endpoint_url", &c.sasl_oauthbearer_token_endpoint_url},
          std::pair{"sasl_oauthbearer_client_id", &c.sasl_oauthbearer_client_id},
          std::pair{"sasl_oauthbearer_client_secret", &c.sasl_oauthbearer_client_secret}}) {
        if (!present(*value))
            missing += (missing.empty() ? "" : ", ") + std::string(name);
    }
    if (!missing.empty())
        out.add("sasl_mechanism='OAUTHBEARER' requires non-empty OAuth fields: " + missing,
                "sasl_mechanism", *mechanism);
}

void check_passthrough(const kafka_config& c, problem_list& out) {
    for (const auto& [name, value] : c.librdkafka) {
        if (trim(name).empty())
            out.add("librdkafka property names cannot be empty (value " + in_quotes(value) + ")",
                    "librdkafka", name);
    }
}

// Single-field rules come before the rules between fields, so that a problem is reported on the
// field that has it rather than on a relation it breaks.
using rule = void (*)(const kafka_config&, problem_list&);
constexpr std::array<rule, 5> rules{check_single_fields, check_timing, check_idempotence,
                                    check_sasl, check_passthrough};

std::string lowercase(std::string text) {
    std::ranges::transform(text, text.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

using property_list = std::vector<std::pair<std::string, std::string>>;

void add_common(const kafka_config& c, property_list& out) {
    auto add = [&](std::string name, std::string value) {
        out.emplace_back(std::move(name), std::move(value));
    };
    add("bootstrap.servers", join(server_entries(c.bootstrap_servers), ","));
    add("security.protocol", lowercase(c.security_protocol));
    if (const auto* mechanism = present(c.sasl_mechanism)) {
        add("sasl.mechanisms", *mechanism);
        if (*mechanism == "OAUTHBEARER") {
            add("sasl.oauthbearer.method", "oidc");
            if (const auto* url = present(c.sasl_oauthbearer_token_endpoint_url))
                add("sasl.oauthbearer.token.endpoint.url", *url);
            if (const auto* id = present(c.sasl_oauthbearer_client_id))
                add("sasl.oauthbearer.client.id", *id);
            if (const auto* secret = present(c.sasl_oauthbearer_client_secret))
                add("sasl.oauthbearer.client.secret", *secret);
        }
    }
    if (const auto* ca = present(c.ssl_ca_file))
        add("ssl.ca.location", *ca);
    add("reconnect.backoff.ms", to_text(c.reconnect_backoff_ms));
    add("reconnect.backoff.max.ms", to_text(c.reconnect_backoff_max_ms));
    // Like aiokafka's api_version: assume this broker version instead of asking. librdkafka itself
    // turns the request back on for versions >= 0.10, which all answer it.
    if (const auto* version = present(c.api_version)) {
        add("api.version.request", "false");
        add("broker.version.fallback", *version);
    }
}

void add_producer(const kafka_config& c, property_list& out) {
    out.emplace_back("acks", to_text(c.acks));
    out.emplace_back("enable.idempotence", to_text(c.enable_idempotence));
    out.emplace_back("message.timeout.ms", to_text(c.timeout_seconds * 1000));
    out.emplace_back("message.max.bytes", to_text(c.max_request_size));
}

void add_consumer(const kafka_config& c, property_list& out) {
    if (const auto* id = present(c.group_instance_id))
        out.emplace_back("group.instance.id", *id);
    out.emplace_back("session.timeout.ms", to_text(c.session_timeout_ms));
    out.emplace_back("heartbeat.interval.ms", to_text(c.heartbeat_interval_ms));
    out.emplace_back("max.poll.interval.ms", to_text(c.max_poll_interval_ms));
    out.emplace_back("auto.offset.reset", c.auto_offset_reset);
    out.emplace_back("enable.auto.commit", to_text(c.enable_auto_commit));
    out.emplace_back("enable.auto.offset.store", "false");
}

void add_passthrough(const std::map<std::string, std::string>& properties, property_list& out) {
    for (const auto& [name, value] : properties) {
        auto same = std::ranges::find(out, name, &property_list::value_type::first);
        if (same != out.end())
            same->second = value;
        else
            out.emplace_back(name, value);
    }
}

} // namespace

void kafka_config::validate() const {
    auto found = problems();
    if (!found.empty())
        throw protocol_configuration_error(std::move(found.front()));
}

std::vector<protocol_configuration_error> kafka_config::problems() const {
    problem_list out;
    for (const rule check : rules)
        check(*this, out);
    return std::move(out).release();
}

std::vector<std::pair<std::string, std::string>>
kafka_config::to_librdkafka(client_kind kind) const {
    property_list out;
    add_common(*this, out);
    if (kind == client_kind::producer)
        add_producer(*this, out);
    else
        add_consumer(*this, out);
    add_passthrough(librdkafka, out);
    return out;
}

std::string kafka_config::sanitized_servers() const {
    if (bootstrap_servers.empty())
        return "unknown";
    auto entries = server_entries(bootstrap_servers);
    for (auto& entry : entries) {
        if (const auto at = entry.find('@'); at != std::string_view::npos)
            entry.remove_prefix(at + 1);
    }
    return join(entries, ",");
}

} // namespace onex::event_bus
