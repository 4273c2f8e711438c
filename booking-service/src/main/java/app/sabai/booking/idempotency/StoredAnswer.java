package app.sabai.booking.idempotency;

/** The first answer to a request sent with an {@code Idempotency-Key}, replayed to its retries as it was. */
public record StoredAnswer(int status, String contentType, String location, String body) {
}
