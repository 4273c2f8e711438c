package app.sabai.booking.lifecycle;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

/**
 * What can happen to a booking, and the booking state machine as a table: for each trigger, the statuses it
 * applies in and where each one leads. A trigger not listed for a status does not apply there. Triggers a
 * customer or staff ask for over HTTP name their {@link Requester} and the {@code action} (the last segment of
 * the command's path); the others are decisions of therapist-service, or of this service's own clock.
 * A refused reschedule goes back to the status the booking had before it was asked for ({@link #returnsTo}).
 * <p>
 * A waitlist offer is held like any request ({@code OFFER_REQUESTED}), becomes {@code OFFERED} when therapist-service
 * holds it, and then ends only by the customer's answer on the waitlist entry (acceptance, decline), by its expiry,
 * or by the entry being cancelled: neither the customer's nor staff's commands on the booking apply to it.
 */
public enum BookingTrigger {
    /** A request is confirmed; a waitlist offer's hold is offered to its customer. */
    THERAPIST_ASSIGNED(Map.of(REQUESTED, CONFIRMED, OFFER_REQUESTED, OFFERED)),
    ASSIGNMENT_REJECTED(Map.of(REQUESTED, REJECTED, OFFER_REQUESTED, REJECTED)),
    /** No decision came in time: staff must look at the request. */
    DECISION_OVERDUE(Map.of(REQUESTED, NEEDS_ATTENTION)),
    /** The decision about a request that was overdue arrives after all: it still wins. */
    LATE_ASSIGNMENT(Map.of(NEEDS_ATTENTION, CONFIRMED)),
    LATE_REJECTION(Map.of(NEEDS_ATTENTION, REJECTED)),
    THERAPIST_REASSIGNED(Map.of(CONFIRMED, CONFIRMED, NEEDS_ATTENTION, CONFIRMED, RESCHEDULE_REQUESTED, RESCHEDULE_REQUESTED,
            OFFERED, OFFERED)),
    REASSIGNMENT_FAILED(Map.of(CONFIRMED, NEEDS_ATTENTION)),
    CUSTOMER_CANCELS(Requester.CUSTOMER, "cancellation",
            Map.of(REQUESTED, CANCELLED, CONFIRMED, CANCELLED, RESCHEDULE_REQUESTED, CANCELLED)),
    STAFF_CANCELS(Requester.STAFF, "cancellation",
            Map.of(REQUESTED, CANCELLED, CONFIRMED, CANCELLED, RESCHEDULE_REQUESTED, CANCELLED, NEEDS_ATTENTION, CANCELLED)),
    CUSTOMER_RESCHEDULES(Requester.CUSTOMER, "reschedule", Map.of(CONFIRMED, RESCHEDULE_REQUESTED)),
    STAFF_RESCHEDULES(Requester.STAFF, "reschedule", Map.of(CONFIRMED, RESCHEDULE_REQUESTED, NEEDS_ATTENTION, RESCHEDULE_REQUESTED)),
    RESCHEDULED(Map.of(RESCHEDULE_REQUESTED, CONFIRMED)),
    /** The new time could not be had: back to where the booking was, CONFIRMED or NEEDS_ATTENTION. */
    RESCHEDULE_REFUSED(RESCHEDULE_REQUESTED, EnumSet.of(CONFIRMED, NEEDS_ATTENTION)),
    COMPLETE(Requester.STAFF, "completion", Map.of(CONFIRMED, COMPLETED)),
    MARK_NO_SHOW(Requester.STAFF, "no-show", Map.of(CONFIRMED, NO_SHOW)),
    /** The customer takes the slot offered to them ({@code POST /api/waitlist/{id}/acceptance}). */
    OFFER_ACCEPTED(Requester.CUSTOMER, "acceptance", Map.of(OFFERED, CONFIRMED)),
    /** The customer turns the slot down ({@code POST /api/waitlist/{id}/decline}): it passes to the next customer. */
    OFFER_DECLINED(Requester.CUSTOMER, "decline", Map.of(OFFERED, CANCELLED)),
    /** The offer's hold time passed (this service's clock): held or offered, it ends. */
    OFFER_EXPIRED(Map.of(OFFER_REQUESTED, CANCELLED, OFFERED, CANCELLED)),
    /** The customer cancelled the waitlist entry the offer was made for. */
    OFFER_WITHDRAWN(Map.of(OFFER_REQUESTED, CANCELLED, OFFERED, CANCELLED));

    private final Requester requester;
    private final String action;
    private final Map<BookingStatus, Set<BookingStatus>> moves;

    BookingTrigger(Map<BookingStatus, BookingStatus> moves) {
        this(null, null, moves);
    }

    BookingTrigger(Requester requester, String action, Map<BookingStatus, BookingStatus> moves) {
        this.requester = requester;
        this.action = action;
        this.moves = new EnumMap<>(BookingStatus.class);
        moves.forEach((from, to) -> this.moves.put(from, EnumSet.of(to)));
    }

    BookingTrigger(BookingStatus from, Set<BookingStatus> backTo) {
        this.requester = null;
        this.action = null;
        this.moves = new EnumMap<>(Map.of(from, EnumSet.copyOf(backTo)));
    }

    /** Where the trigger leads from {@code status}; empty when it does not apply there, or leads back and {@code previous} is not a way back. */
    public Optional<BookingStatus> from(BookingStatus status, BookingStatus previous) {
        Set<BookingStatus> targets = moves.get(status);
        if (targets == null) {
            return Optional.empty();
        }
        if (targets.size() == 1) {
            return Optional.of(targets.iterator().next());
        }
        return targets.contains(previous) ? Optional.of(previous) : Optional.empty();
    }

    /** Where the trigger leads from {@code status}; empty when it does not apply there or only leads back. */
    public Optional<BookingStatus> from(BookingStatus status) {
        return from(status, null);
    }

    public boolean appliesIn(BookingStatus status) {
        return moves.containsKey(status);
    }

    public Set<BookingStatus> appliesIn() {
        return moves.keySet();
    }

    /** The statuses the trigger may lead to from {@code status}: one, or the ways back of a trigger that returns. */
    public Set<BookingStatus> leadsTo(BookingStatus status) {
        return moves.getOrDefault(status, Set.of());
    }

    /** Whether the trigger leads back to where the booking was ({@code leadsTo} lists the ways back). */
    public boolean returnsTo() {
        return moves.values().stream().anyMatch(targets -> targets.size() > 1);
    }

    /** Who may ask for it over HTTP; empty for decisions of therapist-service or this service's clock. */
    public Optional<Requester> requester() {
        return Optional.ofNullable(requester);
    }

    /** The command's name in the API (the last segment of its path), for triggers someone asks for. */
    public Optional<String> action() {
        return Optional.ofNullable(action);
    }

    /** The actions the requester may ask for on a booking in this status, in the table's order. */
    public static List<String> actionsFor(Requester requester, BookingStatus status) {
        return Arrays.stream(values())
                .filter(trigger -> trigger.requester == requester && trigger.appliesIn(status))
                .map(trigger -> trigger.action)
                .distinct()
                .toList();
    }
}
