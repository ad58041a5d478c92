#!/usr/bin/env bash
# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# Builds the libFuzzer targets and runs each for SECONDS (default 60) on its seed corpus.
#   test/fuzz/run.sh [SECONDS] [TARGET...]
# Environment: CXX (default clang++-14), BUILD_DIR (default build/fuzz), JOBS (default 2),
# SEED (libFuzzer's -seed) and RUNS (-runs: inputs per target, SECONDS still capping the time).
# Unset: a new random seed each run, to explore. CI sets both, so that a run tries what the last
# one tried (a prefix of it on a slower machine), and a red CI is a regression, not a new find.
# New corpus entries go to $BUILD_DIR/corpus/<target> (the seeds in test/fuzz/corpus stay as they
# are), crashing inputs to $BUILD_DIR/artifacts/<target>-*. Exits 1 if any target crashed.

set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-60}"
shift $(($# > 0 ? 1 : 0))
build="${BUILD_DIR:-$root/build/fuzz}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_dead_letter fuzz_event_envelope_json fuzz_event_headers_json fuzz_kafka_config_env
             fuzz_kafka_config_yaml fuzz_kafka_headers fuzz_message_category)
fi

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="${CXX:-clang++-14}" >/dev/null || exit 1
cmake --build "$build" -j "${JOBS:-2}" --target "${targets[@]}" || exit 1

failed=()
for target in "${targets[@]}"; do
    corpus="$build/corpus/$target"
    artifacts="$build/artifacts"
    log="$build/$target.log"
    mkdir -p "$corpus" "$artifacts"
    dict=()
    [ -f "$here/$target.dict" ] && dict=(-dict="$here/$target.dict")
    seed=()
    [ -n "${SEED:-}" ] && seed+=(-seed="$SEED")
    [ -n "${RUNS:-}" ] && seed+=(-runs="$RUNS")
    echo "== $target: ${seconds}s"
    "$build/$target" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$artifacts/$target-" "${dict[@]}" "${seed[@]}" \
        "$corpus" "$here/corpus/$target" >"$log" 2>&1
    status=$?
    runs="$(grep -o 'Done [0-9]* runs' "$log" | tail -1)"
    if [ $status -ne 0 ] || [ -z "$runs" ]; then
        echo "$target: CRASHED (exit $status), see $log"
        grep -E '^(==[0-9]+==ERROR|SUMMARY|.*invariant broken|artifact_prefix|Test unit written)' "$log"
        failed+=("$target")
    else
        echo "$target: $runs, corpus $(find "$corpus" -type f | wc -l) files"
    fi
done

if [ ${#failed[@]} -ne 0 ]; then
    echo "crashed: ${failed[*]}"
    exit 1
fi
echo "no crash"
