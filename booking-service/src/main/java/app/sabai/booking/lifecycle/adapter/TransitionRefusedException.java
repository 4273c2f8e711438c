package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.BookingChange;

/** A command the booking's status does not allow: 409 naming the status and what is possible instead; nothing changes. */
class TransitionRefusedException extends RuntimeException {

    private final BookingChange.NotAllowed refusal;

    TransitionRefusedException(BookingChange.NotAllowed refusal) {
        super(refusal.detail());
        this.refusal = refusal;
    }

    BookingChange.NotAllowed refusal() {
        return refusal;
    }
}
