// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "report.hpp"

#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace onex::bench {
namespace {

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Microseconds with three significant digits or so.
std::string micros(std::uint64_t ns) {
    const double us = static_cast<double>(ns) / 1000.0;
    return fixed(us, us < 10 ? 2 : us < 100 ? 1 : 0);
}

std::string thousands(double v) {
    std::string digits = fixed(v, 0);
    for (auto i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

void print_side(std::ostream& os, const std::string& scenario, const side_result& side,
                const std::string& tail) {
    char line[256];
    const auto q = [&](double p) {
        return side.latency ? micros(side.latency->quantile(p)) : std::string("-");
    };
    std::snprintf(line, sizeof line, "%-16s %-11s %13s %8s %8s %8s %8s %9s %9s %7s  %s",
                  scenario.c_str(), side.label.c_str(), thousands(side.msgs_per_s()).c_str(),
                  fixed(side.mb_per_s(), 1).c_str(), q(0.5).c_str(), q(0.9).c_str(),
                  q(0.99).c_str(), q(0.999).c_str(),
                  side.latency ? micros(side.latency->max()).c_str() : "-",
                  fixed(side.cpu_seconds, 2).c_str(), tail.c_str());
    os << line << "\n";
}

boost::json::value quantile_us(const side_result& side, double p) {
    if (!side.latency)
        return nullptr;
    return static_cast<double>(side.latency->quantile(p)) / 1000.0;
}

boost::json::object side_json(const side_result& side) {
    return {{"label", side.label},
            {"messages", side.messages},
            {"seconds", side.seconds},
            {"msgs_per_s", side.msgs_per_s()},
            {"mb_per_s", side.mb_per_s()},
            {"p50_us", quantile_us(side, 0.5)},
            {"p90_us", quantile_us(side, 0.9)},
            {"p99_us", quantile_us(side, 0.99)},
            {"p999_us", quantile_us(side, 0.999)},
            {"max_us", side.latency
                           ? boost::json::value(static_cast<double>(side.latency->max()) / 1000.0)
                           : boost::json::value(nullptr)},
            {"cpu_s", side.cpu_seconds}};
}

std::string target_text(const scenario_result& s) {
    std::string t = "ratio " + fixed(s.ratio(), 2) + " (target >= " + fixed(s.min_ratio, 2);
    if (s.max_p99_ratio) {
        const auto p = s.p99_ratio();
        t += "; p99 " + (p ? fixed(*p, 2) : std::string("-")) +
             " (<= " + fixed(*s.max_p99_ratio, 1) + ")";
    } else {
        t += ")";
    }
    return t + (s.meets_targets() ? "  met" : "  MISSED");
}

} // namespace

void print_table(std::ostream& os, const report& r) {
    char header[256];
    std::snprintf(header, sizeof header, "%-16s %-11s %13s %8s %8s %8s %8s %9s %9s %7s", "scenario",
                  "side", "msgs/s", "MB/s", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us",
                  "cpu s");
    os << header << "\n" << std::string(110, '-') << "\n";
    for (const auto& s : r.scenarios) {
        print_side(os, s.name, s.baseline, s.latency_of.empty() ? "" : "latency: " + s.latency_of);
        print_side(os, "", s.bus, target_text(s));
    }
    if (r.idle) {
        os << "\nidle " << fixed(r.idle->seconds, 0) << " s: started Kafka bus io thread "
           << fixed(r.idle->bus_cpu_percent, 4) << " % of a core (target <= 0.1), a 1 ms "
           << "rd_kafka_poll loop " << fixed(r.idle->poll_loop_cpu_percent, 2)
           << " %; whole process (librdkafka's threads, the embedded broker) "
           << fixed(r.idle->process_cpu_percent, 2) << " %\n";
    }
    for (const auto& s : r.scenarios)
        if (const auto* g = s.extra.if_contains("rss_growth_1m_to_10m_percent"))
            os << s.name << ": RSS grew " << fixed(g->as_double(), 2)
               << " % from 1 M to 10 M published messages (target <= 5)\n";
    os << "peak RSS " << fixed(static_cast<double>(r.peak_rss_bytes) / 1048576.0, 1) << " MiB\n";
}

boost::json::object to_json(const settings& s, const report& r) {
    boost::json::array scenarios;
    for (const auto& sc : r.scenarios) {
        boost::json::object o{{"name", sc.name},
                              {"latency_of", sc.latency_of},
                              {"bus", side_json(sc.bus)},
                              {"baseline", side_json(sc.baseline)},
                              {"ratio", sc.ratio()},
                              {"target_min_ratio", sc.min_ratio},
                              {"meets_targets", sc.meets_targets()}};
        if (const auto p = sc.p99_ratio())
            o["p99_ratio"] = *p;
        if (sc.max_p99_ratio)
            o["target_max_p99_ratio"] = *sc.max_p99_ratio;
        for (const auto& [k, v] : sc.extra)
            o[k] = v;
        scenarios.push_back(std::move(o));
    }
    boost::json::object out{{"settings", s.to_json()},
                            {"scenarios", std::move(scenarios)},
                            {"peak_rss_bytes", r.peak_rss_bytes}};
    if (r.idle)
        out["idle"] = {{"seconds", r.idle->seconds},
                       {"bus_cpu_percent", r.idle->bus_cpu_percent},
                       {"poll_loop_cpu_percent", r.idle->poll_loop_cpu_percent},
                       {"process_cpu_percent", r.idle->process_cpu_percent}};
    return out;
}

std::string to_svg(const report& r) {
    std::vector<const scenario_result*> plotted;
    for (const auto& s : r.scenarios)
        if (s.bus.latency && s.baseline.latency && s.bus.latency->count() &&
            s.baseline.latency->count())
            plotted.push_back(&s);
    constexpr double width = 720, panel = 260, left = 70, right = 20, top = 40, bottom = 50;
    const double plot_w = width - left - right, plot_h = panel - top - bottom;
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\""
        << panel * static_cast<double>(std::max<std::size_t>(plotted.size(), 1))
        << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    if (plotted.empty())
        svg << "<text x=\"20\" y=\"30\">no latency was measured</text>\n";
    for (std::size_t i = 0; i < plotted.size(); ++i) {
        const auto& s = *plotted[i];
        const double y0 = panel * static_cast<double>(i);
        // A log time axis spanning both distributions, whole decades.
        const double lo = std::floor(std::log10(
            std::max(1.0, static_cast<double>(std::min(s.bus.latency->quantile(0),
                                                       s.baseline.latency->quantile(0))))));
        const double hi = std::ceil(std::log10(static_cast<double>(
            std::max({s.bus.latency->max(), s.baseline.latency->max(), std::uint64_t{10}}))));
        const double span = std::max(1.0, hi - lo);
        const auto x_of = [&](double ns) {
            return left + plot_w * (std::log10(std::max(ns, 1.0)) - lo) / span;
        };
        const auto y_of = [&](double f) { return y0 + top + plot_h * (1 - f); };
        svg << "<text x=\"" << left << "\" y=\"" << y0 + 22 << "\" font-weight=\"bold\">" << s.name
            << ": " << s.latency_of << " latency, cumulative</text>\n";
        svg << "<rect x=\"" << left << "\" y=\"" << y0 + top << "\" width=\"" << plot_w
            << "\" height=\"" << plot_h << "\" fill=\"none\" stroke=\"#888\"/>\n";
        for (double d = lo; d <= lo + span; ++d) {
            const double x = x_of(std::pow(10.0, d));
            const double ns = std::pow(10.0, d);
            const std::string label = ns < 1e3   ? fixed(ns, 0) + " ns"
                                      : ns < 1e6 ? fixed(ns / 1e3, 0) + " us"
                                      : ns < 1e9 ? fixed(ns / 1e6, 0) + " ms"
                                                 : fixed(ns / 1e9, 0) + " s";
            svg << "<line x1=\"" << x << "\" y1=\"" << y0 + top << "\" x2=\"" << x << "\" y2=\""
                << y0 + top + plot_h << "\" stroke=\"#ddd\"/>\n"
                << "<text x=\"" << x << "\" y=\"" << y0 + top + plot_h + 16
                << "\" text-anchor=\"middle\">" << label << "</text>\n";
        }
        for (double f : {0.0, 0.5, 0.9, 0.99, 1.0})
            svg << "<text x=\"" << left - 6 << "\" y=\"" << y_of(f) + 4 << "\" text-anchor=\"end\">"
                << fixed(f * 100, 0) << "%</text>\n";
        const auto line = [&](const side_result& side, const char* colour, double legend_y) {
            svg << "<polyline fill=\"none\" stroke=\"" << colour
                << "\" stroke-width=\"2\" points=\"";
            double prev = 0;
            for (const auto& [ns, f] : side.latency->cumulative()) {
                svg << x_of(ns) << "," << y_of(prev) << " " << x_of(ns) << "," << y_of(f) << " ";
                prev = f;
            }
            svg << "\"/>\n<text x=\"" << left + 10 << "\" y=\"" << legend_y << "\" fill=\""
                << colour << "\">" << side.label << ": p50 " << micros(side.latency->quantile(0.5))
                << " us, p99 " << micros(side.latency->quantile(0.99)) << " us</text>\n";
        };
        line(s.baseline, "#1f77b4", y0 + top + 16);
        line(s.bus, "#d62728", y0 + top + 32);
        svg << "<text x=\"" << left + plot_w / 2 << "\" y=\"" << y0 + panel - 12
            << "\" text-anchor=\"middle\">latency (log scale)</text>\n";
    }
    svg << "</svg>\n";
    return svg.str();
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

} // namespace onex::bench
