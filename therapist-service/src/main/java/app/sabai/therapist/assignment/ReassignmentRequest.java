package app.sabai.therapist.assignment;

/** {@code POST /api/branches/{branchId}/bookings/{bookingId}/reassignment}: a therapist to move to (null: the best other), and why. */
public record ReassignmentRequest(String therapistId, String reason) {
}
