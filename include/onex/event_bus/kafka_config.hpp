// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_KAFKA_CONFIG_HPP
#define ONEX_EVENT_BUS_KAFKA_CONFIG_HPP

#include <onex/event_bus/infra_error.hpp>

#include <boost/json/object.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace onex::event_bus {

/// How many broker acknowledgements a produce request waits for (librdkafka `acks`).
enum class acks_policy {
    /// `"0"`: fire and forget; the broker does not answer.
    none,

    /// `"1"`: the partition leader has written the message.
    leader,

    /// `"all"` (or `"-1"`): every in-sync replica has the message. Required by idempotence.
    all,
};

/// Which librdkafka client a property set is meant for; see @ref kafka_config::to_librdkafka.
enum class client_kind { producer, consumer };

/// Looks up an environment variable by name; `std::nullopt` when it is not set.
/// Lets tests feed variables without touching the process environment.
using env_lookup = std::function<std::optional<std::string>(std::string_view name)>;

/// Configuration of the Kafka event bus (the guide's `ModelKafkaEventBusConfig`).
///
/// A plain struct: set fields directly, or load them with @ref from_env / @ref from_yaml, then call
/// @ref validate. Field names are the YAML keys. Optional strings that are empty or blank mean
/// "not set" everywhere.
///
/// Differences from the Python services, on purpose:
/// - an unparsable number or boolean in a `KAFKA_*` variable is an error instead of being ignored;
/// - `AWS_MSK_IAM` is rejected (librdkafka has no such mechanism) and there is no `msk_region`;
/// - the reconnect backoffs are capped at 3600000 ms, librdkafka's limit;
/// - `group` must not be blank;
/// - PLAIN and SCRAM require `sasl.username` and `sasl.password` in @ref librdkafka, and
///   `enable_idempotence` requires `acks` all, since librdkafka refuses to start otherwise;
/// - anything librdkafka accepts can be passed through @ref librdkafka.
struct kafka_config {
    /// Comma-separated `host:port` list. Credentials written as `user@host:port` are removed from
    /// logs and diagnostics (see @ref sanitized_servers). Env `KAFKA_BOOTSTRAP_SERVERS`.
    std::string bootstrap_servers = "localhost:9092";

    /// Broker version to assume, `<major>.<minor>.<patch>`, instead of asking the broker.
    /// Unset (the default) lets librdkafka ask. Env `KAFKA_API_VERSION`.
    std::optional<std::string> api_version;

    /// Environment name used for routing (e.g. `dev`, `prod`); must not be blank.
    /// Env `KAFKA_ENVIRONMENT`.
    std::string environment = "local";

    /// Consumer group identifier; must not be blank. Env `KAFKA_GROUP`.
    std::string group = "default";

    /// Timeout of Kafka operations in seconds, 1..300; also the producer's delivery timeout.
    /// Env `KAFKA_TIMEOUT_SECONDS`.
    int timeout_seconds = 30;

    /// Publish retries after the first attempt, 0..10; 0 means a single attempt.
    /// Env `KAFKA_MAX_RETRY_ATTEMPTS`.
    int max_retry_attempts = 3;

    /// Base delay in seconds of the exponential publish backoff, 0.001..60.0.
    /// Env `KAFKA_RETRY_BACKOFF_BASE`.
    double retry_backoff_base = 1.0;

    /// Handler retries of one consumed message at most, 0..100, whatever its `max_retries`
    /// header asks: the headers come from any producer, and `max_retries=1000000` would hold
    /// its partition for days. Env `KAFKA_MAX_HANDLER_RETRIES`.
    int max_handler_retries = 3;

    /// Consecutive failures that open the circuit breaker, 1..100.
    /// Env `KAFKA_CIRCUIT_BREAKER_THRESHOLD`.
    int circuit_breaker_threshold = 5;

    /// Seconds an open circuit waits before letting a trial request through, 0.01..3600.0.
    /// Env `KAFKA_CIRCUIT_BREAKER_RESET_TIMEOUT`.
    double circuit_breaker_reset_timeout = 30.0;

    /// Used only by the Python services: their consumer poll interval in seconds, 0.01..10.0.
    /// Read and validated so that their files load, but unused here: the consumers wait on
    /// librdkafka's queue event, not a timer.
    /// Env `KAFKA_CONSUMER_SLEEP_INTERVAL`.
    double consumer_sleep_interval = 0.1;

    /// Used only by the Python services: their limit on consumers started at once, 1..1024.
    /// Read and validated, unused here: a consumer is created without blocking, one per group.
    /// No env variable.
    int consumer_start_concurrency = 32;

