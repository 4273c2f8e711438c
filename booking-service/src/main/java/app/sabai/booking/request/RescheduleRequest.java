package app.sabai.booking.request;

/**
 * The body of {@code POST …/reschedule}: the new start, as an ISO-8601 instant with offset ({@code start}) or a
 * local date-time in the branch's zone ({@code startLocal}), and optionally the therapist wanted (else the current one).
 */
public record RescheduleRequest(String start, String startLocal, String therapistId) {
}
