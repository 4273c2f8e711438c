package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.intake.Intake;
import app.sabai.booking.intake.SessionToScreen;
import app.sabai.booking.lifecycle.BookingDetails;

/** A request that passed validation: what it asks for, and the intake to screen it with (sent now or on file). */
public record ValidBooking(Branch branch, BookingDetails details, Intake intake, boolean intakeSent) {

    public SessionToScreen session() {
        return new SessionToScreen(details.technique(), details.bodyAreas(),
                details.start().atZone(details.zone()).toLocalDate());
    }
}
