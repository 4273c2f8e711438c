package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.intake.Intake;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.HomeVisit;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Technique;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * A waitlist request that passed validation: the treatment, the window {@code [from, to)} a session must lie in, the
 * weekdays (empty: any) and the earliest and latest local start times (null: any), who it is for, and the intake (null
 * when none was sent nor is on file).
 */
public record ValidWaitlistEntry(Branch branch, Technique technique, int durationMinutes, Instant from, Instant to,
                                 List<DayOfWeek> weekdays, LocalTime earliest, LocalTime latest, Customer customer,
                                 Preferences preferences, List<BodyArea> bodyAreas, HomeVisit homeVisit, Intake intake,
                                 boolean intakeSent) {

    public ValidWaitlistEntry {
        weekdays = List.copyOf(weekdays);
        bodyAreas = List.copyOf(bodyAreas);
    }
}
