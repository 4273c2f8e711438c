package app.sabai.booking.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static app.sabai.booking.lifecycle.BookingStatus.CANCELLED;
import static app.sabai.booking.lifecycle.BookingStatus.COMPLETED;
import static app.sabai.booking.lifecycle.BookingStatus.CONFIRMED;
import static app.sabai.booking.lifecycle.BookingStatus.NEEDS_ATTENTION;
import static app.sabai.booking.lifecycle.BookingStatus.NO_SHOW;
import static app.sabai.booking.lifecycle.BookingStatus.REJECTED;
import static app.sabai.booking.lifecycle.BookingStatus.REQUESTED;
import static app.sabai.booking.lifecycle.BookingStatus.RESCHEDULE_REQUESTED;
import static app.sabai.booking.lifecycle.BookingTrigger.ASSIGNMENT_REJECTED;
import static app.sabai.booking.lifecycle.BookingTrigger.CANCEL;
import static app.sabai.booking.lifecycle.BookingTrigger.COMPLETE;
import static app.sabai.booking.lifecycle.BookingTrigger.MARK_NO_SHOW;
import static app.sabai.booking.lifecycle.BookingTrigger.REASSIGNMENT_FAILED;
import static app.sabai.booking.lifecycle.BookingTrigger.REQUEST_RESCHEDULE;
import static app.sabai.booking.lifecycle.BookingTrigger.RESCHEDULED;
import static app.sabai.booking.lifecycle.BookingTrigger.THERAPIST_ASSIGNED;
import static app.sabai.booking.lifecycle.BookingTrigger.THERAPIST_REASSIGNED;
import static org.assertj.core.api.Assertions.assertThat;

class BookingStatusTest {

    @Test
    void aRequestedBookingIsDecidedByTheAssignment() {
        assertThat(REQUESTED.after(THERAPIST_ASSIGNED)).contains(CONFIRMED);
        assertThat(REQUESTED.after(ASSIGNMENT_REJECTED)).contains(REJECTED);
    }

    @ParameterizedTest
    @EnumSource(value = BookingStatus.class, names = "REQUESTED", mode = EnumSource.Mode.EXCLUDE)
    void anAssignmentDecisionAppliesOnlyToARequestedBooking(BookingStatus status) {
        assertThat(status.after(THERAPIST_ASSIGNED)).isEmpty();
        assertThat(status.after(ASSIGNMENT_REJECTED)).isEmpty();
    }

    @Test
    void aConfirmedBookingEndsCompletedNoShowOrCancelled() {
        assertThat(CONFIRMED.after(COMPLETE)).contains(COMPLETED);
        assertThat(CONFIRMED.after(MARK_NO_SHOW)).contains(NO_SHOW);
        assertThat(CONFIRMED.after(CANCEL)).contains(CANCELLED);
    }

    @Test
    void aRescheduleWaitsForTheNewSlot() {
        assertThat(CONFIRMED.after(REQUEST_RESCHEDULE)).contains(RESCHEDULE_REQUESTED);
        assertThat(RESCHEDULE_REQUESTED.after(RESCHEDULED)).contains(CONFIRMED);
        assertThat(RESCHEDULE_REQUESTED.after(COMPLETE)).isEmpty();
    }

    @Test
    void aFailedReassignmentNeedsAttentionUntilSomeoneIsFound() {
        assertThat(CONFIRMED.after(REASSIGNMENT_FAILED)).contains(NEEDS_ATTENTION);
        assertThat(NEEDS_ATTENTION.after(THERAPIST_REASSIGNED)).contains(CONFIRMED);
        assertThat(NEEDS_ATTENTION.after(CANCEL)).contains(CANCELLED);
    }

    @Test
    void finishedBookingsStayFinished() {
        Set<BookingStatus> finished = EnumSet.noneOf(BookingStatus.class);
        Arrays.stream(BookingStatus.values()).filter(BookingStatus::isFinal).forEach(finished::add);

        assertThat(finished).containsExactlyInAnyOrder(REJECTED, CANCELLED, COMPLETED, NO_SHOW);
    }

    @Test
    void everyOpenBookingCanStillBeCancelledOrDecided() {
        Arrays.stream(BookingStatus.values()).filter(status -> !status.isFinal()).forEach(status ->
                assertThat(status.after(CANCEL)).as("%s can be cancelled", status).contains(CANCELLED));
    }

    @Test
    void aTriggerNamesTheStatusesItAppliesIn() {
        assertThat(THERAPIST_ASSIGNED.appliesIn()).containsExactly(REQUESTED);
        assertThat(CANCEL.appliesIn()).containsExactlyInAnyOrder(REQUESTED, CONFIRMED, RESCHEDULE_REQUESTED, NEEDS_ATTENTION);
    }
}
