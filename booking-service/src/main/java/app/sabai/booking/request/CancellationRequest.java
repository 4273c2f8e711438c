package app.sabai.booking.request;

/** The body of {@code POST …/cancellation}: why, in the customer's or staff's words (optional). */
public record CancellationRequest(String reason) {

    public static final int MAX_REASON_LENGTH = 500;

    public static CancellationRequest none() {
        return new CancellationRequest(null);
    }
}
