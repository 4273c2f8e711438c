package app.sabai.contracts.values;

import java.time.Instant;

/** A free slot offered instead of one that could not be had. */
public record Alternative(Instant start, Instant end, String therapistId, String therapistName) {
}
