#!/bin/sh
# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# Usage: sh test/install/run.sh <configured and built CMake build dir, e.g. build/release>
#
# Installs onex_event_bus with `cmake --install` and with `b2 install` into temporary prefixes and
# builds and runs test/install/main.cpp against each installed tree, from outside the source tree:
# through the CMake package, then through pkg-config (with --static for a static library). One
# line per stage; a failing stage prints its log. Set ONEX_JOBS to limit b2's parallelism.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 <cmake build dir>" >&2
    exit 2
fi
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jobs=${ONEX_JOBS:-$(nproc)}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/onex-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# stage <description> <command...>: runs the command quietly; on failure shows its output.
stage() {
    description=$1
    shift
    if "$@" >"$tmp/stage.log" 2>&1; then
        echo "ok   $description"
    else
        cat "$tmp/stage.log"
        echo "FAIL $description"
        exit 1
    fi
}

# The functions below run under `if` (in stage), where `set -e` does not apply: each command's
# status is checked explicitly.

# The installed tree's pkg-config directory (lib/ or lib/<multiarch>/, after GNUInstallDirs).
pc_dir() {
    pc=$(find "$1" -name onex_event_bus.pc -path '*/pkgconfig/*') || return 1
    [ -n "$pc" ] || { echo "no onex_event_bus.pc under $1" >&2; return 1; }
    dirname "$pc"
}

# pkg_config_build <prefix> <executable>: compiles main.cpp with g++ and the flags pkg-config
# gives for the installed tree (--static for a static library) and checks that the program uses
# the installed library as intended.
pkg_config_build() {
    PKG_CONFIG_PATH=$(pc_dir "$1") || return 1
    export PKG_CONFIG_PATH
    installed=$(pkg-config --variable=prefix onex_event_bus) || return 1
    [ "$installed" = "$1" ] || { echo "pkg-config found $installed, not $1" >&2; return 1; }
    libdir=$(pkg-config --variable=libdir onex_event_bus) || return 1
    if [ -e "$libdir/libonex_event_bus.a" ]; then
        flags=$(pkg-config --cflags --libs --static onex_event_bus) || return 1
        echo "g++ -std=c++20 main.cpp $flags"
        # shellcheck disable=SC2086
        g++ -std=c++20 -Wall -Wextra -Wpedantic -Werror "$here/main.cpp" -o "$2" $flags ||
            return 1
        if readelf -d "$2" | grep 'NEEDED.*libonex_event_bus'; then
            echo "linked the shared library instead of libonex_event_bus.a" >&2
            return 1
        fi
    else
        flags=$(pkg-config --cflags --libs onex_event_bus) || return 1
        echo "g++ -std=c++20 main.cpp $flags"
        # shellcheck disable=SC2086
        g++ -std=c++20 -Wall -Wextra -Wpedantic -Werror "$here/main.cpp" -o "$2" $flags \
            -Wl,-rpath,"$libdir" || return 1
        readelf -d "$2" | grep 'NEEDED.*libonex_event_bus\.so' || return 1
    fi
}

# cmake_consumer: configures and builds test/install against the CMake package, and checks that
# the package found is the one in the temporary prefix.
cmake_consumer() {
    cmake -S "$here" -B "$tmp/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_PREFIX_PATH="$tmp/cmake" -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON || return 1
    grep "^onex_event_bus_DIR:PATH=$tmp/cmake/" "$tmp/consumer/CMakeCache.txt" || return 1
    cmake --build "$tmp/consumer"
}

# b2_install: `b2 install` from the source root (it builds the library first, if needed).
b2_install() {
    (cd "$root" && b2 -q -j"$jobs" install --prefix="$tmp/b2")
}

stage "cmake --install ${1} into a temporary prefix" \
    cmake --install "$build" --prefix "$tmp/cmake"
stage "find_package(onex_event_bus CONFIG): consumer configured and built" cmake_consumer
stage "find_package(onex_event_bus CONFIG): consumer runs" "$tmp/consumer/install_check"
stage "pkg-config (cmake-installed tree): main.cpp built with g++" \
    pkg_config_build "$tmp/cmake" "$tmp/pkg_config_check"
stage "pkg-config (cmake-installed tree): program runs" "$tmp/pkg_config_check"
stage "b2 install --prefix into a temporary prefix" b2_install
stage "pkg-config (b2-installed tree): main.cpp built with g++" \
    pkg_config_build "$tmp/b2" "$tmp/b2_check"
stage "pkg-config (b2-installed tree): program runs" "$tmp/b2_check"
