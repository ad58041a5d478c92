// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_TEST_FUZZ_FUZZ_COMMON_HPP
#define ONEX_EVENT_BUS_TEST_FUZZ_FUZZ_COMMON_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

// Stops the run when an invariant breaks: libFuzzer then saves the input as a crash. A macro, so
// that the message names the broken condition and its line.
#define ONEX_FUZZ_REQUIRE(condition)                                                               \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition); \
            __builtin_trap();                                                                      \
        }                                                                                          \
    } while (false)

namespace onex::event_bus::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) noexcept {
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace onex::event_bus::fuzz

#endif // ONEX_EVENT_BUS_TEST_FUZZ_FUZZ_COMMON_HPP
