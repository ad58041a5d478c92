// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include "report.hpp"

#include <boost/json/array.hpp>

#include <iomanip>

namespace onex::soak {
namespace {

boost::json::array events_json(const std::vector<timed_event>& events) {
    boost::json::array a;
    for (const auto& e : events)
        a.push_back(boost::json::object{{"at_seconds", e.at}, {"what", e.what}});
    return a;
}

void print_events(std::ostream& os, const char* title, const std::vector<timed_event>& events) {
    os << title << " (" << events.size() << "):\n";
    for (const auto& e : events)
        os << "  " << std::fixed << std::setprecision(2) << std::setw(8) << e.at << "s  " << e.what
           << "\n";
}

// Each lost id (the first 20), and whether the log has it: then a consumer skipped it;
// otherwise it was acknowledged without being written.
void print_lost(std::ostream& os, const soak_result& r) {
    const auto& ids = r.sums.lost_ids;
    for (std::size_t i = 0; i < ids.size() && i < 20; ++i) {
        os << "  lost id " << ids[i] << ": ";
        if (!r.forensics_error.empty()) {
            os << "(" << r.forensics_error << ")\n";
            continue;
        }
        bool in_log = false;
        for (const auto& at : r.lost_in_log.found) {
            if (at.id == ids[i]) {
                os << (in_log ? ", " : "in the log at ") << "partition " << at.partition
                   << " offset " << at.offset;
                in_log = true;
            }
        }
        os << (in_log ? " (never delivered to the handler)"
                      : "not in the log (acknowledged, never written, or deleted by retention)")
           << "\n";
    }
    for (const auto& e : r.lost_in_log.extents)
        if (e.low > 0)
            os << "  partition " << e.partition << " starts at offset " << e.low
               << ": the broker's retention deleted the " << e.low << " messages before it\n";
}

} // namespace

bool passed(const soak_result& r) {
    return r.error.empty() && r.sums.acknowledged > 0 && r.sums.lost == 0 &&
           r.sums.failing_consumed == 0;
}

void print_report(std::ostream& os, const settings& s, const soak_result& r) {
    const auto& t = r.sums;
    print_events(os, "Faults", r.faults);
    print_events(os, "Circuit transitions", r.breaker_transitions);
    os << "Publishes failed, by error:\n";
    for (const auto& [error, count] : t.failures)
        os << "  " << std::setw(8) << count << "  " << error << "\n";
    const auto row = [&os](const char* name, std::uint64_t value, const char* note = "") {
        os << "  " << std::left << std::setw(24) << name << std::right << std::setw(10) << value
           << "  " << note << "\n";
    };
    os << "Accounting after " << std::fixed << std::setprecision(1) << r.seconds << " s ("
       << s.messages << " messages at " << s.rate << "/s, " << s.brokers << " brokers, "
       << s.partitions << " partitions):\n";
    row("published", t.published);
    row("acknowledged", t.acknowledged);
    row("failed", t.failed, "(publish completed with an error; the caller knows)");
    row("failed but delivered", t.failed_but_delivered);
    row("consumed (distinct)", t.consumed);
    row("duplicates", t.duplicates, "(at-least-once redeliveries)");
    row("dead-lettered", t.dead_lettered);
    row("handler failures", t.handler_failures, "(calls that threw)");
    row("lost", t.lost, "= acknowledged - (consumed + dead-lettered); must be 0");
    if (t.failing_consumed > 0)
        row("failing but consumed", t.failing_consumed, "(a handler that throws succeeded?)");
    if (t.foreign > 0)
        row("unreadable ids", t.foreign);
    print_lost(os, r);
    if (!r.error.empty())
        os << "error: " << r.error << "\n";
    os << (passed(r) ? "PASS" : "FAIL") << ": " << t.lost << " lost\n";
}

boost::json::object to_json(const settings& s, const soak_result& r) {
    const auto& t = r.sums;
    boost::json::object failures;
    for (const auto& [error, count] : t.failures)
        failures[error] = count;
    boost::json::array lost_ids;
    for (const auto id : t.lost_ids)
        lost_ids.push_back(id);
    boost::json::array lost_in_log;
    for (const auto& at : r.lost_in_log.found)
        lost_in_log.push_back(
            boost::json::object{{"id", at.id}, {"partition", at.partition}, {"offset", at.offset}});
    return {
        {"acknowledged", t.acknowledged},
        {"failed", t.failed},
        {"consumed", t.consumed},
        {"duplicates", t.duplicates},
        {"dead_lettered", t.dead_lettered},
        {"lost", t.lost},
        {"breaker_transitions", events_json(r.breaker_transitions)},
        {"published", t.published},
        {"failures", std::move(failures)},
        {"failed_but_delivered", t.failed_but_delivered},
        {"dead_letter_duplicates", t.dead_letter_duplicates},
        {"handler_failures", t.handler_failures},
        {"failing_consumed", t.failing_consumed},
        {"unreadable_ids", t.foreign},
        {"lost_ids", std::move(lost_ids)},
        {"lost_in_log", std::move(lost_in_log)},
        {"faults", events_json(r.faults)},
        {"seconds", r.seconds},
        {"drained", r.drained},
        {"passed", passed(r)},
        {"error", r.error},
        {"settings",
         {{"messages", s.messages},
          {"rate", s.rate},
          {"brokers", s.brokers},
          {"partitions", s.partitions},
          {"payload_bytes", s.payload_bytes},
          {"failing_permille", s.failing_permille},
          {"flaky_permille", s.flaky_permille},
          {"produce_errors", s.produce_errors},
          {"idempotence", s.idempotence},
          {"short", s.short_form}}},
    };
}

} // namespace onex::soak
