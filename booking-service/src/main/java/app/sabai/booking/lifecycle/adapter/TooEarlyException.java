package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.BookingChange;

/** A command that becomes possible only once the session has started: 409 saying from when; nothing changes. */
class TooEarlyException extends RuntimeException {

    private final BookingChange.NotYet notYet;

    TooEarlyException(BookingChange.NotYet notYet) {
        super(notYet.detail());
        this.notYet = notYet;
    }

    BookingChange.NotYet notYet() {
        return notYet;
    }
}
