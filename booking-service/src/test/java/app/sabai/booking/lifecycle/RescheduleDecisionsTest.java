package app.sabai.booking.lifecycle;

import app.sabai.booking.lifecycle.AssignmentOutcome.Confirmed;
import app.sabai.booking.lifecycle.AssignmentOutcome.NeedsAttention;
import app.sabai.booking.lifecycle.AssignmentOutcome.Reassigned;
import app.sabai.booking.lifecycle.AssignmentOutcome.Rejected;
import app.sabai.booking.lifecycle.AssignmentOutcome.RescheduleTurnedDown;
import app.sabai.booking.lifecycle.AssignmentOutcome.Rescheduled;
import app.sabai.booking.lifecycle.AssignmentOutcome.Skipped;
import app.sabai.booking.testing.TestBookings;
import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.RescheduleRefused;
import app.sabai.contracts.assignments.SessionRescheduled;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.RejectionReason;
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

/** therapist-service's answers to a move, and decisions that come after the booking went to staff for want of one. */
class RescheduleDecisionsTest {

    static final Instant NEW_START = DETAILS.start().plus(Duration.ofDays(1));
    static final Money LATE_FEE = new Money(3000, "GBP");
    static final Alternative LATER = new Alternative(NEW_START.plus(Duration.ofHours(2)), NEW_START.plus(Duration.ofHours(3)), "t-ploy", "Ploy");

    @Nested
    class WhenTheNewTimeIsHeld {

        @Test
        void theBookingMovesWithItsNewTherapistAndRoomAndTheLateFee() {
            Booking booking = rescheduling(TestBookings.confirmed("b-1"), true, LATE_FEE, BookingStatus.CONFIRMED);

            AssignmentOutcome outcome = AssignmentOutcome.of(booking, held(booking, "t-mali", "Mali", "room-7"), NOW);

            assertThat(outcome).isInstanceOfSatisfying(Rescheduled.class, moved -> {
                assertThat(moved.from()).isEqualTo(BookingStatus.RESCHEDULE_REQUESTED);
                assertThat(moved.to()).isEqualTo(BookingStatus.CONFIRMED);
                assertThat(moved.start()).isEqualTo(NEW_START);
                assertThat(moved.end()).isEqualTo(NEW_START.plus(Duration.ofHours(1)));
                assertThat(moved.therapist()).isEqualTo(new AssignedTherapist("t-mali", "Mali"));
                assertThat(moved.roomId()).isEqualTo("room-7");
                assertThat(moved.fee()).isEqualTo(new Fee(Fee.Reason.LATE_RESCHEDULE, LATE_FEE, NOW));
                assertThat(moved.closed()).isNull();
                assertThat(moved.event().previousStart()).isEqualTo(DETAILS.start());
                assertThat(moved.event().start()).isEqualTo(NEW_START);
                assertThat(moved.event().end()).isEqualTo(NEW_START.plus(Duration.ofHours(1)));
                assertThat(moved.event().therapistId()).isEqualTo("t-mali");
                assertThat(moved.event().therapistName()).isEqualTo("Mali");
                assertThat(moved.event().roomId()).isEqualTo("room-7");
                assertThat(moved.event().technique()).isEqualTo(DETAILS.technique());
                assertThat(moved.event().durationMinutes()).isEqualTo(60);
                assertThat(moved.event().customer()).isEqualTo(DETAILS.customer());
                assertThat(moved.event().zone()).isEqualTo(DETAILS.zone());
                assertThat(moved.event().late()).isTrue();
                assertThat(moved.event().fee()).isEqualTo(LATE_FEE);
            });
        }

