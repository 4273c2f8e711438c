package app.sabai.support.web;

/** The request is well-formed but clashes with the current state (a reused idempotency key, a finished booking): 409. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
