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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
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
        switch (event) {
            case BookingConfirmed confirmed -> apply(confirmed, Opens.USUALLY, (state, now) -> state.confirmed(confirmed, now, planner));
            case BookingRejected rejected -> apply(rejected, Opens.USUALLY, (state, now) -> state.rejected(rejected, now));
            // A booking never heard of is only worth a document when the event says whom to tell.
            case BookingCancelled cancelled -> apply(cancelled, cancelled.customer() != null ? Opens.IF_NEEDED : Opens.NEVER, (state, now) -> state.cancelled(cancelled, now));
            case BookingRescheduled rescheduled -> apply(rescheduled, Opens.IF_NEEDED, (state, now) -> state.rescheduled(rescheduled, now, planner));
            case BookingNeedsAttention attention -> apply(attention, Opens.IF_NEEDED, (state, now) -> state.needsAttention(attention, now));
            case BookingTherapistChanged changed -> apply(changed, Opens.IF_NEEDED, (state, now) -> state.therapistChanged(changed, now, planner));
            case BookingOffered offered -> apply(offered, Opens.IF_NEEDED, (state, now) -> state.offered(offered, now));
            case CourseDecided decided -> apply(decided, Opens.USUALLY, (state, now) -> state.courseDecided(decided, now));
            case BookingCustomerErased erased -> apply(erased, Opens.NEVER, (state, now) -> state.customerErased(now));
            case BookingNoShow noShow -> {
                if (noShow.fee() != null && !noShow.fee().isZero()) {
                    apply(noShow, noShow.customer() != null ? Opens.IF_NEEDED : Opens.NEVER, (state, now) -> state.noShow(noShow, now));
                } else {
                    log.trace("Nothing to send for {}: no fee", noShow.eventId());
                }
            }
            // Nothing to tell the customer: a request is answered by its confirmation or rejection, a reschedule
            // request by BookingRescheduled; after completion no reminder is pending any more.
            case BookingRequested requested -> log.trace("Nothing to send for {}", requested.eventId());
            case BookingRescheduleRequested requested -> log.trace("Nothing to send for {}", requested.eventId());
            case BookingCompleted completed -> log.trace("Nothing to send for {}", completed.eventId());
        }
    }

    private void apply(BookingEvent event, Opens opens, BiFunction<BookingNotifications, Instant, Change> decide) {
        if (event.bookingId() == null || event.bookingId().isBlank() || event.eventId() == null) {
            // Can never be applied: straight to the dead-letter topic.
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " without bookingId or eventId");
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<StoredBookingNotifications> found = attempt == 1 && opens == Opens.USUALLY
                    ? Optional.of(StoredBookingNotifications.absent(event.bookingId()))
                    : store.find(event.bookingId()).or(() -> opens == Opens.NEVER
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
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Change change = decide.apply(current.state(), now);
            Optional<Dispatcher.Claim> claim = dispatcher.claimInSameWrite(change, now);
            UUID appliedId = guarded ? event.eventId() : null;
            Optional<StoredBookingNotifications> written = store.update(current, claim.map(Dispatcher.Claim::change).orElse(change), appliedId);
            if (written.isPresent()) {
                log.info("{} {} applied to booking {}: {} message(s) on record", event.getClass().getSimpleName(), event.eventId(),
                        event.bookingId(), change.state().messages().size());
                claim.ifPresent(claimed -> dispatcher.claimed(written.get(), claimed));
                return;
            }
        }
        // The listener's error handler retries the record with backoff.
        throw new OptimisticLockingFailureException("Booking " + event.bookingId() + " kept changing while applying "
                + event.eventId() + "; retrying later");
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