    /// Used only by the Python services: their retries of a failed consumer start, 0..10.
    /// Read and validated, unused here: a group whose consumer librdkafka refuses is logged at
    /// error level. No env variable.
    int consumer_start_max_retries = 3;

    /// Producer acknowledgements. Text forms: `"0"`, `"1"`, `"all"`, `"-1"` (= all).
    /// Env `KAFKA_ACKS`.
    acks_policy acks = acks_policy::all;

    /// Idempotent producer (no duplicates on retry); requires `acks` all.
    /// Env `KAFKA_ENABLE_IDEMPOTENCE`.
    bool enable_idempotence = true;

    /// Largest produce request in bytes, 1024..52428800. Env `KAFKA_MAX_REQUEST_SIZE`.
    int max_request_size = 4194304;

    /// Where a new consumer group starts: `earliest` or `latest`. Env `KAFKA_AUTO_OFFSET_RESET`.
    std::string auto_offset_reset = "latest";

    /// Whether stored offsets are committed periodically. Offsets are stored only once a message
    /// was handled or dead-lettered, whatever this says. Env `KAFKA_ENABLE_AUTO_COMMIT`.
    bool enable_auto_commit = true;

    /// Consumer group session timeout in ms, 6000..300000. Env `KAFKA_SESSION_TIMEOUT_MS`.
    int session_timeout_ms = 45000;

    /// Consumer heartbeat interval in ms, 1000..60000; must be below `session_timeout_ms`.
    /// Env `KAFKA_HEARTBEAT_INTERVAL_MS`.
    int heartbeat_interval_ms = 15000;

    /// Longest time between polls in ms, 10000..3600000; must be at least `session_timeout_ms`.
    /// Env `KAFKA_MAX_POLL_INTERVAL_MS`.
    int max_poll_interval_ms = 300000;

    /// Topic for messages whose handlers failed for good. Unset: such a message is logged at
    /// error level and counted in `health_check()` (unlike the Python services, which fall back
    /// to a default topic).
    /// Env `KAFKA_DEAD_LETTER_TOPIC`.
    std::optional<std::string> dead_letter_topic;

    /// `PLAINTEXT`, `SSL`, `SASL_PLAINTEXT` or `SASL_SSL`. Env `KAFKA_SECURITY_PROTOCOL`.
    std::string security_protocol = "PLAINTEXT";

    /// `PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512` or `OAUTHBEARER`; required by (and only allowed
    /// with) the `SASL_*` protocols. PLAIN and SCRAM need the credentials `sasl.username` and
    /// `sasl.password` in @ref librdkafka. Env `KAFKA_SASL_MECHANISM`.
    std::optional<std::string> sasl_mechanism;

    /// OIDC token endpoint for `OAUTHBEARER` (required with it).
    /// Env `KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL`.
    std::optional<std::string> sasl_oauthbearer_token_endpoint_url;

    /// OIDC client id for `OAUTHBEARER` (required with it). Env `KAFKA_SASL_OAUTHBEARER_CLIENT_ID`.
    std::optional<std::string> sasl_oauthbearer_client_id;

    /// OIDC client secret for `OAUTHBEARER` (required with it).
    /// Env `KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET`.
    std::optional<std::string> sasl_oauthbearer_client_secret;

    /// CA certificate file for TLS; unset means the system's CA store. Env `KAFKA_SSL_CA_FILE`.
    std::optional<std::string> ssl_ca_file;

    /// First reconnect delay in ms, 0..3600000. Env `KAFKA_RECONNECT_BACKOFF_MS`.
    int reconnect_backoff_ms = 2000;

    /// Largest reconnect delay in ms, 0..3600000; at least `reconnect_backoff_ms`.
    /// Env `KAFKA_RECONNECT_BACKOFF_MAX_MS`.
    int reconnect_backoff_max_ms = 30000;

    /// Used only by the Python services: their discriminator for consumer group ids; characters
    /// `[a-zA-Z0-9._-]`. Read and validated, unused here: group ids are exactly what `subscribe`
    /// was given (containers that share a group id share its partitions, as Kafka intends).
    /// Env `KAFKA_INSTANCE_ID`.
    std::optional<std::string> instance_id;

    /// Static group membership id (librdkafka `group.instance.id`); characters `[a-zA-Z0-9._-]`.
    /// No env variable.
    std::optional<std::string> group_instance_id;

    /// librdkafka properties passed through verbatim (TLS, SASL credentials, compression, ...).
    /// Applied after everything derived from the fields above, so they win. Keys must not be empty.
    std::map<std::string, std::string> librdkafka;

    /// Field-by-field equality.
    friend bool operator==(const kafka_config&, const kafka_config&) = default;

