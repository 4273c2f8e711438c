package app.sabai.booking.course;

/** Where a course stands: sessions still waiting for their decision, every session decided, or cancelled by its customer. */
public enum CourseStatus {
    DECIDING,
    DECIDED,
    CANCELLED
}
