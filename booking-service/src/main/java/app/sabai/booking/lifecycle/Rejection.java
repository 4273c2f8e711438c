package app.sabai.booking.lifecycle;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.RejectionReason;

import java.util.List;

/** Why a booking was not had as asked, and what could be had instead. */
public record Rejection(RejectionReason reason, String detail, List<Alternative> alternatives) {

    public Rejection {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }
}
