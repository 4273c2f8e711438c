package app.sabai.booking.lifecycle;

import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.HomeVisit;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** What a valid request asks for; the booking keeps it unchanged through its life. */
public record BookingDetails(
        String branchId,
        Technique technique,
        int durationMinutes,
        Instant start,
        Instant end,
        ZoneId zone,
        Customer customer,
        Preferences preferences,
        List<BodyArea> bodyAreas,
        HomeVisit homeVisit) {

    public BookingDetails {
        bodyAreas = List.copyOf(bodyAreas);
    }
}
