package app.sabai.booking.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static app.sabai.booking.lifecycle.BookingStatus.CANCELLED;
import static app.sabai.booking.lifecycle.BookingStatus.COMPLETED;
import static app.sabai.booking.lifecycle.BookingStatus.CONFIRMED;
import static app.sabai.booking.lifecycle.BookingStatus.NEEDS_ATTENTION;
import static app.sabai.booking.lifecycle.BookingStatus.NO_SHOW;
import static app.sabai.booking.lifecycle.BookingStatus.OFFERED;
import static app.sabai.booking.lifecycle.BookingStatus.OFFER_REQUESTED;
import static app.sabai.booking.lifecycle.BookingStatus.REJECTED;
import static app.sabai.booking.lifecycle.BookingStatus.REQUESTED;
import static app.sabai.booking.lifecycle.BookingStatus.RESCHEDULE_REQUESTED;
import static app.sabai.booking.lifecycle.BookingTrigger.ASSIGNMENT_REJECTED;
import static app.sabai.booking.lifecycle.BookingTrigger.COMPLETE;
import static app.sabai.booking.lifecycle.BookingTrigger.CUSTOMER_CANCELS;
import static app.sabai.booking.lifecycle.BookingTrigger.CUSTOMER_RESCHEDULES;
import static app.sabai.booking.lifecycle.BookingTrigger.DECISION_OVERDUE;
import static app.sabai.booking.lifecycle.BookingTrigger.LATE_ASSIGNMENT;
import static app.sabai.booking.lifecycle.BookingTrigger.LATE_REJECTION;
import static app.sabai.booking.lifecycle.BookingTrigger.MARK_NO_SHOW;
import static app.sabai.booking.lifecycle.BookingTrigger.OFFER_ACCEPTED;
import static app.sabai.booking.lifecycle.BookingTrigger.OFFER_DECLINED;
import static app.sabai.booking.lifecycle.BookingTrigger.OFFER_EXPIRED;
import static app.sabai.booking.lifecycle.BookingTrigger.OFFER_WITHDRAWN;
import static app.sabai.booking.lifecycle.BookingTrigger.REASSIGNMENT_FAILED;
import static app.sabai.booking.lifecycle.BookingTrigger.RESCHEDULED;
import static app.sabai.booking.lifecycle.BookingTrigger.RESCHEDULE_REFUSED;
import static app.sabai.booking.lifecycle.BookingTrigger.STAFF_CANCELS;
import static app.sabai.booking.lifecycle.BookingTrigger.STAFF_RESCHEDULES;
import static app.sabai.booking.lifecycle.BookingTrigger.THERAPIST_ASSIGNED;
import static app.sabai.booking.lifecycle.BookingTrigger.THERAPIST_REASSIGNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The booking state machine, checked cell by cell against the table written out here: every trigger in every
 * status either leads where the table says, or does not apply there.
 */
class BookingStatusTest {

    /** The whole table: trigger → (status it applies in → where it leads). Any pair not listed is refused. */
    static final Map<BookingTrigger, Map<BookingStatus, BookingStatus>> TABLE = new EnumMap<>(Map.ofEntries(
            Map.entry(THERAPIST_ASSIGNED, Map.of(REQUESTED, CONFIRMED, OFFER_REQUESTED, OFFERED)),
            Map.entry(ASSIGNMENT_REJECTED, Map.of(REQUESTED, REJECTED, OFFER_REQUESTED, REJECTED)),
            Map.entry(DECISION_OVERDUE, Map.of(REQUESTED, NEEDS_ATTENTION)),
            Map.entry(LATE_ASSIGNMENT, Map.of(NEEDS_ATTENTION, CONFIRMED)),
            Map.entry(LATE_REJECTION, Map.of(NEEDS_ATTENTION, REJECTED)),
            Map.entry(THERAPIST_REASSIGNED, Map.of(CONFIRMED, CONFIRMED, NEEDS_ATTENTION, CONFIRMED,
                    RESCHEDULE_REQUESTED, RESCHEDULE_REQUESTED, OFFERED, OFFERED)),
            Map.entry(REASSIGNMENT_FAILED, Map.of(CONFIRMED, NEEDS_ATTENTION)),
            Map.entry(CUSTOMER_CANCELS, Map.of(REQUESTED, CANCELLED, CONFIRMED, CANCELLED, RESCHEDULE_REQUESTED, CANCELLED)),
            Map.entry(STAFF_CANCELS, Map.of(REQUESTED, CANCELLED, CONFIRMED, CANCELLED, RESCHEDULE_REQUESTED, CANCELLED,
                    NEEDS_ATTENTION, CANCELLED)),
            Map.entry(CUSTOMER_RESCHEDULES, Map.of(CONFIRMED, RESCHEDULE_REQUESTED)),
            Map.entry(STAFF_RESCHEDULES, Map.of(CONFIRMED, RESCHEDULE_REQUESTED, NEEDS_ATTENTION, RESCHEDULE_REQUESTED)),
            Map.entry(RESCHEDULED, Map.of(RESCHEDULE_REQUESTED, CONFIRMED)),
            Map.entry(COMPLETE, Map.of(CONFIRMED, COMPLETED)),
            Map.entry(MARK_NO_SHOW, Map.of(CONFIRMED, NO_SHOW)),
            Map.entry(OFFER_ACCEPTED, Map.of(OFFERED, CONFIRMED)),
            Map.entry(OFFER_DECLINED, Map.of(OFFERED, CANCELLED)),
            Map.entry(OFFER_EXPIRED, Map.of(OFFER_REQUESTED, CANCELLED, OFFERED, CANCELLED)),
            Map.entry(OFFER_WITHDRAWN, Map.of(OFFER_REQUESTED, CANCELLED, OFFERED, CANCELLED))));

