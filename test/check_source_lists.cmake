# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# Fails when CMakeLists.txt, the Jamroot and the files on disk disagree about the sources of the
# library, the unit tests, the integration tests or the apps. Run: cmake -DROOT=<repo> -P test/check_source_lists.cmake

if(NOT ROOT)
    message(FATAL_ERROR "pass -DROOT=<repository root>")
endif()

file(READ "${ROOT}/CMakeLists.txt" cmake_text)
file(READ "${ROOT}/Jamroot" jam_text)

function(block_files text regex out)
    string(REGEX MATCH "${regex}" block "${text}")
    if(NOT block)
        message(FATAL_ERROR "no list matching '${regex}'")
    endif()
    string(REGEX MATCHALL "[A-Za-z0-9_./-]+\\.cpp" files "${block}")
    list(SORT files)
    set(${out} "${files}" PARENT_SCOPE)
endfunction()

set(failed FALSE)
foreach(kind SOURCES UNIT_TESTS INTEGRATION_TESTS APPS)
    string(TOLOWER "${kind}" jam_name)
    block_files("${cmake_text}" "set\\(ONEX_EVENT_BUS_${kind}[^)]*\\)" from_cmake)
    block_files("${jam_text}" "local ${jam_name} =[^;]*;" from_jam)
    if(kind STREQUAL "SOURCES")
        file(GLOB_RECURSE on_disk RELATIVE "${ROOT}" "${ROOT}/lib/*.cpp")
    elseif(kind STREQUAL "UNIT_TESTS")
        file(GLOB on_disk RELATIVE "${ROOT}" "${ROOT}/test/unit/*.cpp")
    elseif(kind STREQUAL "INTEGRATION_TESTS")
        file(GLOB on_disk RELATIVE "${ROOT}" "${ROOT}/test/integration/*.cpp")
    else()
        file(GLOB_RECURSE on_disk RELATIVE "${ROOT}" "${ROOT}/apps/*.cpp")
        # The examples are projects of their own (apps/examples/CMakeLists.txt and Jamfile).
        list(FILTER on_disk EXCLUDE REGEX "^apps/examples/")
    endif()
    list(SORT on_disk)
    if(NOT from_cmake STREQUAL from_jam)
        message(SEND_ERROR "${kind}: CMakeLists.txt lists [${from_cmake}] but Jamroot lists [${from_jam}]")
        set(failed TRUE)
    endif()
    if(NOT from_cmake STREQUAL on_disk)
        message(SEND_ERROR "${kind}: CMakeLists.txt lists [${from_cmake}] but the tree holds [${on_disk}]")
        set(failed TRUE)
    endif()
endforeach()

if(failed)
    message(FATAL_ERROR "source lists drifted")
endif()
message(STATUS "CMakeLists.txt, Jamroot and the tree agree")