        @Test
        void aFreeMoveCostsNothingAndKeepsTheRoomWhenNoneIsNamed() {
            Booking booking = rescheduling(TestBookings.confirmed("b-2"), false, null, BookingStatus.CONFIRMED);

            assertThat(AssignmentOutcome.of(booking, held(booking, "t-nok", "Nok", null), NOW)).isInstanceOfSatisfying(Rescheduled.class,
                    moved -> {
                        assertThat(moved.fee()).isNull();
                        assertThat(moved.roomId()).isEqualTo("room-2");
                        assertThat(moved.event().late()).isFalse();
                        assertThat(moved.event().fee()).isNull();
                    });
        }

        @Test
        void aBookingThatNeededAttentionNoLongerDoes() {
            Attention lost = lostNok();
            Booking booking = rescheduling(TestBookings.needingAttention("b-3", lost), false, null, BookingStatus.NEEDS_ATTENTION);

            assertThat(AssignmentOutcome.of(booking, held(booking, "t-mali", "Mali", "room-1"), NOW)).isInstanceOfSatisfying(Rescheduled.class,
                    moved -> assertThat(moved.closed()).isEqualTo(lost));
        }

        @ParameterizedTest
        @EnumSource(value = BookingStatus.class, names = "RESCHEDULE_REQUESTED", mode = EnumSource.Mode.EXCLUDE)
        void inAnyOtherStatusItIsSkipped(BookingStatus status) {
            Booking booking = TestBookings.inStatus(TestBookings.confirmed("b-4"), status);

            assertThat(AssignmentOutcome.of(booking, held(booking, "t-mali", "Mali", "room-1"), NOW)).isInstanceOfSatisfying(Skipped.class,
                    skipped -> assertThat(skipped.why()).contains("b-4 is " + status, "RESCHEDULED applies only in [RESCHEDULE_REQUESTED]"));
        }
    }

    @Nested
    class WhenTheNewTimeCannotBeHad {

        @Test
        void theBookingReturnsToConfirmedShowingWhy() {
            Booking booking = rescheduling(TestBookings.confirmed("b-5"), true, LATE_FEE, BookingStatus.CONFIRMED);

            AssignmentOutcome outcome = AssignmentOutcome.of(booking, refused(booking), NOW);

            assertThat(outcome).isInstanceOfSatisfying(RescheduleTurnedDown.class, turnedDown -> {
                assertThat(turnedDown.from()).isEqualTo(BookingStatus.RESCHEDULE_REQUESTED);
                assertThat(turnedDown.to()).isEqualTo(BookingStatus.CONFIRMED);
                assertThat(turnedDown.refusal()).isEqualTo(new RescheduleRefusal(NEW_START, RejectionReason.NO_THERAPIST_AVAILABLE,
                        "Everyone is booked then", List.of(LATER), NOW));
                assertThat(turnedDown.relisted()).isNull();
            });
        }

        @Test
        void aBookingStaffTriedToMoveOutOfNeedingAttentionNeedsItAgainAndIsListedAgain() {
            Attention lost = lostNok();
            Booking booking = rescheduling(TestBookings.needingAttention("b-6", lost), false, null, BookingStatus.NEEDS_ATTENTION);

            assertThat(AssignmentOutcome.of(booking, refused(booking), NOW)).isInstanceOfSatisfying(RescheduleTurnedDown.class, turnedDown -> {
                assertThat(turnedDown.to()).isEqualTo(BookingStatus.NEEDS_ATTENTION);
                assertThat(turnedDown.relisted()).isEqualTo(AttentionCase.of(booking, lost, NOW));
                assertThat(turnedDown.relisted().raisedBy()).isEqualTo(lost.raisedBy());
            });
        }

        @Test
        void aRefusalWithoutReasonReadsAsOther() {
            Booking booking = rescheduling(TestBookings.confirmed("b-7"), false, null, BookingStatus.CONFIRMED);
            RescheduleRefused noReason = new RescheduleRefused(UUID.randomUUID(), NOW, booking.id(), booking.branchId(), null, null, null,
                    null, null);

            assertThat(AssignmentOutcome.of(booking, noReason, NOW)).isInstanceOfSatisfying(RescheduleTurnedDown.class, turnedDown -> {
                assertThat(turnedDown.refusal().reason()).isEqualTo(RejectionReason.OTHER);
                assertThat(turnedDown.refusal().requestedStart()).as("the time asked for").isEqualTo(NEW_START);
            });
        }

