package app.sabai.booking.lifecycle;

import app.sabai.booking.intake.DeclineReason;
import app.sabai.booking.intake.ScreeningDecision;
import app.sabai.booking.lifecycle.AssignmentOutcome.Confirmed;
import app.sabai.booking.lifecycle.AssignmentOutcome.Rejected;
import app.sabai.booking.lifecycle.AssignmentOutcome.Skipped;
import app.sabai.booking.testing.TestBookings;
import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.TestBookings.DETAILS;
import static app.sabai.booking.testing.TestBookings.NOW;
import static app.sabai.booking.testing.TestBookings.SENIOR;
import static org.assertj.core.api.Assertions.assertThat;

class BookingDecisionsTest {

    @Test
    void anAcceptedRequestIsRequestedWithTheRequirementsInItsEvent() {
        OpenedBooking opened = OpenedBooking.open("b-1", "c-1", DETAILS, new ScreeningDecision.Accepted(SENIOR), NOW);

        assertThat(opened.booking().status()).isEqualTo(BookingStatus.REQUESTED);
        assertThat(opened.booking().requirements()).isEqualTo(SENIOR);
        assertThat(opened.booking().createdAt()).isEqualTo(NOW);
        assertThat(opened.event()).isInstanceOfSatisfying(BookingRequested.class, requested -> {
            assertThat(requested.bookingId()).isEqualTo("b-1");
            assertThat(requested.key()).isEqualTo("liverpool");
            assertThat(requested.requirements()).isEqualTo(SENIOR);
            assertThat(requested.start()).isEqualTo(DETAILS.start());
            assertThat(requested.end()).isEqualTo(DETAILS.end());
            assertThat(requested.zone()).isEqualTo(DETAILS.zone());
            assertThat(requested.customer()).isEqualTo(DETAILS.customer());
            assertThat(requested.occurredAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aDeclinedRequestIsRejectedWithTheReasonTheCustomerCanActOn() {
        OpenedBooking opened = OpenedBooking.open("b-2", "c-2", DETAILS,
                new ScreeningDecision.Declined(DeclineReason.MEDICAL_EVALUATION_NEEDED, "Please have a medical evaluation first."), NOW);

        assertThat(opened.booking().status()).isEqualTo(BookingStatus.REJECTED);
        assertThat(opened.booking().rejection()).isEqualTo(new Rejection(RejectionReason.INTAKE_DECLINED,
                "Please have a medical evaluation first.", List.of()));
        assertThat(opened.event()).isInstanceOfSatisfying(BookingRejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.INTAKE_DECLINED);
            assertThat(rejected.detail()).contains("medical evaluation");
        });
    }

    @Test
    void anAssignmentConfirmsARequestedBooking() {
        Booking requested = requested();
        TherapistAssigned assigned = assigned(requested);

        AssignmentOutcome outcome = AssignmentOutcome.of(requested, assigned, NOW);

        assertThat(outcome).isInstanceOfSatisfying(Confirmed.class, confirmed -> {
            assertThat(confirmed.from()).isEqualTo(BookingStatus.REQUESTED);
            assertThat(confirmed.to()).isEqualTo(BookingStatus.CONFIRMED);
            assertThat(confirmed.therapist()).isEqualTo(new AssignedTherapist("t-7", "Nok"));
            assertThat(confirmed.roomId()).isEqualTo("room-2");
            assertThat(confirmed.event().therapistName()).isEqualTo("Nok");
            assertThat(confirmed.event().technique()).isEqualTo(Technique.THAI);
            assertThat(confirmed.event().customer()).isEqualTo(DETAILS.customer());
        });
    }

    @Test
    void aRejectedAssignmentRejectsWithTheAlternatives() {
        Booking requested = requested();
        Alternative later = new Alternative(Instant.parse("2026-12-01T12:00:00Z"), Instant.parse("2026-12-01T13:00:00Z"), "t-3", "Mali");
        AssignmentRejected rejected = new AssignmentRejected(UUID.randomUUID(), NOW, requested.id(), "liverpool",
                RejectionReason.NO_THERAPIST_AVAILABLE, "Everyone is booked at 10:00", List.of(later), null);

        assertThat(AssignmentOutcome.of(requested, rejected, NOW)).isInstanceOfSatisfying(Rejected.class, outcome -> {
            assertThat(outcome.to()).isEqualTo(BookingStatus.REJECTED);
            assertThat(outcome.rejection()).isEqualTo(new Rejection(RejectionReason.NO_THERAPIST_AVAILABLE, "Everyone is booked at 10:00", List.of(later)));
            assertThat(outcome.event().alternatives()).containsExactly(later);
        });
    }

    @Test
    void aRejectionWithoutAKnownReasonIsOther() {
        AssignmentRejected rejected = new AssignmentRejected(UUID.randomUUID(), NOW, "b-1", "liverpool", null, "?", null, null);

        assertThat(AssignmentOutcome.of(requested(), rejected, NOW)).isInstanceOfSatisfying(Rejected.class,
                outcome -> assertThat(outcome.rejection().reason()).isEqualTo(RejectionReason.OTHER));
    }

    @Test
    void aDecisionForABookingNoLongerRequestedIsSkippedSayingWhy() {
        Booking alreadyConfirmed = TestBookings.confirmed("b-3");

        assertThat(AssignmentOutcome.of(alreadyConfirmed, assigned(alreadyConfirmed), NOW)).isInstanceOfSatisfying(Skipped.class,
                skipped -> assertThat(skipped.why()).contains("is CONFIRMED", "THERAPIST_ASSIGNED applies only in [REQUESTED, OFFER_REQUESTED]"));
    }

    private static Booking requested() {
        return TestBookings.requested("b-1");
    }

    private static TherapistAssigned assigned(Booking booking) {
        return new TherapistAssigned(UUID.randomUUID(), NOW, booking.id(), booking.branchId(), "t-7", "Nok", "room-2", List.of(),
                booking.start(), booking.end(), null);
    }
}
