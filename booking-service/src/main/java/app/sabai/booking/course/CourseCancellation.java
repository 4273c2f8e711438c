package app.sabai.booking.course;

import java.time.Instant;

/** The customer cancelled the course: when, and why in their words (null when not given). */
public record CourseCancellation(Instant at, String reason) {
}
