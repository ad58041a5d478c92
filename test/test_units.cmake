# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# onex_test_units(<program> <variable>): sets <variable> to the test units the Boost.Test
# <program> lists with --list_content, each as its path: "suite", "suite/case",
# "suite/case/_0" (a data-driven case's samples), ... Fails when the program cannot list them.

function(onex_test_units program variable)
    execute_process(COMMAND "${program}" --list_content
                    OUTPUT_VARIABLE out ERROR_VARIABLE listing RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${program} --list_content failed (${rc}): ${listing}")
    endif()
    string(APPEND listing "${out}")
    string(REPLACE ";" "<semicolon>" listing "${listing}")
    string(REPLACE "\n" ";" listing "${listing}")
    set(units)
    set(stack)
    foreach(entry IN LISTS listing)
        # Four spaces a level, a '*' after an enabled unit; templates list as name<type>.
        if(NOT entry MATCHES "^((    )*)([^ *]+)\\*?$")
            continue()
        endif()
        string(LENGTH "${CMAKE_MATCH_1}" indent)
        math(EXPR depth "${indent} / 4")
        list(LENGTH stack size)
        while(size GREATER depth)
            list(POP_BACK stack)
            list(LENGTH stack size)
        endwhile()
        list(APPEND stack "${CMAKE_MATCH_3}")
        list(JOIN stack "/" path)
        list(APPEND units "${path}")
    endforeach()
    set(${variable} "${units}" PARENT_SCOPE)
endfunction()
