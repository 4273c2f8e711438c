package app.sabai.booking.lifecycle;

import app.sabai.booking.lifecycle.AssignmentOutcome.NeedsAttention;
import app.sabai.booking.lifecycle.AssignmentOutcome.Reassigned;
import app.sabai.booking.lifecycle.AssignmentOutcome.Skipped;
import app.sabai.booking.testing.TestBookings;
import app.sabai.contracts.assignments.ReassignmentFailed;
import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.values.Alternative;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.TestBookings.DETAILS;
import static app.sabai.booking.testing.TestBookings.NOK;
import static app.sabai.booking.testing.TestBookings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class ReassignmentDecisionsTest {

    static final AssignedTherapist MALI = new AssignedTherapist("t-mali", "Mali");
    static final Alternative AN_HOUR_LATER = new Alternative(DETAILS.start().plus(Duration.ofHours(1)),
            DETAILS.end().plus(Duration.ofHours(1)), "t-ploy", "Ploy");
    static final Instant FAILED_AT = NOW.minus(Duration.ofMinutes(3));

    @Nested
    class WhenTheTherapistIsReassigned {

        @Test
        void aConfirmedBookingStaysConfirmedWithTheNewTherapistAndTheCustomerIsTold() {
            Booking booking = TestBookings.confirmed("b-1");

            AssignmentOutcome outcome = AssignmentOutcome.of(booking, reassigned(booking, "room-5"), NOW);

            assertThat(outcome).isInstanceOfSatisfying(Reassigned.class, reassigned -> {
                assertThat(reassigned.from()).isEqualTo(BookingStatus.CONFIRMED);
                assertThat(reassigned.to()).isEqualTo(BookingStatus.CONFIRMED);
                assertThat(reassigned.therapist()).isEqualTo(MALI);
                assertThat(reassigned.roomId()).isEqualTo("room-5");
                assertThat(reassigned.closed()).isNull();
                var event = reassigned.event();
                assertThat(event.eventId()).isNotNull();
                assertThat(event.occurredAt()).isEqualTo(NOW);
                assertThat(event.bookingId()).isEqualTo("b-1");
                assertThat(event.branchId()).isEqualTo(DETAILS.branchId());
                assertThat(event.technique()).isEqualTo(DETAILS.technique());
                assertThat(event.durationMinutes()).isEqualTo(60);
                assertThat(event.start()).isEqualTo(DETAILS.start());
                assertThat(event.end()).isEqualTo(DETAILS.end());
                assertThat(event.zone()).isEqualTo(DETAILS.zone());
                assertThat(event.previousTherapistId()).isEqualTo("t-nok");
                assertThat(event.previousTherapistName()).isEqualTo("Nok");
                assertThat(event.therapistId()).isEqualTo("t-mali");
                assertThat(event.therapistName()).isEqualTo("Mali");
                assertThat(event.roomId()).isEqualTo("room-5");
                assertThat(event.reason()).isEqualTo("Nok is off sick");
                assertThat(event.customer()).isEqualTo(DETAILS.customer());
            });
        }

        @Test
        void aMoveThatNamesNoRoomKeepsTheBookingsRoom() {
            Booking booking = TestBookings.confirmed("b-1");

            assertThat(AssignmentOutcome.of(booking, reassigned(booking, null), NOW)).isInstanceOfSatisfying(Reassigned.class, reassigned -> {
                assertThat(reassigned.roomId()).isEqualTo("room-2");
                assertThat(reassigned.event().roomId()).isEqualTo("room-2");
            });
        }

        @Test
        void aBookingThatNeedsAttentionIsConfirmedAgainAndItsCaseIsClosed() {
            Attention attention = lostNok(UUID.randomUUID());
            Booking booking = TestBookings.needingAttention("b-2", attention);
            TherapistReassigned fromNobody = new TherapistReassigned(UUID.randomUUID(), NOW, "b-2", DETAILS.branchId(), null,
                    "t-mali", "Mali", null, DETAILS.start(), DETAILS.end(), "Mali took the session over", null, null, List.of(), null);

            assertThat(AssignmentOutcome.of(booking, fromNobody, NOW)).isInstanceOfSatisfying(Reassigned.class, reassigned -> {
                assertThat(reassigned.from()).isEqualTo(BookingStatus.NEEDS_ATTENTION);
                assertThat(reassigned.to()).isEqualTo(BookingStatus.CONFIRMED);
                assertThat(reassigned.therapist()).isEqualTo(MALI);
                assertThat(reassigned.roomId()).isEqualTo("room-2");
                assertThat(reassigned.closed()).isEqualTo(attention);
                assertThat(reassigned.event().previousTherapistId()).as("the therapist the customer was told of").isEqualTo("t-nok");
                assertThat(reassigned.event().previousTherapistName()).isEqualTo("Nok");
                assertThat(reassigned.event().reason()).isEqualTo("Mali took the session over");
            });
        }

        @ParameterizedTest
        @EnumSource(value = BookingStatus.class, names = {"CONFIRMED", "NEEDS_ATTENTION", "RESCHEDULE_REQUESTED", "OFFERED"},
                mode = EnumSource.Mode.EXCLUDE)
        void inAnyOtherStatusItIsSkippedSayingWhy(BookingStatus status) {
            Booking booking = TestBookings.inStatus(TestBookings.confirmed("b-3"), status);

            assertThat(AssignmentOutcome.of(booking, reassigned(booking, "room-5"), NOW)).isInstanceOfSatisfying(Skipped.class,
                    skipped -> assertThat(skipped.why()).contains("b-3 is " + status,
                            "THERAPIST_REASSIGNED applies only in [CONFIRMED, RESCHEDULE_REQUESTED, NEEDS_ATTENTION, OFFERED]"));
        }
    }

    @Nested
    class WhenNobodyCanTakeTheSessionOver {

        @Test
        void aConfirmedBookingNeedsAttentionAndLosesItsTherapist() {
            Booking booking = TestBookings.confirmed("b-4");
            ReassignmentFailed failed = failed(booking);

            AssignmentOutcome outcome = AssignmentOutcome.of(booking, failed, NOW);

            assertThat(outcome).isInstanceOfSatisfying(NeedsAttention.class, needs -> {
                assertThat(needs.from()).isEqualTo(BookingStatus.CONFIRMED);
                assertThat(needs.to()).isEqualTo(BookingStatus.NEEDS_ATTENTION);
                assertThat(needs.attention()).isEqualTo(new Attention("Nok is off sick; nobody else is free",
                        List.of(AN_HOUR_LATER), FAILED_AT, NOK, "absence-9", failed.eventId().toString(), AttentionCause.THERAPIST_LOST));
                assertThat(needs.event().bookingId()).isEqualTo("b-4");
                assertThat(needs.event().branchId()).isEqualTo(DETAILS.branchId());
                assertThat(needs.event().occurredAt()).isEqualTo(NOW);
                assertThat(needs.event().reason()).isEqualTo("Nok is off sick; nobody else is free");
                assertThat(needs.event().alternatives()).containsExactly(AN_HOUR_LATER);
                assertThat(needs.event().customer()).isEqualTo(DETAILS.customer());
            });
        }

        @Test
        void theCaseGoesOnTheListWithWhatStaffNeedToCallTheCustomer() {
            Booking booking = TestBookings.confirmed("b-5");
            ReassignmentFailed failed = failed(booking);

            assertThat(AssignmentOutcome.of(booking, failed, NOW)).isInstanceOfSatisfying(NeedsAttention.class, needs ->
                    assertThat(needs.listed()).isEqualTo(new AttentionCase("b-5", DETAILS.branchId(), DETAILS.technique(), 60,
                            DETAILS.start(), DETAILS.end(), DETAILS.zone(), DETAILS.customer(),
                            "Nok is off sick; nobody else is free", List.of(AN_HOUR_LATER), FAILED_AT, NOK,
                            failed.eventId().toString(), NOW)));
        }

        @ParameterizedTest
        @EnumSource(value = BookingStatus.class, names = "CONFIRMED", mode = EnumSource.Mode.EXCLUDE)
        void inAnyOtherStatusItIsSkippedSayingWhy(BookingStatus status) {
            Booking booking = TestBookings.inStatus(TestBookings.confirmed("b-6"), status);

            assertThat(AssignmentOutcome.of(booking, failed(booking), NOW)).isInstanceOfSatisfying(Skipped.class,
                    skipped -> assertThat(skipped.why()).contains("b-6 is " + status, "REASSIGNMENT_FAILED applies only in [CONFIRMED]"));
        }
    }

    private static TherapistReassigned reassigned(Booking booking, String roomId) {
        return new TherapistReassigned(UUID.randomUUID(), NOW, booking.id(), booking.branchId(), "t-nok", "t-mali", "Mali", roomId,
                booking.start(), booking.end(), "Nok is off sick", null, "Nok", List.of(), "absence-9");
    }

    private static ReassignmentFailed failed(Booking booking) {
        return new ReassignmentFailed(UUID.randomUUID(), FAILED_AT, booking.id(), booking.branchId(), "t-nok",
                "Nok is off sick; nobody else is free", List.of(AN_HOUR_LATER), null, "absence-9");
    }

    private static Attention lostNok(UUID raisedBy) {
        return new Attention("Nok is off sick", List.of(AN_HOUR_LATER), FAILED_AT, NOK, "absence-9", raisedBy.toString(),
                AttentionCause.THERAPIST_LOST);
    }
}