        @ParameterizedTest
        @EnumSource(value = BookingStatus.class, names = "RESCHEDULE_REQUESTED", mode = EnumSource.Mode.EXCLUDE)
        void inAnyOtherStatusItIsSkipped(BookingStatus status) {
            Booking booking = TestBookings.inStatus(TestBookings.confirmed("b-8"), status);

            assertThat(AssignmentOutcome.of(booking, refused(booking), NOW)).isInstanceOf(Skipped.class);
        }

        @Test
        void aReassignmentWhileWaitingChangesTheTherapistAndKeepsWaiting() {
            Booking booking = rescheduling(TestBookings.confirmed("b-9"), false, null, BookingStatus.CONFIRMED);
            TherapistReassigned reassigned = new TherapistReassigned(UUID.randomUUID(), NOW, booking.id(), booking.branchId(), "t-nok",
                    "t-mali", "Mali", "room-4", booking.start(), booking.end(), "Nok is off sick", null, "Nok", List.of(), "absence-9");

            assertThat(AssignmentOutcome.of(booking, reassigned, NOW)).isInstanceOfSatisfying(Reassigned.class, moved -> {
                assertThat(moved.from()).isEqualTo(BookingStatus.RESCHEDULE_REQUESTED);
                assertThat(moved.to()).isEqualTo(BookingStatus.RESCHEDULE_REQUESTED);
                assertThat(moved.therapist()).isEqualTo(new AssignedTherapist("t-mali", "Mali"));
            });
        }
    }

    @Nested
    class WhenNoDecisionComesInTime {

        @Test
        void aRequestStillWaitingGoesToStaffUnderAnIdThatFollowsFromTheBooking() {
            Booking booking = TestBookings.requested("b-10");

            AssignmentOutcome outcome = AssignmentOutcome.overdue(booking, Duration.ofMinutes(2), NOW);

            assertThat(outcome).isInstanceOfSatisfying(NeedsAttention.class, needs -> {
                assertThat(needs.from()).isEqualTo(BookingStatus.REQUESTED);
                assertThat(needs.to()).isEqualTo(BookingStatus.NEEDS_ATTENTION);
                assertThat(needs.attention().cause()).isEqualTo(AttentionCause.NO_DECISION);
                assertThat(needs.attention().reason()).contains("within 2 minutes");
                assertThat(needs.attention().since()).isEqualTo(NOW);
                assertThat(needs.attention().lostTherapist()).isNull();
                assertThat(needs.attention().raisedBy()).isEqualTo(AssignmentOutcome.overdueDecisionId("b-10").toString())
                        .isEqualTo(UUID.nameUUIDFromBytes("decision-overdue/b-10".getBytes()).toString());
                assertThat(needs.listed().id()).isEqualTo("b-10");
                assertThat(needs.listed().raisedBy()).isEqualTo(needs.attention().raisedBy());
                assertThat(needs.event().reason()).isEqualTo(needs.attention().reason());
                assertThat(needs.event().alternatives()).isEmpty();
                assertThat(needs.event().customer()).isEqualTo(DETAILS.customer());
            });
        }

        @ParameterizedTest
        @EnumSource(value = BookingStatus.class, names = "REQUESTED", mode = EnumSource.Mode.EXCLUDE)
        void aBookingThatHasItsDecisionIsLeftAlone(BookingStatus status) {
            Booking booking = TestBookings.inStatus(TestBookings.confirmed("b-11"), status);

            assertThat(AssignmentOutcome.overdue(booking, Duration.ofMinutes(2), NOW)).isInstanceOf(Skipped.class);
        }

