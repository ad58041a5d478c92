// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// onex-soak: the fault soak. Exit status 0 when nothing acknowledged was lost, 1 when something
// was (or the run could not be carried out), 2 for a bad command line.

#include "report.hpp"
#include "settings.hpp"
#include "soak_run.hpp"

#include <boost/json/serialize.hpp>

#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    using namespace onex::soak;
    std::optional<settings> s;
    try {
        s = parse_settings(argc, argv);
    } catch (const usage_error& e) {
        std::cerr << "onex-soak: " << e.what() << "\n(onex-soak --help lists the options)\n";
        return 2;
    }
    if (!s)
        return 0;
    const soak_result r = run_soak(*s);
    print_report(std::cout, *s, r);
    if (!s->json.empty()) {
        std::ofstream out(s->json);
        out << boost::json::serialize(to_json(*s, r)) << "\n";
        if (!out) {
            std::cerr << "onex-soak: cannot write " << s->json << "\n";
            return 1;
        }
    }
    return passed(r) ? 0 : 1;
}
