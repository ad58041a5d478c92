// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_LIB_KAFKA_OFFSET_WATERMARK_HPP
#define ONEX_EVENT_BUS_LIB_KAFKA_OFFSET_WATERMARK_HPP

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

namespace onex::event_bus::detail {

/// What one partition may commit while its messages finish in any order: the offset of the
/// first message taken and not yet finished, or one past the last taken when all are finished.
/// A restart from that offset redelivers exactly the unfinished messages and those after them;
/// nothing past an unfinished message is ever stored.
///
/// Offsets need not be consecutive (compacted topics, transaction markers): the watermark moves
/// to the next message actually taken. Sans-I/O: the consumer feeds it and stores what it says.
class offset_watermark {
public:
    /// A message taken from the partition, in fetch order. Returns false, changing nothing, when
    /// `offset` is not past the last one taken: a consumer that seeks back calls reset() first.
    bool take(std::int64_t offset);

    /// The message at `offset` is finished (handled, dead-lettered or acknowledged). Returns the
    /// offset to store when the watermark moved; nothing when an earlier message is still
    /// unfinished, or when `offset` is not an unfinished message taken since the last reset.
    std::optional<std::int64_t> finish(std::int64_t offset);

    /// The offset to store now; nothing before the first message taken since the last reset.
    std::optional<std::int64_t> watermark() const noexcept { return watermark_; }

    /// Messages taken and not yet finished.
    std::size_t unfinished() const noexcept { return unfinished_; }

    /// Forgets every message: the partition was revoked, or the consumer seeks.
    void reset() noexcept;

private:
    struct entry {
        std::int64_t offset;
        bool finished;
    };
    // Taken and not yet below the watermark, oldest first; the front is always unfinished.
    std::deque<entry> window_;
    std::optional<std::int64_t> last_taken_;
    std::optional<std::int64_t> watermark_;
    std::size_t unfinished_ = 0;
};

} // namespace onex::event_bus::detail

#endif // ONEX_EVENT_BUS_LIB_KAFKA_OFFSET_WATERMARK_HPP
