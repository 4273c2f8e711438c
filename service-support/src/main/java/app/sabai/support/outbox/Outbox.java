package app.sabai.support.outbox;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.envelope.TraceParent;
import app.sabai.support.trace.TraceContext;
import org.springframework.data.mongodb.core.query.Update;

import java.util.Collection;
import java.util.List;

/**
 * Puts events into the same single-document update as the state change that caused them, and tells
 * the relay once that update is written.
 *
 * <pre>{@code
 * Update update = new Update().set("status", CONFIRMED);
 * outbox.append(update, List.of(confirmed));
 * if (mongo.updateFirst(query, update, Booking.class).getModifiedCount() == 1) {
 *     outbox.written("bookings", bookingId);
 * }
 * }</pre>
 */
public class Outbox {

    private final OutboxRelay relay;

    public Outbox(OutboxRelay relay) {
        this.relay = relay;
    }

    public static List<OutboxEntry> entriesFor(Collection<? extends SabaiEvent> events) {
        TraceParent trace = TraceContext.current();
        return events.stream().map(event -> OutboxEntry.of(event, trace)).toList();
    }

    /** Adds {@code $push outbox: {$each: entries}} to the update; no-op for no events. */
    public Update append(Update update, Collection<? extends SabaiEvent> events) {
        if (!events.isEmpty()) {
            update.push(OutboxEntry.FIELD).each(entriesFor(events).toArray());
        }
        return update;
    }

    /** Asks the relay to publish the document's pending events now rather than at the next sweep. */
    public void written(String collection, Object id) {
        relay.nudge(collection, id);
    }
}
