package app.sabai.support.kafka;

import app.sabai.contracts.SabaiEvent;

/**
 * A copy in memory of what a topic says (a catalogue, the therapists, a day's sessions) that each process keeps for
 * itself. A service's views are all followed by one consumer, in a group of the process's own ({@link EventViews}):
 * an idle consumer costs its process and the broker a fetch and heartbeats every few seconds, whatever it follows,
 * so a consumer per view would cost the idle platform more than the views' events ever do.
 *
 * @param <E> the family of events the view follows; the topic that carries them ({@code Topic.carrying}) is followed
 */
public interface EventView<E extends SabaiEvent> {

    /** The family of events the view follows. */
    Class<E> events();

    /** Where the view starts reading its topic at each start of the process. */
    default From from() {
        return From.NOW;
    }

    /** An event of the family, as it was published; possibly one heard before (redelivery after a rebalance). */
    void heard(E event);

    /**
     * The topic's partitions were given to the view's consumer (at start, or again after the consumer lost them): what
     * was published while nobody followed is unknown, so a view that follows from now on forgets what it holds.
     */
    default void following() {
    }

    enum From {
        /** The topic's first record: the view is built from the topic (a compacted one) at every start. */
        BEGINNING,
        /** What is published from now on: the view is a cache that forgets what an event says has changed. */
        NOW
    }
}
