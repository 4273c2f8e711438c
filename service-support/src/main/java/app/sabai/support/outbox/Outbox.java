package app.sabai.support.outbox;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.envelope.TraceParent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.springframework.data.mongodb.core.query.Update;

import java.util.Collection;
import java.util.List;

/**
 * Puts events into the same single-document update as the state change that caused them, and tells
 * the relay once that update is written, with the entries it wrote, so that the relay need not read them back. Each
 * entry keeps the trace of the work that wrote it, so the record published later, from another thread, continues that
 * trace.
 *
 * <pre>{@code
 * Update update = new Update().set("status", CONFIRMED);
 * List<OutboxEntry> entries = outbox.append(update, List.of(confirmed));
 * if (mongo.updateFirst(query, update, Booking.class).getModifiedCount() == 1) {
 *     outbox.written("bookings", bookingId, entries);
 * }
 * }</pre>
 */
public class Outbox {

    private final OutboxRelay relay;
    private final Tracer tracer;

    public Outbox(OutboxRelay relay, Tracer tracer) {
        this.relay = relay;
        this.tracer = tracer;
    }

    /** The entries for the events, each carrying the current span as its {@code traceparent} (none outside a trace). */
    public List<OutboxEntry> entriesFor(Collection<? extends SabaiEvent> events) {
        TraceParent trace = currentTrace();
        return events.stream().map(event -> OutboxEntry.of(event, trace)).toList();
    }

    /** Adds {@code $push outbox: {$each: entries}} to the update (nothing for no events); answers the entries. */
    public List<OutboxEntry> append(Update update, Collection<? extends SabaiEvent> events) {
        List<OutboxEntry> entries = entriesFor(events);
        if (!entries.isEmpty()) {
            update.push(OutboxEntry.FIELD).each(entries.toArray());
        }
        return entries;
    }

    /**
     * Asks the relay to publish the entries just written to the document now rather than at the next sweep. The relay
     * reads the document's outbox instead when it knows of earlier entries there that it could not publish.
     */
    public void written(String collection, Object id, List<OutboxEntry> entries) {
        relay.nudge(collection, id, entries);
    }

    /** Asks the relay to read the document's pending events and publish them now rather than at the next sweep. */
    public void written(String collection, Object id) {
        relay.nudge(collection, id, null);
    }

    private TraceParent currentTrace() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
        return TraceParent.parse("00-" + context.traceId() + "-" + context.spanId() + "-" + flags).orElse(null);
    }
}
