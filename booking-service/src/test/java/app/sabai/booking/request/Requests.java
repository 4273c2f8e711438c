package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.request.BookingRequest.CustomerForm;
import app.sabai.booking.request.BookingRequest.HomeVisitForm;
import app.sabai.booking.request.BookingRequest.IntakeForm;
import app.sabai.booking.request.BookingRequest.PreferencesForm;
import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.branches.ServiceArea;
import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.contracts.values.Technique;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** Valid requests and branches for tests, to be changed in the one way a test is about. */
final class Requests {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static final Branch LIVERPOOL = new Branch("liverpool", "Liverpool", LONDON,
            Arrays.stream(DayOfWeek.values()).filter(day -> day != DayOfWeek.SUNDAY)
                    .map(day -> new OpeningHours(day, LocalTime.of(9, 0), LocalTime.of(21, 0))).toList(),
            List.of(new TechniqueOffer(Technique.THAI, List.of(60, 90, 120)),
                    new TechniqueOffer(Technique.SWEDISH, List.of(30, 60, 90)),
                    new TechniqueOffer(Technique.DEEP_TISSUE, List.of(60, 90))),
            false, null, "GBP", null, Instant.EPOCH);

    static final Branch MERSEYSIDE_MOBILE = new Branch("merseyside-mobile", "Merseyside mobile", LONDON,
            Arrays.stream(DayOfWeek.values()).map(day -> new OpeningHours(day, LocalTime.of(8, 0), LocalTime.of(20, 0))).toList(),
            List.of(new TechniqueOffer(Technique.SWEDISH, List.of(60, 90))),
            true, new ServiceArea("Merseyside, the Wirral and North Cheshire", List.of("L1", "CH41", "WA4")), null, null, Instant.EPOCH);

    static final IntakeForm NOTHING_TO_DECLARE = new IntakeForm(List.of(), List.of(), false, null, false, null, List.of(), null, null);

    String branchId = "liverpool";
    String technique = "THAI";
    Integer durationMinutes = 60;
    String start;
    String startLocal = "2026-12-01T10:00";
    CustomerForm customer = new CustomerForm("Somchai Jaidee", "somchai@example.com", "+44 7700 900123", null, null);
    PreferencesForm preferences;
    List<String> bodyAreas = List.of("LOWER_BACK");
    HomeVisitForm homeVisit;
    IntakeForm intake = NOTHING_TO_DECLARE;
    String customerId;

    static Requests aRequest() {
        return new Requests();
    }

    static Requests aHomeVisit() {
        Requests request = new Requests();
        request.branchId = "merseyside-mobile";
        request.technique = "SWEDISH";
        request.homeVisit = new HomeVisitForm("1 Hamilton Square, Birkenhead", "CH41 5AL");
        return request;
    }

    BookingRequest build() {
        return new BookingRequest(branchId, technique, durationMinutes, start, startLocal, customer, preferences, bodyAreas,
                homeVisit, intake, customerId);
    }
}
