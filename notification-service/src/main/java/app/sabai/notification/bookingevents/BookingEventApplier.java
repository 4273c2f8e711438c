package app.sabai.notification.bookingevents;

import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingCustomerErased;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingNoShow;
import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.bookings.BookingRescheduleRequested;
import app.sabai.contracts.bookings.BookingRescheduled;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.notification.booking.BookingNotifications;
import app.sabai.notification.booking.Change;
import app.sabai.notification.booking.ReminderPlanner;
import app.sabai.notification.dispatch.Dispatcher;
import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.notification.store.StoredBookingNotifications;
import app.sabai.support.kafka.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Applies a booking event to the booking's notifications: read, decide, and write the new state with its
 * events in one update guarded by the version read and "this event not applied yet". A redelivered event
 * changes nothing; a write that lost a race is decided again on fresh state. An event that usually opens a
 * booking's notifications (a decision) is first decided on an empty state without reading: the write creates the
 * document, or finds it there and loses like any race. Whatever becomes due is the dispatcher's, which the store
 * tells of the write; a message due at once (a confirmation) is claimed for it in the same write
 * ({@link Dispatcher#claimInSameWrite}), so it goes out with no write of its own before it.
 * <p>
 * {@code sabai.testing.skip-applied-event-guard=true} leaves out the "not applied yet" guard, so that a redelivered
 * event is applied again. It exists only to show that the fault-injection suite's accounting catches the duplicates
 * that follow; nothing else may set it.
 */
@Component
public class BookingEventApplier {

    private static final Logger log = LoggerFactory.getLogger(BookingEventApplier.class);
    private static final int ATTEMPTS = 10;

    private final BookingNotificationsStore store;
    private final ReminderPlanner planner;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final boolean guarded;

    public BookingEventApplier(BookingNotificationsStore store, ReminderPlanner planner, Dispatcher dispatcher, Clock clock,
                               @Value("${sabai.testing.skip-applied-event-guard:false}") boolean skipGuard) {
        this.store = store;
        this.planner = planner;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.guarded = !skipGuard;
        if (skipGuard) {
            log.warn("sabai.testing.skip-applied-event-guard is set: redelivered booking events are applied again");
        }
    }

    public void apply(BookingEvent event) {
        decision(event).ifPresent(decision -> apply(event, decision, decision.opens() == Opens.USUALLY));
    }

    /**
     * A run of a poll's events, in their order. An event that usually opens a booking's notifications (a decision) is
     * decided in its trace on an empty state, as {@link #apply(BookingEvent)} decides it, and those of different bookings
     * are written together in one request; any other event first has the ones before it written, then is applied alone.
     * A first write that finds the document there (a redelivery, an event for the booking before it) is applied alone
     * afterwards, reading first. The messages the written ones claimed are handed to the dispatcher together.
     */
    public void apply(List<EventHandler.Heard<BookingEvent>> events) {
        Row row = new Row();
        for (EventHandler.Heard<BookingEvent> heard : events) {
            BookingEvent event = heard.event();
            Optional<Decision> decision = decision(event);
            if (decision.isEmpty()) {
                heard.inTrace(() -> apply(event));
            } else if (decision.get().opens() == Opens.USUALLY && readable(event) && row.isFirstFor(event.bookingId())) {
                row.add(heard, decision.get(), heard.inTrace(() -> plan(event, StoredBookingNotifications.absent(event.bookingId()), decision.get())));
            } else {
                row.write();
                heard.inTrace(() -> apply(event, decision.get(), decision.get().opens() == Opens.USUALLY));
            }
        }
        row.write();
    }

    /** What an event does to a booking's notifications, if anything: whether it may open them, and how it changes them. */
    private Optional<Decision> decision(BookingEvent event) {
        return switch (event) {
            case BookingConfirmed confirmed -> Decision.of(Opens.USUALLY, (state, now) -> state.confirmed(confirmed, now, planner));
            case BookingRejected rejected -> Decision.of(Opens.USUALLY, (state, now) -> state.rejected(rejected, now));
            // A booking never heard of is only worth a document when the event says whom to tell.
            case BookingCancelled cancelled -> Decision.of(cancelled.customer() != null ? Opens.IF_NEEDED : Opens.NEVER, (state, now) -> state.cancelled(cancelled, now));
            case BookingRescheduled rescheduled -> Decision.of(Opens.IF_NEEDED, (state, now) -> state.rescheduled(rescheduled, now, planner));
            case BookingNeedsAttention attention -> Decision.of(Opens.IF_NEEDED, (state, now) -> state.needsAttention(attention, now));
            case BookingTherapistChanged changed -> Decision.of(Opens.IF_NEEDED, (state, now) -> state.therapistChanged(changed, now, planner));
            case BookingOffered offered -> Decision.of(Opens.IF_NEEDED, (state, now) -> state.offered(offered, now));
            case CourseDecided decided -> Decision.of(Opens.USUALLY, (state, now) -> state.courseDecided(decided, now));
            case BookingCustomerErased erased -> Decision.of(Opens.NEVER, (state, now) -> state.customerErased(now));
            case BookingNoShow noShow -> {
                if (noShow.fee() != null && !noShow.fee().isZero()) {
                    yield Decision.of(noShow.customer() != null ? Opens.IF_NEEDED : Opens.NEVER, (state, now) -> state.noShow(noShow, now));
                }
                log.trace("Nothing to send for {}: no fee", noShow.eventId());
                yield Optional.empty();
            }
            // Nothing to tell the customer: a request is answered by its confirmation or rejection, a reschedule
            // request by BookingRescheduled; after completion no reminder is pending any more.
            case BookingRequested requested -> nothingToSend(requested);
            case BookingRescheduleRequested requested -> nothingToSend(requested);
            case BookingCompleted completed -> nothingToSend(completed);
        };
    }

    private static Optional<Decision> nothingToSend(BookingEvent event) {
        log.trace("Nothing to send for {}", event.eventId());
        return Optional.empty();
    }

    /** Reads the document first unless {@code fromAbsent}, when the first attempt decides on an empty state without reading. */
    private void apply(BookingEvent event, Decision decision, boolean fromAbsent) {
        if (!readable(event)) {
            // Can never be applied: straight to the dead-letter topic.
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " without bookingId or eventId");
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<StoredBookingNotifications> found = attempt == 1 && fromAbsent
                    ? Optional.of(StoredBookingNotifications.absent(event.bookingId()))
                    : store.find(event.bookingId()).or(() -> decision.opens() == Opens.NEVER
                    ? Optional.empty() : Optional.of(StoredBookingNotifications.absent(event.bookingId())));
            if (found.isEmpty()) {
                log.debug("{} for booking {} never heard of: nothing to do", event.getClass().getSimpleName(), event.bookingId());
                return;
            }
            StoredBookingNotifications current = found.get();
            if (guarded && current.hasApplied(event.eventId())) {
                log.debug("{} {} already applied", event.getClass().getSimpleName(), event.eventId());
                return;
            }
            Planned planned = plan(event, current, decision);
            Optional<StoredBookingNotifications> written = store.update(planned.write().current(), planned.write().change(), planned.write().appliedEventId());
            if (written.isPresent()) {
                applied(event, planned.write().change());
                planned.claim().ifPresent(claim -> dispatcher.claimed(List.of(new Dispatcher.Claimed(written.get(), claim))));
                return;
            }
        }
        // The listener's error handler retries the record with backoff.
        throw new OptimisticLockingFailureException("Booking " + event.bookingId() + " kept changing while applying "
                + event.eventId() + "; retrying later");
    }

    private Planned plan(BookingEvent event, StoredBookingNotifications current, Decision decision) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Change change = decision.decide().apply(current.state(), now);
        Optional<Dispatcher.Claim> claim = dispatcher.claimInSameWrite(change, now);
        UUID appliedId = guarded ? event.eventId() : null;
        return new Planned(new BookingNotificationsStore.Write(current, claim.map(Dispatcher.Claim::change).orElse(change), appliedId), claim);
    }

    private static void applied(BookingEvent event, Change change) {
        log.info("{} {} applied to booking {}: {} message(s) on record", event.getClass().getSimpleName(), event.eventId(),
                event.bookingId(), change.state().messages().size());
    }

    private static boolean readable(BookingEvent event) {
        return event.bookingId() != null && !event.bookingId().isBlank() && event.eventId() != null;
    }

    /** How an event changes a booking's notifications, and whether it may open them. */
    private record Decision(Opens opens, BiFunction<BookingNotifications, Instant, Change> decide) {

        static Optional<Decision> of(Opens opens, BiFunction<BookingNotifications, Instant, Change> decide) {
            return Optional.of(new Decision(opens, decide));
        }
    }

    /** A write decided for an event, with the message it claims in that write. */
    private record Planned(BookingNotificationsStore.Write write, Optional<Dispatcher.Claim> claim) {
    }

    /** An event of a row, as heard, with its decision and the first write planned for it. */
    private record First(EventHandler.Heard<BookingEvent> heard, Decision decision, Planned planned) {

        BookingEvent event() {
            return heard.event();
        }
    }

    /** First writes of different bookings, planned one after another and written together. */
    private final class Row {

        private final List<First> planned = new ArrayList<>();
        private final Set<String> bookings = new HashSet<>();

        boolean isFirstFor(String bookingId) {
            return !bookings.contains(bookingId);
        }

        void add(EventHandler.Heard<BookingEvent> heard, Decision decision, Planned first) {
            planned.add(new First(heard, decision, first));
            bookings.add(heard.event().bookingId());
        }

        /** Writes what is planned; each that found its document there is applied alone, reading first. */
        void write() {
            if (planned.isEmpty()) {
                return;
            }
            List<First> row = List.copyOf(planned);
            planned.clear();
            bookings.clear();
            List<Optional<StoredBookingNotifications>> written = store.updateAll(row.stream().map(first -> first.planned().write()).toList());
            List<Dispatcher.Claimed> claimed = new ArrayList<>();
            for (int index = 0; index < row.size(); index++) {
                First first = row.get(index);
                Optional<StoredBookingNotifications> landed = written.get(index);
                if (landed.isPresent()) {
                    first.heard().inTrace(() -> applied(first.event(), first.planned().write().change()));
                    first.planned().claim().ifPresent(claim -> claimed.add(new Dispatcher.Claimed(landed.get(), claim)));
                }
            }
            if (!claimed.isEmpty()) {
                dispatcher.claimed(claimed);
            }
            for (int index = 0; index < row.size(); index++) {
                First first = row.get(index);
                if (written.get(index).isEmpty()) {
                    first.heard().inTrace(() -> apply(first.event(), first.decision(), false));
                }
            }
        }
    }

    /** Whether an event for a booking without a document makes one, and whether it usually comes first. */
    private enum Opens {
        /** Usually the booking's first: written as new without reading first. */
        USUALLY,
        /** Read first; a booking never heard of gets a document. */
        IF_NEEDED,
        /** Only for a booking already known. */
        NEVER
    }
}
