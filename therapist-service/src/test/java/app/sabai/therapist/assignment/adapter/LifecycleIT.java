package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.Topic;
import app.sabai.contracts.assignments.RescheduleRefused;
import app.sabai.contracts.assignments.SessionRescheduled;
import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.bookings.BookingCustomerErased;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.bookings.BookingNoShow;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.bookings.BookingRescheduleRequested;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.TestRecords;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After the decision: cancellations and no-shows release the slot, reschedules move it, completions count for continuity. */
class LifecycleIT extends ServiceIntegrationTest {

    @Autowired
    LifecycleService lifecycle;

    @Test
    void aCancelledBookingReleasesEverythingItHeldOnceAndItsSlotCanBeBookedAgain() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.HOT_STONE).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        BookingRequested booking = bookWith(anna, branch, Technique.HOT_STONE, at(branch, daysAhead(branch, 2), "10:00"), 75);
        BookingCancelled cancelled = cancelled(booking);

        publishBooking(cancelled);
        publishBooking(cancelled);

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> assertThat(assignmentDocument(booking.bookingId()).getString("status")).isEqualTo("RELEASED"));
        assertThat(holdersOf("therapist_days", booking.bookingId())).isEmpty();
        assertThat(holdersOf("room_days", booking.bookingId())).isEmpty();
        assertThat(holdersOf("equipment_days", booking.bookingId())).isEmpty();
        assertThat(eventsAbout(booking.bookingId(), SlotReleased.class, Duration.ofSeconds(3))).singleElement().satisfies(released -> {
            assertThat(released.reason()).isEqualTo("CANCELLED");
            assertThat(released.therapistId()).isEqualTo(anna.id());
            assertThat(released.start()).isEqualTo(booking.start());
            assertThat(released.technique()).isEqualTo(Technique.HOT_STONE);
            assertThat(released.roomId()).isEqualTo("table-1");
        });
        BookingRequested next = bookWith(anna, branch, Technique.HOT_STONE, booking.start(), 75);
        assertThat(assignmentDocument(next.bookingId()).getString("status")).isEqualTo("ASSIGNED");
    }

    @Test
    void aCustomerErasedIsNamedOnTheBoardNoMore() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        BookingRequested booking = bookWith(anna, branch, Technique.SWEDISH, at(branch, daysAhead(branch, 2), "11:00"), 60);
        assertThat(assignmentDocument(booking.bookingId()).getString("customerName")).as("the board's first name").isNotBlank();

        publishBooking(new BookingCustomerErased(UUID.randomUUID(), Instant.now(), booking.bookingId(), branch.id(), "customer-1"));

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> assertThat(assignmentDocument(booking.bookingId()).getString("customerName")).isNull());
        assertThat(assignmentDocument(booking.bookingId()).getString("status")).as("the session stays as it was").isEqualTo("ASSIGNED");
    }

    @Test
    void aBookingCancelledBeforeItsRequestWasPlannedIsNeverAssigned() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        seed(branch, List.of(Fixtures.therapist(freshId("anna"), branch.id()).build()), "09:00", "17:00");
        BookingRequested request = requested(branch, Technique.SWEDISH, at(branch, daysAhead(branch, 2), "10:00"), 60);

        lifecycle.released(request.bookingId(), branch.id(), UUID.randomUUID(), "CANCELLED");
        assignmentService.handle(request);

        assertThat(assignmentDocument(request.bookingId()).getString("status")).isEqualTo("RELEASED");
        assertThat(holdersOf("therapist_days", request.bookingId())).isEmpty();
    }

    @Test
    void aRescheduleKeepsTheSameTherapistWhenFreeAndHoldsTheOldSlotUntilTheNewOneIsWritten() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna, ben), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 2);
        BookingRequested booking = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        BookingRescheduleRequested request = rescheduling(booking, at(branch, day, "10:30"), null);

        publishBooking(request);
        publishBooking(request);

        SessionRescheduled moved = awaitOne(booking.bookingId(), SessionRescheduled.class);
        assertThat(moved.therapistId()).isEqualTo(anna.id());
        assertThat(moved.previousStart()).isEqualTo(at(branch, day, "10:00"));
        assertThat(moved.start()).isEqualTo(at(branch, day, "10:30"));
        assertThat(eventsAbout(booking.bookingId(), SlotReleased.class, Duration.ofSeconds(2))).singleElement()
                .satisfies(released -> assertThat(released.reason()).isEqualTo("RESCHEDULED"));
        assertThat(eventsAbout(booking.bookingId(), SessionRescheduled.class, Duration.ofSeconds(2))).hasSize(1);
        Document record = assignmentDocument(booking.bookingId());
        assertThat(record.getDate("start").toInstant()).isEqualTo(at(branch, day, "10:30"));
        assertThat(sessionsOf("therapist_days", booking.bookingId())).singleElement()
                .satisfies(session -> assertThat(session.getDate("sessionStart").toInstant()).isEqualTo(at(branch, day, "10:30")));
        assertThat(sessionsOf("room_days", booking.bookingId())).hasSize(1);
        assertNoOverlaps(branch, List.of(anna, ben), day);
    }

    @Test
    void aRescheduleGoesToTheBestOtherTherapistWhenTheSameOneIsBusyAndIsRefusedWhenNobodyIsFree() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna, ben), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 2);
        BookingRequested booking = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "14:00"), 60);

        publishBooking(rescheduling(booking, at(branch, day, "14:00"), null));
        SessionRescheduled moved = awaitOne(booking.bookingId(), SessionRescheduled.class);
        assertThat(moved.therapistId()).isEqualTo(ben.id());

        bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "16:00"), 60);
        bookWith(ben, branch, Technique.SWEDISH, at(branch, day, "16:00"), 60);
        Document before = assignmentDocument(booking.bookingId()).get("reservation", Document.class);
        publishBooking(rescheduling(booking, at(branch, day, "15:45"), null));
        RescheduleRefused refused = awaitOne(booking.bookingId(), RescheduleRefused.class);
        assertThat(refused.requestedStart()).isEqualTo(at(branch, day, "15:45"));
        assertThat(refused.alternatives()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(refused.detail()).isNotBlank();
        Document after = assignmentDocument(booking.bookingId());
        assertThat(after.get("reservation", Document.class)).isEqualTo(before);
        assertThat(after.get("move")).isNull();
        assertThat(holdersOf("therapist_days", booking.bookingId())).containsExactly(ben.id());
    }

    @Test
    void aNoShowReleasesTheSlotAndACompletedSessionIsRememberedForTheNextOne() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna, ben), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 2);
        BookingRequested missed = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);

        publishBooking(new BookingNoShow(UUID.randomUUID(), Instant.now(), missed.bookingId(), branch.id(), anna.id(), missed.start(),
                missed.end(), null, missed.customer()));

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> assertThat(holdersOf("therapist_days", missed.bookingId())).isEmpty());
        assertThat(awaitOne(missed.bookingId(), SlotReleased.class).reason()).isEqualTo("NO_SHOW");

        BookingRequested given = requested(branch, Technique.SWEDISH, at(branch, day, "12:00"), 60);
        bookWith(ben, branch, Technique.SWEDISH, at(branch, day, "12:00"), 60);
        assignmentService.handle(given);
        String gaveIt = assignmentDocument(given.bookingId()).get("reservation", Document.class).getString("therapistId");
        lifecycle.completed(new BookingCompleted(UUID.randomUUID(), Instant.now(), given.bookingId(), branch.id(), gaveIt,
                given.customer(), null));
        BookingRequested again = new BookingRequested(UUID.randomUUID(), Instant.now(), freshId("booking"), branch.id(), Technique.SWEDISH, 60,
                at(branch, day.plusDays(1), "11:00"), at(branch, day.plusDays(1), "12:00"), branch.zone(), given.customer(),
                null, List.of(), null, null, null);
        assignmentService.handle(again);
        Document decision = assignmentDocument(again.bookingId());
        assertThat(decision.get("reservation", Document.class).getString("therapistId")).isEqualTo(gaveIt);
        assertThat(decision.get("explanation", Document.class).getString("summary")).contains("continuity");
    }

    private <T> T awaitOne(String bookingId, Class<T> type) {
        return await().atMost(DECISION_TIMEOUT).until(() -> eventsAbout(bookingId, type, Duration.ofMillis(500)), found -> !found.isEmpty())
                .getFirst();
    }

    private static void publishBooking(BookingEvent event) {
        TestRecords.publish(Topic.BOOKINGS.topicName(), event);
    }

    private static BookingCancelled cancelled(BookingRequested booking) {
        return new BookingCancelled(UUID.randomUUID(), Instant.now(), booking.bookingId(), booking.branchId(), booking.start(), booking.end(),
                null, "plans changed", "CUSTOMER", false, null, booking.technique(), booking.zone(), booking.customer(), null);
    }

    private static BookingRescheduleRequested rescheduling(BookingRequested booking, Instant newStart, String therapistId) {
        return new BookingRescheduleRequested(UUID.randomUUID(), Instant.now(), booking.bookingId(), booking.branchId(), booking.technique(),
                booking.durationMinutes(), booking.start(), newStart, newStart.plusSeconds(60L * booking.durationMinutes()), booking.zone(),
                therapistId, "CUSTOMER", false, null);
    }
}
