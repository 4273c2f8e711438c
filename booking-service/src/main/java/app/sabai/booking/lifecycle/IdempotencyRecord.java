package app.sabai.booking.lifecycle;

/**
 * Stored with a booking: the {@code Idempotency-Key} it was created under (its own id when the client sent
 * none), the fingerprint of the request body, and the first answer, replayed to a retry of the same request.
 */
public record IdempotencyRecord(String key, String requestFingerprint, String firstAnswer) {
}
