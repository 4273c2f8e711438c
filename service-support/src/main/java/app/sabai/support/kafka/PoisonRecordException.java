package app.sabai.support.kafka;

/**
 * A record that can never be processed, however often it is retried: it goes straight to the
 * dead-letter topic and the consumer carries on.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }
}
