# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# Tests of the onex-bus command-line tool, included from test/CMakeLists.txt.
#
# The file is also its own checker, run as a script by the tests below, because
# PASS_REGULAR_EXPRESSION alone ignores the exit code:
#   cmake -DEXIT=<code> [-DSTDERR_LINES=<n>] [-DMATCH_1=<regex> ... -DMATCH_4=<regex>]
#         -P cli_tests.cmake -- <command> [<argument>...]
# runs the command (at most 60 s) and fails unless it exits with <code>, its stderr has <n> lines,
# and each MATCH_<i> matches its stderr. `$` anchors the end of stderr without its final newline;
# a regex cannot hold a ';' (it would split the list).

if(CMAKE_SCRIPT_MODE_FILE)
    set(command)
    set(in_command FALSE)
    math(EXPR last "${CMAKE_ARGC} - 1")
    foreach(i RANGE ${last})
        if(in_command)
            list(APPEND command "${CMAKE_ARGV${i}}")
        elseif(CMAKE_ARGV${i} STREQUAL "--")
            set(in_command TRUE)
        endif()
    endforeach()
    execute_process(COMMAND ${command} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                    TIMEOUT 60)
    message("exit: ${rc}\nstdout:\n${out}\nstderr:\n${err}")
    if(NOT rc STREQUAL EXIT)
        message(FATAL_ERROR "expected exit ${EXIT}, got ${rc}")
    endif()
    if(DEFINED STDERR_LINES)
        string(REGEX MATCHALL "\n" newlines "${err}")
        list(LENGTH newlines lines)
        if(NOT lines EQUAL STDERR_LINES)
            message(FATAL_ERROR "expected ${STDERR_LINES} line(s) on stderr, got ${lines}")
        endif()
    endif()
    string(REGEX REPLACE "\n$" "" err_text "${err}")
    foreach(i RANGE 1 4)
        if(DEFINED MATCH_${i} AND NOT err_text MATCHES "${MATCH_${i}}")
            message(FATAL_ERROR "stderr does not match: ${MATCH_${i}}")
        endif()
    endforeach()
    return()
endif()

# add_cli_check(<name> EXIT <code> [STDERR_LINES <n>] [MATCH <regex>...] COMMAND <args>...)
function(add_cli_check name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "EXIT;STDERR_LINES" "MATCH;COMMAND")
    set(defines -DEXIT=${arg_EXIT})
    if(DEFINED arg_STDERR_LINES)
        list(APPEND defines -DSTDERR_LINES=${arg_STDERR_LINES})
    endif()
    set(i 0)
    foreach(regex IN LISTS arg_MATCH)
        math(EXPR i "${i} + 1")
        list(APPEND defines "-DMATCH_${i}=${regex}")
    endforeach()
    add_test(NAME ${name}
             COMMAND ${CMAKE_COMMAND} ${defines} -P ${CMAKE_CURRENT_FUNCTION_LIST_FILE}
                     -- $<TARGET_FILE:onex-bus> ${arg_COMMAND})
endfunction()

# The issue's round trip: publish to an onex-kafka-mock in its own process, tail it back as JSON.
add_test(NAME cli_roundtrip
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/cli_roundtrip.sh $<TARGET_FILE:onex-bus>
                 $<TARGET_FILE:onex-kafka-mock>)
# 20 s for the mock to listen, at most 60 s for each of the two onex-bus runs.
set_tests_properties(cli_roundtrip PROPERTIES TIMEOUT 150)

add_cli_check(cli_bad_option EXIT 2 STDERR_LINES 1
              MATCH "^onex-bus: tail: the option '--group' is required but missing$"
              COMMAND tail t)
add_cli_check(cli_unknown_command EXIT 2 STDERR_LINES 1
              MATCH "^onex-bus: unknown command 'pubilsh': use publish, tail, health or config"
              COMMAND pubilsh t)
add_cli_check(cli_bad_count EXIT 2 STDERR_LINES 1
              MATCH "^onex-bus: tail: --count -1: must be 0 .no limit. or more$"
              COMMAND tail t --group g --count -1)
add_cli_check(cli_bad_format EXIT 2 STDERR_LINES 1
              MATCH "^onex-bus: tail: --format xml: must be text or json$"
              COMMAND tail t --group g --format xml)
add_cli_check(cli_unknown_header EXIT 2 STDERR_LINES 1
              MATCH "^onex-bus: publish: --header colour=red: unknown header 'colour'. the headers are content_type, correlation_id, "
              COMMAND publish t --header colour=red v)
# The consumer's decoder would use "normal" for it: here it is refused, not repaired.
add_cli_check(cli_bad_header_value EXIT 2 STDERR_LINES 1
              MATCH "^onex-bus: publish: --header priority=urgent: header 'priority' is not low, normal, high or critical: 'urgent'$"
              COMMAND publish t --header priority=urgent v)
add_cli_check(cli_bad_bootstrap EXIT 2 STDERR_LINES 1
              MATCH "^onex-bus: health: --bootstrap nohost: Invalid bootstrap server format 'nohost'"
              COMMAND --bootstrap nohost health)
add_cli_check(cli_help EXIT 0 STDERR_LINES 0 COMMAND tail --help)

# Every invalid field is named, not just the first.
add_cli_check(cli_config_invalid EXIT 1 STDERR_LINES 2
              MATCH "onex-bus: config: timeout_seconds: timeout_seconds=0 is out of range .1, 300."
                    "onex-bus: config: circuit_breaker_threshold: circuit_breaker_threshold=0 is out of range .1, 100."
              COMMAND config)
set_tests_properties(cli_config_invalid PROPERTIES
    ENVIRONMENT "KAFKA_TIMEOUT_SECONDS=0;KAFKA_CIRCUIT_BREAKER_THRESHOLD=0")
add_cli_check(cli_config_missing_yaml EXIT 1 STDERR_LINES 1
              MATCH "^onex-bus: config: Configuration file not found: no-such-file.yaml$"
              COMMAND config --yaml no-such-file.yaml)

# Nothing listens on port 1: the start fails within --timeout, with one line, and does not hang.
add_cli_check(cli_health_unreachable EXIT 1 STDERR_LINES 1
              MATCH "^onex-bus: health: cannot start the bus on 127.0.0.1:1: "
              COMMAND --bootstrap 127.0.0.1:1 --timeout 2 health)
set_tests_properties(cli_health_unreachable PROPERTIES TIMEOUT 20)