    static Stream<Arguments> everyTriggerInEveryStatus() {
        List<Arguments> cells = new ArrayList<>();
        for (BookingTrigger trigger : BookingTrigger.values()) {
            if (trigger == RESCHEDULE_REFUSED) {
                continue;
            }
            for (BookingStatus status : BookingStatus.values()) {
                cells.add(arguments(trigger, status, TABLE.get(trigger).get(status)));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} in {1} → {2}")
    @MethodSource("everyTriggerInEveryStatus")
    void everyTriggerLeadsWhereTheTableSaysOrIsRefused(BookingTrigger trigger, BookingStatus status, BookingStatus expected) {
        if (expected == null) {
            assertThat(status.after(trigger)).as("%s is refused in %s", trigger, status).isEmpty();
            assertThat(trigger.appliesIn(status)).isFalse();
        } else {
            assertThat(status.after(trigger)).contains(expected);
            assertThat(trigger.appliesIn(status)).isTrue();
            assertThat(trigger.leadsTo(status)).containsExactly(expected);
        }
    }

    @Test
    void theTableHereCoversEveryTrigger() {
        assertThat(TABLE.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(BookingTrigger.values()).filter(trigger -> trigger != RESCHEDULE_REFUSED).toList());
    }

    @ParameterizedTest(name = "back to {0}")
    @MethodSource("waysBack")
    void aRefusedRescheduleReturnsToTheStatusTheBookingHadBefore(BookingStatus before) {
        assertThat(RESCHEDULE_REQUESTED.after(RESCHEDULE_REFUSED, before)).contains(before);
        assertThat(RESCHEDULE_REFUSED.leadsTo(RESCHEDULE_REQUESTED)).containsExactlyInAnyOrder(CONFIRMED, NEEDS_ATTENTION);
        assertThat(RESCHEDULE_REFUSED.returnsTo()).isTrue();
    }

    static Stream<BookingStatus> waysBack() {
        return Stream.of(CONFIRMED, NEEDS_ATTENTION);
    }

    @Test
    void aRefusedRescheduleLeadsNowhereElse() {
        for (BookingStatus status : BookingStatus.values()) {
            for (BookingStatus before : BookingStatus.values()) {
                boolean wayBack = status == RESCHEDULE_REQUESTED && (before == CONFIRMED || before == NEEDS_ATTENTION);
                assertThat(status.after(RESCHEDULE_REFUSED, before)).as("from %s, before %s", status, before)
                        .isEqualTo(wayBack ? java.util.Optional.of(before) : java.util.Optional.empty());
            }
            assertThat(RESCHEDULE_REFUSED.appliesIn(status)).isEqualTo(status == RESCHEDULE_REQUESTED);
        }
        assertThat(RESCHEDULE_REQUESTED.after(RESCHEDULE_REFUSED)).as("without knowing where it came from").isEmpty();
    }

    @Test
    void finishedBookingsStayFinished() {
        Set<BookingStatus> finished = EnumSet.noneOf(BookingStatus.class);
        Arrays.stream(BookingStatus.values()).filter(BookingStatus::isFinal).forEach(finished::add);

        assertThat(finished).containsExactlyInAnyOrder(REJECTED, CANCELLED, COMPLETED, NO_SHOW);
    }

    @Test
    void staffCanCancelEveryOpenBookingButAWaitlistOfferAndCustomersAllButOneThatNeedsStaff() {
        Arrays.stream(BookingStatus.values()).filter(status -> !status.isFinal() && !status.isOffer()).forEach(status ->
                assertThat(status.after(STAFF_CANCELS)).as("staff can cancel %s", status).contains(CANCELLED));
        assertThat(NEEDS_ATTENTION.after(CUSTOMER_CANCELS)).isEmpty();
    }

    @Test
    void aWaitlistOfferEndsOnlyByItsCustomersAnswerItsExpiryOrItsEntry() {
        for (BookingStatus offer : List.of(OFFER_REQUESTED, OFFERED)) {
            for (BookingTrigger command : List.of(CUSTOMER_CANCELS, STAFF_CANCELS, CUSTOMER_RESCHEDULES, STAFF_RESCHEDULES, COMPLETE,
                    MARK_NO_SHOW)) {
                assertThat(offer.after(command)).as("%s in %s", command, offer).isEmpty();
            }
            assertThat(offer.after(OFFER_EXPIRED)).contains(CANCELLED);
            assertThat(offer.after(OFFER_WITHDRAWN)).contains(CANCELLED);
            assertThat(offer.isFinal()).isFalse();
            assertThat(offer.isOffer()).isTrue();
        }
        assertThat(OFFER_REQUESTED.after(OFFER_ACCEPTED)).as("not before it is offered").isEmpty();
        assertThat(OFFER_REQUESTED.after(DECISION_OVERDUE)).as("an offer never goes to staff").isEmpty();
        assertThat(OFFER_ACCEPTED.action()).contains("acceptance");
        assertThat(OFFER_DECLINED.action()).contains("decline");
        assertThat(OFFER_EXPIRED.requester()).isEmpty();
        assertThat(OFFER_WITHDRAWN.requester()).isEmpty();
    }

    @Test
    void eachCommandNamesWhoMayAskForItAndItsAction() {
        assertThat(CUSTOMER_CANCELS.requester()).contains(Requester.CUSTOMER);
        assertThat(STAFF_CANCELS.requester()).contains(Requester.STAFF);
        assertThat(CUSTOMER_CANCELS.action()).contains("cancellation");
        assertThat(STAFF_RESCHEDULES.action()).contains("reschedule");
        assertThat(MARK_NO_SHOW.action()).contains("no-show");
        assertThat(COMPLETE.action()).contains("completion");
        assertThat(THERAPIST_ASSIGNED.requester()).isEmpty();
        assertThat(THERAPIST_ASSIGNED.action()).isEmpty();
    }

    @Test
    void whatEachRequesterMayAskForInEachStatus() {
        Map<BookingStatus, List<String>> customer = new EnumMap<>(BookingStatus.class);
        Map<BookingStatus, List<String>> staff = new EnumMap<>(BookingStatus.class);
        for (BookingStatus status : BookingStatus.values()) {
            customer.put(status, BookingTrigger.actionsFor(Requester.CUSTOMER, status));
            staff.put(status, BookingTrigger.actionsFor(Requester.STAFF, status));
        }

        assertThat(customer).containsEntry(REQUESTED, List.of("cancellation"))
                .containsEntry(CONFIRMED, List.of("cancellation", "reschedule"))
                .containsEntry(RESCHEDULE_REQUESTED, List.of("cancellation"))
                .containsEntry(NEEDS_ATTENTION, List.of())
                .containsEntry(COMPLETED, List.of())
                .containsEntry(OFFER_REQUESTED, List.of())
                .containsEntry(OFFERED, List.of("acceptance", "decline"));
        assertThat(staff).containsEntry(REQUESTED, List.of("cancellation"))
                .containsEntry(CONFIRMED, List.of("cancellation", "reschedule", "completion", "no-show"))
                .containsEntry(RESCHEDULE_REQUESTED, List.of("cancellation"))
                .containsEntry(NEEDS_ATTENTION, List.of("cancellation", "reschedule"))
                .containsEntry(CANCELLED, List.of())
                .containsEntry(NO_SHOW, List.of())
                .containsEntry(OFFER_REQUESTED, List.of())
                .containsEntry(OFFERED, List.of());
    }
}
