package app.sabai.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact one service publishes for the others. The id is made together with the event and is the
 * de-duplication key everywhere downstream; it travels as the CloudEvents {@code ce_id} header.
 * Each topic has its own sealed family of these.
 */
public interface SabaiEvent {

    UUID eventId();

    Instant occurredAt();

    /** The Kafka record key: it decides the partition and therefore the order consumers see. */
    String key();

    /** What the event is about (CloudEvents {@code ce_subject}): a booking or branch id. */
    String subject();
}
