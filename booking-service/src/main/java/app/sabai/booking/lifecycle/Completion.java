package app.sabai.booking.lifecycle;

import java.time.Instant;

/** Staff recorded that the session was given. */
public record Completion(Instant recordedAt) {
}
