# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.

# Keeps the README's "Bad input" table honest: every row must name at least one test
# (`suite/case` in backticks in its last column) and every named test must exist in one of the
# test binaries (whose suites the unit.* and integration.* ctests run). A renamed or removed
# test, or a row without one, fails this check.
#
# Usage: cmake -DTEST_BINARIES=<binary>[;<binary>...] -DREADME=<README.md> -P bad_input_table.cmake

cmake_minimum_required(VERSION 3.25)

foreach(var TEST_BINARIES README)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "bad_input_table: -D${var}=... is required")
    endif()
endforeach()

file(READ "${README}" text)
# Turn the file into a list of lines: first protect what CMake lists treat specially.
string(REPLACE ";" "<semicolon>" text "${text}")
string(REPLACE "[" "<lbracket>" text "${text}")
string(REPLACE "]" "<rbracket>" text "${text}")
string(REPLACE "\\|" "<pipe>" text "${text}") # an escaped pipe inside a cell
string(REPLACE "\n" ";" lines "${text}")

set(in_section FALSE)
set(header_seen FALSE)
set(rows 0)
set(tests)
foreach(line IN LISTS lines)
    if(line MATCHES "^###? ")
        if(line MATCHES "^###? Bad input$")
            set(in_section TRUE)
        elseif(in_section)
            break()
        endif()
        continue()
    endif()
    if(NOT in_section OR NOT line MATCHES "^\\|")
        continue()
    endif()
    if(NOT header_seen)
        if(NOT line MATCHES "^\\| *Bad input *\\| *What you get *\\| *Test *\\| *$")
            message(FATAL_ERROR "bad_input_table: unexpected table header: ${line}")
        endif()
        set(header_seen TRUE)
        continue()
    endif()
    if(line MATCHES "^\\|[-:| ]+\\|? *$")
        continue() # the separator row
    endif()
    math(EXPR rows "${rows} + 1")
    string(REGEX REPLACE "\\| *$" "" row "${line}")
    if(NOT row MATCHES "\\|([^|]*)$")
        message(FATAL_ERROR "bad_input_table: row ${rows} has no Test column: ${line}")
    endif()
    set(cell "${CMAKE_MATCH_1}")
    string(REGEX MATCHALL "`[A-Za-z0-9_]+/[A-Za-z0-9_]+`" names "${cell}")
    if(NOT names)
        message(FATAL_ERROR "bad_input_table: row ${rows} names no test: ${line}")
    endif()
    foreach(name IN LISTS names)
        string(REPLACE "`" "" name "${name}")
        list(APPEND tests "${name}")
    endforeach()
endforeach()

if(NOT header_seen OR rows EQUAL 0)
    message(FATAL_ERROR "bad_input_table: no 'Bad input' table with rows in ${README}")
endif()
list(REMOVE_DUPLICATES tests)

# Every name must be a test unit of a binary: Boost.Test would quietly run the others when one
# filter of several matches nothing.
include("${CMAKE_CURRENT_LIST_DIR}/test_units.cmake")
set(known)
foreach(binary IN LISTS TEST_BINARIES)
    onex_test_units("${binary}" units)
    list(APPEND known ${units})
endforeach()
set(missing)
foreach(name IN LISTS tests)
    if(NOT name IN_LIST known)
        list(APPEND missing "${name}")
    endif()
endforeach()
if(missing)
    message(FATAL_ERROR "bad_input_table: the table names tests that do not exist: ${missing}")
endif()

list(LENGTH tests count)
# Running them is the unit.* and integration.* ctests' job (each suite is one): this check only
# ties the table to tests that exist, so CI does not run them twice.
message(STATUS "bad_input_table: ${rows} rows, ${count} tests, all of them in the test binaries")
