#!/bin/sh
# Writes test/standalone/<header>.cpp for each public header: each includes only that header.
cd "$(dirname "$0")/.." || exit 1
for h in include/onex/event_bus.hpp include/onex/event_bus/*.hpp; do
    name=$(basename "$h" .hpp)
    # The umbrella header's name is the same as the event_bus concept's header.
    [ "$h" = include/onex/event_bus.hpp ] && name=umbrella
    rel=${h#include/}
    out=test/standalone/$name.cpp
    [ -f "$out" ] && continue
    cat > "$out" <<CPP
// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// Test that the header is self-contained.
#include <$rel>
CPP
done
