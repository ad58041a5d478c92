# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# Runs the one-minute fault soak and checks its accounting: nothing acknowledged was lost, and the
# faults really happened (publishes failed, messages were dead-lettered and redelivered, the
# publish circuit opened):
#   cmake -DSOAK=<onex-soak> -DOUT=<directory> -P soak_short.cmake

file(MAKE_DIRECTORY "${OUT}")
execute_process(
    COMMAND "${SOAK}" --short --json "${OUT}/soak.json"
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors)
message("${errors}${output}")
if(NOT result EQUAL 0)
    message(FATAL_ERROR "onex-soak --short failed (${result})")
endif()

file(READ "${OUT}/soak.json" json)
foreach(field acknowledged failed consumed duplicates dead_lettered lost)
    string(JSON ${field} ERROR_VARIABLE missing GET "${json}" ${field})
    if(missing)
        message(FATAL_ERROR "soak.json: ${missing}")
    endif()
endforeach()
if(NOT lost EQUAL 0)
    message(FATAL_ERROR "${lost} acknowledged messages were lost")
endif()
if(NOT acknowledged GREATER 0 OR NOT consumed GREATER 0 OR NOT dead_lettered GREATER 0)
    message(FATAL_ERROR "the soak did not exercise the bus: acknowledged ${acknowledged}, "
                        "consumed ${consumed}, dead-lettered ${dead_lettered}")
endif()
math(EXPR accounted "${consumed} + ${dead_lettered}")
if(accounted LESS acknowledged)
    message(FATAL_ERROR "consumed + dead-lettered (${accounted}) < acknowledged (${acknowledged})")
endif()
string(JSON transitions LENGTH "${json}" breaker_transitions)
string(JSON faults LENGTH "${json}" faults)
if(transitions EQUAL 0 OR faults LESS 8)
    message(FATAL_ERROR "the fault plan did not run: ${faults} faults, ${transitions} circuit "
                        "transitions")
endif()
