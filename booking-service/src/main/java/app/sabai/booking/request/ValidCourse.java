package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.intake.Intake;
import app.sabai.booking.intake.SessionToScreen;
import app.sabai.booking.lifecycle.BookingDetails;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A course request that passed validation: its sessions in order (each a booking's details), the weekdays, time and first
 * date they follow from, and the one intake every session is screened with (sent now or on file).
 */
public record ValidCourse(Branch branch, List<DayOfWeek> weekdays, LocalTime timeLocal, LocalDate firstDate,
                          List<BookingDetails> sessions, Intake intake, boolean intakeSent) {

    public ValidCourse {
        weekdays = List.copyOf(weekdays);
        sessions = List.copyOf(sessions);
    }

    public SessionToScreen session(int index) {
        BookingDetails details = sessions.get(index);
        return new SessionToScreen(details.technique(), details.bodyAreas(), details.start().atZone(details.zone()).toLocalDate());
    }

    public String customerEmail() {
        return sessions.getFirst().customer().email();
    }
}
