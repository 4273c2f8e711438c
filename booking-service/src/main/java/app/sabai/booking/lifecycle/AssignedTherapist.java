package app.sabai.booking.lifecycle;

/** The therapist a booking is assigned to (not {@code id}: Spring Data would store a nested {@code id} as {@code _id}). */
public record AssignedTherapist(String therapistId, String name) {
}
