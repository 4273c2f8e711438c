package app.sabai.booking.request.adapter;

/** An {@code Idempotency-Key} sent again with a different request body: answered with 422, nothing changes. */
class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different request; send a new key for a new booking");
    }
}
