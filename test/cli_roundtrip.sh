#!/bin/sh
# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# The issue's round trip, through separate processes: onex-kafka-mock serves a topic, onex-bus
# publishes a message with headers to it (and one read from stdin), and onex-bus tail reads them
# back as JSON and as text.
# Run: sh test/cli_roundtrip.sh <path to onex-bus> <path to onex-kafka-mock>

set -u
bus=$1
mock=$2
topic=cli.events
# The mock cluster lets a group's new member in only once the last one's session timed out: the
# shortest session the configuration allows keeps the second tail of a group short.
export KAFKA_SESSION_TIMEOUT_MS=6000 KAFKA_HEARTBEAT_INTERVAL_MS=2000

work=$(mktemp -d "${TMPDIR:-/tmp}/cli_roundtrip.XXXXXX") || exit 1
mock_pid=

cleanup() {
    if [ -n "$mock_pid" ]; then
        kill "$mock_pid" 2>/dev/null
        wait "$mock_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
    echo "cli_roundtrip: $*" >&2
    for f in "$work"/*; do
        [ -f "$f" ] && printf -- '--- %s\n%s\n' "${f##*/}" "$(cat "$f")" >&2
    done
    exit 1
}

"$mock" --port 0 --partitions 1 --topic "$topic" >"$work/mock.out" 2>&1 &
mock_pid=$!

# Waits for the other process's "listening on <address>" line: 200 x 0.1 s = 20 s at most.
address=
tries=0
while [ "$tries" -lt 200 ]; do
    address=$(sed -n 's/^onex-kafka-mock: listening on \([^ ]*\).*/\1/p' "$work/mock.out")
    [ -n "$address" ] && break
    kill -0 "$mock_pid" 2>/dev/null || fail "onex-kafka-mock exited before listening"
    sleep 0.1
    tries=$((tries + 1))
done
[ -n "$address" ] || fail "onex-kafka-mock printed no address within 20 s"

hex=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
uuid=$(echo "$hex" | sed 's/^\(.\{8\}\)\(.\{4\}\)\(.\{4\}\)\(.\{4\}\)\(.\{12\}\)$/\1-\2-\3-\4-\5/')

# Runs onex-bus against the mock, at most 60 s, its output in $work/<name>.out and .err.
run_bus() {
    name=$1
    shift
    timeout 60 "$bus" --bootstrap "$address" "$@" >"$work/$name.out" 2>"$work/$name.err" ||
        fail "onex-bus $* exited with $?"
}

# Fails unless line $2 of $work/$1.out holds each of the other arguments.
expect_line() {
    name=$1
    line=$(sed -n "${2}p" "$work/$name.out")
    shift 2
    for expected in "$@"; do
        case $line in
        *"$expected"*) ;;
        *) fail "$name: '$expected' is not in: $line" ;;
        esac
    done
}

run_bus publish publish "$topic" --key k1 --header "correlation_id=$uuid" \
    --header source=cli-test --header priority=high 'hello'
printf 'from stdin' >"$work/value.txt"
run_bus publish_stdin publish "$topic" - <"$work/value.txt"

# The issue's check: the first message as JSON, with its key, value and headers.
run_bus tail_json tail "$topic" --group cli-test --from-beginning --count 1 --format json
[ "$(wc -l <"$work/tail_json.out")" -eq 1 ] || fail "tail --count 1 printed other than one line"
expect_line tail_json 1 "\"topic\":\"$topic\"" '"key":"k1"' '"value":"hello"' \
    "\"correlation_id\":\"$uuid\"" '"source":"cli-test"' '"priority":"high"' \
    "\"event_type\":\"$topic\"" '"offset":"0"'

# --count 1 committed only the message it printed: the group goes on with the second one, which
# has the default headers.
run_bus tail_json_again tail "$topic" --group cli-test --count 1 --format json
expect_line tail_json_again 1 '"key":null' '"value":"from stdin"' '"source":"onex-bus"' \
    "\"event_type\":\"$topic\"" '"offset":"1"'

run_bus tail_text tail "$topic" --group cli-test-text --from-beginning --count 2
[ "$(wc -l <"$work/tail_text.out")" -eq 2 ] || fail "tail --count 2 printed other than two lines"
expect_line tail_text 1 'partition=0 offset=0 key="k1" value="hello" ' \
    " correlation_id=$uuid " ' source=cli-test ' " event_type=$topic " ' priority=high '
expect_line tail_text 2 'partition=0 offset=1 key=null value="from stdin" ' ' source=onex-bus '

echo "cli_roundtrip: ok ($address, correlation_id $uuid)"