        @Test
        void aLateAssignmentStillConfirmsTheBookingAndClosesItsCase() {
            Booking stuck = overdue("b-12");
            TherapistAssigned assigned = new TherapistAssigned(UUID.randomUUID(), NOW, stuck.id(), stuck.branchId(), "t-nok", "Nok",
                    "room-2", List.of(), stuck.start(), stuck.end(), null);

            assertThat(AssignmentOutcome.of(stuck, assigned, NOW)).isInstanceOfSatisfying(Confirmed.class, confirmed -> {
                assertThat(confirmed.from()).isEqualTo(BookingStatus.NEEDS_ATTENTION);
                assertThat(confirmed.to()).isEqualTo(BookingStatus.CONFIRMED);
                assertThat(confirmed.therapist()).isEqualTo(NOK);
                assertThat(confirmed.closed()).isEqualTo(stuck.attention());
            });
        }

        @Test
        void aLateRejectionStillRejectsIt() {
            Booking stuck = overdue("b-13");
            AssignmentRejected rejected = new AssignmentRejected(UUID.randomUUID(), NOW, stuck.id(), stuck.branchId(),
                    RejectionReason.NO_ROOM_AVAILABLE, "All rooms taken", List.of(), null);

            assertThat(AssignmentOutcome.of(stuck, rejected, NOW)).isInstanceOfSatisfying(Rejected.class, rejection -> {
                assertThat(rejection.from()).isEqualTo(BookingStatus.NEEDS_ATTENTION);
                assertThat(rejection.to()).isEqualTo(BookingStatus.REJECTED);
                assertThat(rejection.closed()).isEqualTo(stuck.attention());
            });
        }

        @Test
        void anAssignmentNeverConfirmsABookingThatLostItsTherapist() {
            Booking lost = TestBookings.needingAttention("b-14", lostNok());
            TherapistAssigned assigned = new TherapistAssigned(UUID.randomUUID(), NOW, lost.id(), lost.branchId(), "t-nok", "Nok",
                    "room-2", List.of(), lost.start(), lost.end(), null);

            assertThat(lost.awaitsFirstDecision()).isFalse();
            assertThat(AssignmentOutcome.of(lost, assigned, NOW)).isInstanceOfSatisfying(Skipped.class,
                    skipped -> assertThat(skipped.why()).contains("THERAPIST_ASSIGNED applies only in [REQUESTED, OFFER_REQUESTED]"));
        }
    }

    private static Booking overdue(String id) {
        Booking requested = TestBookings.requested(id);
        Attention attention = ((NeedsAttention) AssignmentOutcome.overdue(requested, Duration.ofMinutes(2), NOW)).attention();
        Booking stuck = TestBookings.needingAttention(id, attention);
        assertThat(stuck.awaitsFirstDecision()).isTrue();
        return stuck;
    }

    private static Booking rescheduling(Booking booking, boolean late, Money fee, BookingStatus previous) {
        return TestBookings.rescheduling(booking, new PendingReschedule(NEW_START, NEW_START.plus(Duration.ofHours(1)), NOW,
                Requester.CUSTOMER, "t-nok", late, fee, previous));
    }

    private static SessionRescheduled held(Booking booking, String therapistId, String therapistName, String roomId) {
        return new SessionRescheduled(UUID.randomUUID(), NOW, booking.id(), booking.branchId(), therapistId, therapistName, roomId,
                List.of(), booking.start(), NEW_START, NEW_START.plus(Duration.ofHours(1)), null);
    }

    private static RescheduleRefused refused(Booking booking) {
        return new RescheduleRefused(UUID.randomUUID(), NOW, booking.id(), booking.branchId(), NEW_START,
                RejectionReason.NO_THERAPIST_AVAILABLE, "Everyone is booked then", List.of(LATER), null);
    }

    private static Attention lostNok() {
        return new Attention("Nok is off sick", List.of(), NOW, NOK, "absence-9", UUID.randomUUID().toString(), AttentionCause.THERAPIST_LOST);
    }
}
