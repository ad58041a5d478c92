// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_TEST_COMMON_TEST_PATHS_HPP
#define ONEX_TEST_COMMON_TEST_PATHS_HPP

#include <filesystem>
#include <stdexcept>

namespace onex::test {

// The repository root, found from this file's path (CMake compiles with absolute paths) or, for
// builds that pass relative paths (b2), by walking up from the working directory.
inline std::filesystem::path source_root() {
    namespace fs = std::filesystem;
    auto is_root = [](const fs::path& p) {
        return fs::exists(p / "Jamroot") && fs::exists(p / "config");
    };
    fs::path from_file = fs::path(__FILE__).parent_path().parent_path().parent_path();
    if (from_file.is_absolute() && is_root(from_file))
        return from_file;
    for (fs::path p = fs::current_path(); !p.empty(); p = p.parent_path()) {
        if (is_root(p))
            return p;
        if (p == p.parent_path())
            break;
    }
    throw std::runtime_error("cannot find the repository root from " + fs::current_path().string());
}

inline std::filesystem::path config_dir() {
    return source_root() / "config";
}

} // namespace onex::test

#endif // ONEX_TEST_COMMON_TEST_PATHS_HPP
