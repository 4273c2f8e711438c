package app.sabai.booking.intake;

import java.time.LocalDate;

/** A surgery and whether a medical clearance for massage has been recorded. */
public record RecentSurgery(LocalDate date, boolean medicalClearance) {
}
