package app.sabai.booking.lifecycle;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.RejectionReason;

import java.time.Instant;
import java.util.List;

/** Why the last move asked for could not be made, and the nearest times that could be had instead. */
public record RescheduleRefusal(Instant requestedStart, RejectionReason reason, String detail, List<Alternative> alternatives,
                                Instant refusedAt) {

    public RescheduleRefusal {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }
}
