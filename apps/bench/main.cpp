// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

/** onex-bench: measures the event bus side by side with what it is built on — raw librdkafka
 *  for the Kafka bus (against an embedded mock cluster unless a broker is given), a bare
 *  asio::post for the in-memory bus — in the same run and with the same settings, and prints the
 *  ratios. See `onex-bench --help` and the README's "Benchmarks".
 */

#include "process_stats.hpp"
#include "report.hpp"
#include "scenarios.hpp"

#include <boost/json/serialize.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    using namespace onex::bench;
    settings s;
    try {
        auto parsed = parse_settings(argc, argv);
        if (!parsed)
            return 0;
        s = std::move(*parsed);
    } catch (const usage_error& e) {
        std::cerr << "onex-bench: " << e.what() << "\n\n" << usage() << "\n";
        return 2;
    }
    try {
        progress_bar progress(s.progress);
        report r;
        if (s.run_memory)
            r.scenarios.push_back(run_memory(s, progress));
        if (s.run_kafka) {
            idle_result idle;
            for (auto& k : run_kafka(s, progress, idle))
                r.scenarios.push_back(std::move(k));
            if (idle.seconds > 0)
                r.idle = idle;
        }
        r.peak_rss_bytes = peak_rss_bytes();
        print_table(std::cout, r);
        if (s.json_path)
            write_file(*s.json_path, boost::json::serialize(to_json(s, r)) + "\n");
        if (s.svg_path)
            write_file(*s.svg_path, to_svg(r));
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "onex-bench: " << e.what() << "\n";
        return 1;
    }
}
