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
 * the relay once that update is written. Each entry keeps the trace of the work that wrote it, so the
 * record published later, from another thread, continues that trace.
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