    /// Checks every field and the rules between them; throws @ref protocol_configuration_error
    /// whose `parameter()` is the offending field and whose message names the value and what is
    /// allowed, e.g. "timeout_seconds=0 is out of range [1, 300]". Single-field rules are checked
    /// before rules between fields.
    void validate() const;

    /// Every rule that @ref validate checks and this configuration breaks, in the order
    /// @ref validate checks them (so `problems().front()` is what it throws), each as it would be
    /// thrown: `parameter()` names the field. Empty when the configuration is valid. A rule that
    /// found a problem does not go on with checks that depend on it (a port that is no number is
    /// not range-checked too); the same problem is listed once.
    std::vector<protocol_configuration_error> problems() const;

    /// Overrides fields from the `KAFKA_*` variables `lookup` reports (unset or empty variables
    /// change nothing; values are trimmed). Throws @ref protocol_configuration_error, `parameter()`
    /// being the variable's name, when a number, boolean or `KAFKA_ACKS` does not parse. Does not
    /// validate.
    void apply_env(const env_lookup& lookup);

    /// Overrides the fields the YAML file sets (its `librdkafka:` entries are added to, or replace
    /// those of, @ref librdkafka), with the rules and messages of @ref from_yaml, but neither reads
    /// the environment nor validates. On error `*this` is unchanged.
    void apply_yaml(const std::filesystem::path& path);

    /// As @ref apply_yaml, reading YAML `text`; `source_name` names it in error messages.
    void apply_yaml_string(std::string_view text, std::string_view source_name);

    /// Defaults, overridden by the process environment, then validated.
    static kafka_config from_env();

    /// Defaults, overridden by the variables `lookup` reports, then validated.
    static kafka_config from_env(const env_lookup& lookup);

    /// Defaults, overridden by the YAML file, overridden by the process environment, validated.
    ///
    /// The file is a mapping of field names to values plus an optional `librdkafka:` mapping of
    /// scalars. An empty file gives the defaults. `${VAR}` placeholders are not expanded: values
    /// are taken literally (use the `KAFKA_*` variables instead). Throws
    /// @ref protocol_configuration_error when the file is missing or unreadable, is not valid YAML
    /// (the message gives the 1-based line and column), is not a single mapping, holds an unknown
    /// or duplicate key or a value of the wrong type (the message names the key and its line), and
    /// for everything @ref validate rejects.
    static kafka_config from_yaml(const std::filesystem::path& path);

    /// As @ref from_yaml(const std::filesystem::path&), with the environment read from `lookup`.
    static kafka_config from_yaml(const std::filesystem::path& path, const env_lookup& lookup);

    /// As @ref from_yaml, reading YAML `text`; `source_name` names it in error messages.
    static kafka_config from_yaml_string(std::string_view text, std::string_view source_name,
                                         const env_lookup& lookup);

    /// The librdkafka properties for a client of `kind`, in order, passthrough entries last (an
    /// entry of @ref librdkafka replaces a derived property of the same name). Only properties
    /// that apply to `kind` are derived, so librdkafka logs no "ignored property" warnings.
    /// Consumers always get `enable.auto.offset.store=false`: the bus stores an offset only after
    /// its message was handled or dead-lettered. Call @ref validate first.
    std::vector<std::pair<std::string, std::string>> to_librdkafka(client_kind kind) const;

    /// `bootstrap_servers` fit for logs: each entry trimmed and stripped of anything up to and
    /// including its first `@`; `"unknown"` when `bootstrap_servers` is empty.
    std::string sanitized_servers() const;

    /// The configuration as a JSON object: one member per field under its YAML name, in
    /// declaration order, then `librdkafka` as an object. Optional fields that are unset are
    /// `null`, `acks` is its text form (`"all"`, `"1"`, `"0"`), numbers and booleans are JSON
    /// numbers and booleans, so the object read as YAML gives this configuration back.
    ///
    /// With `mask_secrets` (the default) every secret is replaced by `"****"`: the value of
    /// `sasl_oauthbearer_client_secret` when set, the credentials of each `bootstrap_servers` entry
    /// written as `user:password@host:port` (giving `****@host:port`), and the value of each
    /// @ref librdkafka entry whose name @ref is_secret_property says is a secret.
    boost::json::object to_json(bool mask_secrets = true) const;

    /// Whether the librdkafka property `name` holds a secret: its name, in any case, contains
    /// `password` or `secret` (`sasl.password`, `ssl.key.password`, `ssl.keystore.password`,
    /// `sasl.oauthbearer.client.secret`, ...) or is one of librdkafka's other sensitive properties,
    /// `ssl.key.pem`, `ssl_key` and `sasl.oauthbearer.config` (which may embed credentials).
    static bool is_secret_property(std::string_view name);
};

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_KAFKA_CONFIG_HPP
