package app.sabai.support.kafka;

/**
 * Told about a record just before it goes to its dead-letter topic for good, so a service can undo what
 * processing it had begun (release a reservation, say). A hook that fails is logged and does not stop the
 * record from reaching the dead-letter topic.
 */
@FunctionalInterface
public interface DeadLetterHook {

    /** {@code value} is the deserialised event, or null when the record could not be read at all. */
    void beforeDeadLetter(Object value, Exception cause);
}
