# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# Writes one ctest per test case of a Boost.Test program (what `--list_content` lists), so that
# ctest runs the cases of one suite in parallel: most integration cases spend their time waiting
# for the mock cluster (a group join takes ~3 s), not on a CPU. Run after each link of the
# program; ctest reads the file through the TEST_INCLUDE_FILES directory property:
#   cmake -DBINARY=<test program> -DKIND=<label and name prefix> -DOUTPUT=<file>
#         [-DSKIPPABLE_SUITES=<suite;...>] -P list_test_cases.cmake
# A case of a suite in SKIPPABLE_SUITES counts as skipped when its precondition fails.

cmake_minimum_required(VERSION 3.25)
foreach(var BINARY KIND OUTPUT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "list_test_cases: -D${var}=... is required")
    endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/test_units.cmake")
onex_test_units("${BINARY}" units)

set(script "# Written by list_test_cases.cmake from ${BINARY} --list_content.\n")
set(count 0)
foreach(unit IN LISTS units)
    # A case of a suite; deeper units (a data-driven case's samples) run with their case.
    if(NOT unit MATCHES "^([^/]+)/([^/]+)$")
        continue()
    endif()
    set(suite "${CMAKE_MATCH_1}")
    set(name "${KIND}.${unit}")
    set(args "--run_test=${unit}" --report_level=short)
    set(skippable FALSE)
    if(suite IN_LIST SKIPPABLE_SUITES)
        list(APPEND args --log_level=test_suite) # prints why it was skipped
        set(skippable TRUE)
    endif()
    list(JOIN args "]==] [==[" quoted)
    string(APPEND script "add_test([==[${name}]==] [==[${BINARY}]==] [==[${quoted}]==])\n")
    string(APPEND script "set_tests_properties([==[${name}]==] PROPERTIES LABELS ${KIND})\n")
    if(skippable)
        string(APPEND script "set_tests_properties([==[${name}]==] PROPERTIES "
                             "SKIP_REGULAR_EXPRESSION \"skipped because precondition failed\")\n")
    endif()
    math(EXPR count "${count} + 1")
endforeach()
if(count EQUAL 0)
    message(FATAL_ERROR "list_test_cases: ${BINARY} lists no test case")
endif()
file(WRITE "${OUTPUT}" "${script}")
