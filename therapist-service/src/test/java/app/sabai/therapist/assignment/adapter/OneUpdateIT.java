package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.schedule.adapter.Reservations;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes that belong together are one update: opening a request with its first claim, creating a day with its first session. */
class OneUpdateIT extends ServiceIntegrationTest {

    @Autowired
    Assignments assignments;

    @Test
    void aRequestIsOpenedAndClaimedInOneUpdateAndADecidedOneClaimsNothing() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        BookingRequested request = requested(branch, Technique.SWEDISH, at(branch, daysAhead(branch, 2), "10:00"), 60);

        assertThat(assignments.openAndClaim(request, Instant.now())).hasValue(1);
        Document opened = assignmentDocument(request.bookingId());
        assertThat(opened.getString("status")).isEqualTo("PLANNING");
        assertThat(opened.getString("branchId")).isEqualTo(branch.id());
        assertThat(opened.getString("technique")).isEqualTo("SWEDISH");
        assertThat(assignments.openAndClaim(request, Instant.now())).as("redelivered while planning").hasValue(2);

        assignmentService.handle(request);

        assertThat(assignmentDocument(request.bookingId()).getString("status")).isEqualTo("ASSIGNED");
        assertThat(assignments.openAndClaim(request, Instant.now())).as("redelivered once decided").isEmpty();
        assertThat(assignmentDocument(request.bookingId()).getInteger("attempt")).isEqualTo(3);
    }

    @Test
    void theFirstSessionOfADayCreatesItsDocumentAndTheGuardStillRefusesAnOverlap() {
        Resource therapist = Resource.therapist(freshId("anna"));
        Instant start = LocalDate.now(clock).plusDays(3).atTime(10, 0).toInstant(ZoneOffset.UTC);

        assertThat(reservations.reserve(therapist, session("first", start))).isTrue();
        assertThat(reservations.reserve(therapist, session("overlapping", start.plus(Duration.ofMinutes(30))))).isFalse();
        assertThat(reservations.reserve(therapist, session("later", start.plus(Duration.ofHours(2))))).isTrue();

        Document day = mongo.findById(Reservations.dayIds(therapist, new Interval(start, start.plusSeconds(60))).getFirst(), Document.class,
                "therapist_days");
        assertThat(day.keySet()).containsExactlyInAnyOrder("_id", "sessions");
        assertThat(day.getList("sessions", Document.class)).extracting(held -> held.getString("bookingId")).containsExactly("first", "later");
    }

    private static BookedSession session(String bookingId, Instant start) {
        Interval session = new Interval(start, start.plus(Duration.ofHours(1)));
        return BookedSession.of(bookingId, 1, "salon", new Interval(start, session.end().plus(Duration.ofMinutes(15))), session);
    }
}
