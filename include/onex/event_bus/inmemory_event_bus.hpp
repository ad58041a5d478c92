// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

#ifndef ONEX_EVENT_BUS_INMEMORY_EVENT_BUS_HPP
#define ONEX_EVENT_BUS_INMEMORY_EVENT_BUS_HPP

#include <onex/event_bus/circuit_status.hpp>
#include <onex/event_bus/detail/basic_event_bus.hpp>
#include <onex/event_bus/detail/inmemory_publish_op.hpp>
#include <onex/event_bus/event_bus.hpp>
#include <onex/event_bus/event_message.hpp>
#include <onex/event_bus/inmemory_health.hpp>
#include <onex/event_bus/inmemory_options.hpp>
#include <onex/event_bus/subscriber_circuit_table.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/execution_context.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace onex::event_bus {

namespace detail {
class inmemory_bus_impl;
} // namespace detail

/// The event bus without a broker: the whole API of @ref kafka_event_bus, delivering each message
/// to every subscription of its topic inside `async_publish`. For development and test suites
/// (see `onex/event_bus/testing.hpp`).
///
/// Behaviour (the guide's `InMemoryEventBus`):
/// - Every subscription receives every message of its topic (fan-out), in subscription order,
///   one handler after the other; `async_publish` completes when the last one has finished.
/// - A handler that throws never fails the publish and never stops the others. It counts against
///   the circuit of its `(topic, group_id)` pair (shared by subscriptions with the same pair); at
///   `circuit_breaker_threshold` consecutive failures that subscriber is skipped until
///   @ref reset_subscriber_circuit or a close. A success resets the count.
/// - Offsets are counted per topic from "0"; the partition is always 0. Every published message
///   goes to the history (even without subscribers), which keeps the last `max_history`.
/// - Closing removes every subscription and every circuit, and keeps history and offsets; the bus
///   can be started again.
///
/// Handlers and completion handlers run on the bus's executor (a completion handler on its own
/// associated executor, if it has one); no completion is ever invoked from inside the initiating
/// function. The library starts no thread.
///
/// \par Operations
/// The `async_*` operations, `subscribe` and `health_check` are those of every @ref event_bus,
/// written once in `detail::basic_event_bus` (onex/event_bus/detail/basic_event_bus.hpp), where
/// each is documented: completion signature, errors, lifetimes, per-operation cancellation. This
/// class adds its constructor, accessors and typed results.
///
/// \par Thread safety
/// Distinct objects: safe. \n
/// Shared objects: safe. Every member function may be called concurrently from several threads,
/// for instance from handlers running on a multi-threaded `io_context`; registry updates take a
/// short internal lock, and handlers run outside it. Handlers of one publish run one after the
/// other; handlers of concurrent publishes may run concurrently when the executor has several
/// threads, so they must then be thread-safe themselves.
class inmemory_event_bus : public detail::basic_event_bus<inmemory_event_bus> {
public:
    using executor_type = boost::asio::any_io_executor;
    using config_type = inmemory_options;
    using health_type = inmemory_health;

    /// The transport name diagnostics and publishers use.
    static constexpr std::string_view transport = "inmemory";

    /// A bus on `ex` with the guide's defaults (environment "local", group "default",
    /// `max_history` 1000, circuit threshold 5), or with `options`.
    /// \throws protocol_configuration_error when `options.circuit_breaker_threshold < 1`.
    explicit inmemory_event_bus(executor_type ex, inmemory_options options = {});

    /// A bus on `ctx.get_executor()`.
    template <class ExecutionContext>
    requires std::is_convertible_v<ExecutionContext&, boost::asio::execution_context&>
    explicit inmemory_event_bus(ExecutionContext& ctx, inmemory_options options = {})
        : inmemory_event_bus(executor_type(ctx.get_executor()), std::move(options)) {}

    /// Closes the bus: pending `async_start_consuming` operations complete with
    /// `boost::asio::error::operation_aborted`; running publishes finish normally.
    ~inmemory_event_bus();

    inmemory_event_bus(inmemory_event_bus&&) noexcept = default;
    inmemory_event_bus& operator=(inmemory_event_bus&&) noexcept;
    inmemory_event_bus(const inmemory_event_bus&) = delete;
    inmemory_event_bus& operator=(const inmemory_event_bus&) = delete;

    executor_type get_executor() const noexcept;
    const inmemory_options& config() const noexcept;
    const std::string& environment() const noexcept;
    const std::string& group() const noexcept;
    bool is_started() const noexcept;

    /// The bus's state and counts (see @ref inmemory_health; `health_check()` gives them as the
    /// guide's dictionary).
    inmemory_health health() const;

    /// The publish circuit: the in-memory bus has none, so it is always closed with no failures
    /// (threshold and reset timeout as configured). The per-subscriber circuits are
    /// @ref subscriber_circuits.
    circuit_status circuit_breaker_status() const;

    /// The last `limit` published messages, oldest first, of `topic` only when it is given and
    /// not empty (filtered before the limit is applied). `limit == 0` returns them all, as the
    /// guide's `get_event_history` does.
    std::vector<event_message> event_history(std::size_t limit = 100,
                                             std::optional<std::string_view> topic = {}) const;

    void clear_event_history();

    /// Subscriptions to `topic`, or to all topics.
    std::size_t subscriber_count(std::optional<std::string_view> topic = {}) const;

    /// Topics that have at least one subscription, sorted.
    std::vector<std::string> topics() const;

    /// Messages published to `topic` so far (0 for an unknown topic).
    std::uint64_t topic_offset(std::string_view topic) const;

    /// The per-subscriber circuits: every (topic, group_id) pair with failures (its JSON form is
    /// the guide's in-memory `get_circuit_breaker_status()`).
    subscriber_circuit_table subscriber_circuits() const;

    /// Clears the failure count of `(topic, group_id)`; true when it had one.
    bool reset_subscriber_circuit(std::string_view topic, std::string_view group_id);

private:
    friend class detail::basic_event_bus<inmemory_event_bus>;

    using handler_type = detail::bus_completion_handler;

    // A body to publish, or the reason it could not be built.
    struct prepared {
        std::shared_ptr<detail::owning_message_body> body;
        std::string error;
    };

    prepared prepare(const detail::publish_spec& spec) const;
    subscription subscribe_erased(std::string_view topic, std::string_view group_id,
                                  detail::message_handler handler);

    static void run_erased(std::shared_ptr<detail::inmemory_bus_impl> impl,
                           detail::bus_operation op, diagnostics* diag, handler_type h);

    // One allocation per publish: the operation holds the caller's handler itself.
    template <class Handler>
    static void initiate_publish(Handler&& handler, std::shared_ptr<detail::inmemory_bus_impl> impl,
                                 prepared&& p, diagnostics* diag) {
        using op = detail::inmemory_publish_op_impl<std::decay_t<Handler>>;
        publish_erased(std::move(impl), std::move(p), diag,
                       op::create(std::forward<Handler>(handler)));
    }
    static void publish_erased(std::shared_ptr<detail::inmemory_bus_impl> impl, prepared p,
                               diagnostics* diag, detail::inmemory_publish_op* op);

    std::shared_ptr<detail::inmemory_bus_impl> impl_;
};

static_assert(event_bus<inmemory_event_bus>);

} // namespace onex::event_bus

#endif // ONEX_EVENT_BUS_INMEMORY_EVENT_BUS_HPP
