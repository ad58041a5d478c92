// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#include <onex/event_bus/message_category.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>

using namespace onex::event_bus;

namespace test_message_category {

constexpr auto none = std::optional<message_category>();
constexpr auto event = std::optional(message_category::event);
constexpr auto command = std::optional(message_category::command);
constexpr auto intent = std::optional(message_category::intent);

std::string describe(std::optional<message_category> c) {
    return c ? std::string(to_string(*c)) : std::string("none");
}

struct category_case {
    std::string_view text;
    std::optional<message_category> expected;
};

std::ostream& operator<<(std::ostream& os, const category_case& c) {
    return os << '"' << c.text << "\" -> " << describe(c.expected);
}

const category_case topic_cases[] = {
    // The peer's documented examples.
    {"a.commands.events", event}, // map order, not segment position
    {"user.event", none},         // singular "event" is not a suffix
    {"x.intent", intent},         // but singular "intent" is
    {"dev.eventsource.data.v1", none},
    {"USER.EVENTS", event},
    {"onex.evt.platform.x.v1", event},
    {"", none},
    {"events", none}, // fewer than two segments
    // Map order across every pair of suffixes.
    {"a.intents.commands", command},
    {"a.cmd.intents", intent},
    {"a.intent.evt", event},
    {"a.intent.cmd", command},
    {"onex.cmd.platform.x.v1", command},
    {"onex.intents.platform.x.v1", intent},
    // Exact segments only.
    {"a.myevents", none},
    {"a.events-v1", none},
    {"a.event s", none},
    {"a.b.c", none},
    {".", none},
    {"..", none},
    {"events.", event},
    {".events", event},
    {"a..commands", command},
    {"Onex.Cmd.X", command},
    {"a.InTeNtS", intent},
};

const category_case suffix_cases[] = {
    {"events", event}, {"commands", command}, {"intents", intent}, {"evt", event},
    {"cmd", command},  {"intent", intent},    {"EVENTS", event},   {"Cmd", command},
    {"event", none},   {"command", none},     {"", none},          {" events", none},
    {"events.", none}, {"a.events", none},
};

} // namespace test_message_category

BOOST_AUTO_TEST_SUITE(test_message_category)

BOOST_DATA_TEST_CASE(topics_map_to_the_peers_category, boost::unit_test::data::make(topic_cases),
                     c) {
    BOOST_TEST(describe(category_from_topic(c.text)) == describe(c.expected));
}

BOOST_DATA_TEST_CASE(suffixes_map_case_insensitively, boost::unit_test::data::make(suffix_cases),
                     c) {
    BOOST_TEST(describe(category_from_suffix(c.text)) == describe(c.expected));
}

BOOST_AUTO_TEST_CASE(names_and_topic_suffixes_are_the_peers) {
    BOOST_TEST(to_string(message_category::event) == "event");
    BOOST_TEST(to_string(message_category::command) == "command");
    BOOST_TEST(to_string(message_category::intent) == "intent");
    BOOST_TEST(topic_suffix(message_category::event) == "events");
    BOOST_TEST(topic_suffix(message_category::command) == "commands");
    BOOST_TEST(topic_suffix(message_category::intent) == "intents");
}

BOOST_AUTO_TEST_CASE(a_topic_suffix_maps_back_to_its_category) {
    for (const auto c :
         {message_category::event, message_category::command, message_category::intent}) {
        BOOST_TEST(describe(category_from_suffix(topic_suffix(c))) == describe(c));
        const std::string topic = "onex." + std::string(topic_suffix(c)) + ".x.v1";
        BOOST_TEST(describe(category_from_topic(topic)) == describe(c));
    }
}

BOOST_AUTO_TEST_SUITE_END()
