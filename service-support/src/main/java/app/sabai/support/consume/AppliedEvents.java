package app.sabai.support.consume;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

import java.util.UUID;

/**
 * The idempotent-consumer guard inside the aggregate: the update that applies an event matches
 * "this event id not applied yet" on the same document and records the id in the same write, so a
 * redelivered event modifies nothing. The ids kept are capped; redeliveries arrive long before 200
 * further events have touched the same aggregate.
 */
public final class AppliedEvents {

    public static final String FIELD = "appliedEventIds";
    public static final int REMEMBERED = 200;

    private AppliedEvents() {
    }

    /** Adds the guard to a criteria chain, keeping the filter flat ({@code {_id: x, appliedEventIds: {$ne: e}}}). */
    public static Criteria notYetApplied(Criteria criteria, UUID eventId) {
        return criteria.and(FIELD).ne(eventId.toString());
    }

    public static Update markApplied(Update update, UUID eventId) {
        update.push(FIELD).slice(-REMEMBERED).each(eventId.toString());
        return update;
    }
}
