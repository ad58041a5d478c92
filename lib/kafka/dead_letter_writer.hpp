// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_DEAD_LETTER_WRITER_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_DEAD_LETTER_WRITER_HPP

#include "kafka/kafka_message_body.hpp"

#include <onex/event_bus/event_message.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <string>
#include <string_view>

namespace onex::event_bus::detail {

class kafka_bus_impl;

/// Accounts for the consumed messages of one consumer group that no handler could process.
///
/// With a `dead_letter_topic`, each is written there as the record of dead_letter_record.hpp,
/// through the bus's producer; a write that fails is counted and retried after
/// dead_letter_retry_delay until one succeeds, since the message's offset must not be stored
/// before. Without one, it is logged at error level and counted, and its offset may be stored.
class dead_letter_writer {
public:
    /// `bus` and `group` must outlive the writer.
    dead_letter_writer(kafka_bus_impl& bus, const std::string& group);

    /// True once `body` is accounted for; false when @ref stop ended the retries, in which case
    /// its offset must not be stored (it is read again after a restart). `decode_error`, when
    /// not empty, makes it a deserialization failure (the headers of `message` are then not
    /// read).
    boost::asio::awaitable<bool> write(const kafka_message_body& body, const event_message& message,
                                       std::string_view decode_error, std::string error_type,
                                       std::string error_message);

    /// Ends the retries of a write in progress, now or at its next failure.
    void stop() noexcept;

private:
    kafka_bus_impl& bus_;
    const std::string& group_;
    boost::asio::steady_timer retry_timer_;
    bool stopped_ = false;
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_DEAD_LETTER_WRITER_HPP
