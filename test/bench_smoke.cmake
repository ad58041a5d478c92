# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# Runs onex-bench with tiny counts and checks its JSON and SVG:
#   cmake -DBENCH=<onex-bench> -DOUT=<directory> -P bench_smoke.cmake

file(MAKE_DIRECTORY "${OUT}")
execute_process(
    COMMAND "${BENCH}" --memory-messages 20000 --kafka-messages 2000 --roundtrip-messages 300
            --roundtrip-rate 2000 --partitions 4 --idle-seconds 0.5
            --json "${OUT}/bench.json" --svg "${OUT}/bench.svg"
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors)
message("${output}")
if(NOT result EQUAL 0)
    message(FATAL_ERROR "onex-bench failed (${result}): ${errors}")
endif()

file(READ "${OUT}/bench.json" json)
set(expected memory kafka-produce kafka-consume kafka-roundtrip)
string(JSON count LENGTH "${json}" scenarios)
if(NOT count EQUAL 4)
    message(FATAL_ERROR "expected 4 scenarios, got ${count}")
endif()
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
    list(GET expected ${i} name)
    string(JSON got GET "${json}" scenarios ${i} name)
    if(NOT got STREQUAL name)
        message(FATAL_ERROR "scenario ${i} is ${got}, expected ${name}")
    endif()
    foreach(side bus baseline)
        foreach(field msgs_per_s p50_us p99_us cpu_s)
            string(JSON value ERROR_VARIABLE missing GET "${json}" scenarios ${i} ${side} ${field})
            if(missing)
                message(FATAL_ERROR "${name}.${side}.${field}: ${missing}")
            endif()
        endforeach()
        string(JSON rate GET "${json}" scenarios ${i} ${side} msgs_per_s)
        if(NOT rate GREATER 0)
            message(FATAL_ERROR "${name}.${side}.msgs_per_s is ${rate}")
        endif()
    endforeach()
    string(JSON ratio GET "${json}" scenarios ${i} ratio)
    if(NOT ratio GREATER 0)
        message(FATAL_ERROR "${name}.ratio is ${ratio}")
    endif()
endforeach()
foreach(field bus_cpu_percent poll_loop_cpu_percent)
    string(JSON value ERROR_VARIABLE missing GET "${json}" idle ${field})
    if(missing)
        message(FATAL_ERROR "idle.${field}: ${missing}")
    endif()
endforeach()

file(READ "${OUT}/bench.svg" svg)
foreach(needle "<svg " "memory: publish -> handler" "kafka-roundtrip: publish -> handler"
        "<polyline" "</svg>")
    string(FIND "${svg}" "${needle}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the SVG lacks '${needle}'")
    endif()
endforeach()
