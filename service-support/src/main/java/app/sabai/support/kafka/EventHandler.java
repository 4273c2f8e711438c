package app.sabai.support.kafka;

import app.sabai.contracts.SabaiEvent;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a service does with the events of one family that its consumer group shares out among its instances. A process's
 * handlers are all fed by one consumer of the service's group ({@link EventHandlers}), as its views are by one of their
 * own: an idle consumer costs its process and the broker a fetch and heartbeats every few seconds, whatever it follows.
 *
 * @param <E> the family of events handled; the topic that carries them ({@code Topic.carrying}) is followed
 */
public sealed interface EventHandler<E extends SabaiEvent> permits EventHandler.OneAtATime, EventHandler.Together,
        EventHandler.TogetherInTraces {

    /** The family of events handled. */
    Class<E> events();

    /**
     * Handles each event alone, in the trace it was published in, as a record listener does: its span continues the
     * record's trace, and a failure is retried, then dead-lettered, for that record alone.
     */
    non-sealed interface OneAtATime<E extends SabaiEvent> extends EventHandler<E> {

        /** An event of the family; possibly one handled before (redelivery after a crash or a rebalance). */
        void handle(E event);
    }

    /**
     * Applies a run of a poll's events in one go (one write for many), with the outcome per record a record listener
     * would give ({@link EventHandlers}). The run has no span of its own per record: one write cannot be in several traces.
     */
    non-sealed interface Together<E extends SabaiEvent> extends EventHandler<E> {

        /** Consecutive events of the family from one poll, in their order; any of them possibly applied before. */
        void handle(List<E> events);
    }

    /**
     * Applies a run of a poll's events in one go, as {@link Together} does, for a handler whose work publishes events: what
     * each event decides (and the events that causes) is worked out in that event's trace ({@link Heard#inTrace}), and
     * only the writes are shared.
     */
    non-sealed interface TogetherInTraces<E extends SabaiEvent> extends EventHandler<E> {

        /** Consecutive events of the family from one poll, in their order; any of them possibly applied before. */
        void handle(List<Heard<E>> events);
    }

    /** An event of a run, with the trace of the record it came in. */
    interface Heard<E extends SabaiEvent> {

        E event();

        /**
         * Does the work in an observation of its own that continues the record's trace, as {@link OneAtATime}'s handling
         * is: the current span, the log lines' trace ids and the {@code traceparent} of what the work publishes are the record's.
         */
        <T> T inTrace(Supplier<T> work);

        default void inTrace(Runnable work) {
            inTrace(() -> {
                work.run();
                return null;
            });
        }
    }
}
