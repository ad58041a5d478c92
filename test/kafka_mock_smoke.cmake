# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# Runs `onex-kafka-mock --port 0 --self-test` and fails unless it both prints "self-test: ok" and
# exits 0: PASS_REGULAR_EXPRESSION alone would ignore the exit code (e.g. a sanitizer's report at
# exit). Run: cmake -DAPP=<path to onex-kafka-mock> -P test/kafka_mock_smoke.cmake

execute_process(COMMAND "${APP}" --port 0 --self-test
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
message("${out}${err}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "self-test: ok")
    message(FATAL_ERROR "onex-kafka-mock --self-test failed (exit: ${rc})")
endif()
