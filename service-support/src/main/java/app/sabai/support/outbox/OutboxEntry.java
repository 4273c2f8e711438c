package app.sabai.support.outbox;

import app.sabai.contracts.EventTypes;
import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.Topic;
import app.sabai.contracts.envelope.TraceParent;
import app.sabai.contracts.json.SabaiJson;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * An event waiting in its aggregate's {@code outbox} array, stored in the same write as the state
 * change that caused it, with everything the relay needs to publish it.
 */
public record OutboxEntry(
        String eventId,
        String type,
        String topic,
        String key,
        String subject,
        Instant occurredAt,
        String payload,
        String traceparent) {

    public static final String FIELD = "outbox";
    /**
     * The first waiting entry's event id: present exactly while a document has events to publish. The sweep looks for
     * it through a sparse index on it ({@code outbox_waiting}), which holds the documents with work and no others.
     */
    public static final String WAITING = FIELD + ".0.eventId";

    public static OutboxEntry of(SabaiEvent event, TraceParent trace) {
        return new OutboxEntry(
                event.eventId().toString(),
                EventTypes.typeOf(event),
                Topic.carrying(event.getClass()).topicName(),
                event.key(),
                event.subject(),
                event.occurredAt(),
                SabaiJson.mapper().writeValueAsString(event),
                trace == null ? null : trace.toString());
    }

    /** An entry as the relay reads it back from its document. */
    static OutboxEntry from(Document stored) {
        Object occurredAt = stored.get("occurredAt");
        return new OutboxEntry(
                stored.getString("eventId"),
                stored.getString("type"),
                stored.getString("topic"),
                stored.getString("key"),
                stored.getString("subject"),
                occurredAt instanceof Date date ? date.toInstant() : Instant.parse(String.valueOf(occurredAt)),
                stored.getString("payload"),
                stored.getString("traceparent"));
    }
}
