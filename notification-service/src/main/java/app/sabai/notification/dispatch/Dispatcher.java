package app.sabai.notification.dispatch;

import app.sabai.notification.booking.BookingNotifications;
import app.sabai.notification.booking.Change;
import app.sabai.notification.booking.DeliveryPolicy;
import app.sabai.notification.booking.Dispatch;
import app.sabai.notification.booking.Message;
import app.sabai.notification.booking.Reminder;
import app.sabai.notification.branch.BranchDirectory;
import app.sabai.notification.channel.DeliveryChannels;
import app.sabai.notification.channel.OutgoingMessage;
import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.notification.store.StoredBookingNotifications;
import app.sabai.notification.template.MessageTemplates;
import app.sabai.notification.template.RenderedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends what is due, when it is due. The store tells the dispatcher of every document it writes with its next
 * due time ({@link BookingNotificationsStore#onWritten}); a {@link DueSchedule} in memory holds the soonest times
 * and one timer wakes at the earliest. A message due at once (a confirmation) is dispatched right after the write
 * that made it, from the document as written. A query on {@code nextDueAt} runs at start and every
 * {@code sabai.dispatch.interval} as a safety net: it finds what another instance wrote, what a crash or restart
 * left, and the times beyond the horizon as they come near. For each booking due it works through one item at a
 * time:
 * <ol>
 *   <li>claim the message with a guarded update (PENDING → SENDING, stamped with the claim time), so that
 *       of several instances, or several wake-ups, exactly one wins it; a message due the moment it is made is
 *       claimed by the write that makes it ({@link #claimInSameWrite});</li>
 *   <li>render it and hand it to its channel;</li>
 *   <li>record SENT, or a retry or FAILED, with {@code NotificationSent}/{@code NotificationFailed} in the
 *       same update.</li>
 * </ol>
 * Before claiming, the message's own rules may hold it back ({@link Dispatch.Withhold}): a reminder whose
 * session has started (after downtime, say) is missed, an SMS keeps to quiet hours. A claim that is never
 * recorded (the process died mid-send) is tried again under the same message id once its lease has run out,
 * while attempts remain: a message due while the platform is up is delivered at least once, and a receiver
 * that de-duplicates by the id (an email's {@code Message-ID}) sees it once. How late each reminder went out, from
 * the time it was due to the time its delivery was recorded, is measured in {@code sabai.reminders.lag} by channel.
 */
@Component
public class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int STEPS_PER_BOOKING = 20;
    private static final int RECORD_ATTEMPTS = 20;
    private static final int RECORDED_TOGETHER = 16;
    private static final int MAX_ERROR_LENGTH = 500;
    private static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(5);
    private static final Duration SOONEST_NEXT_SWEEP = Duration.ofSeconds(1);

    private final BookingNotificationsStore store;
    private final MessageTemplates templates;
    private final DeliveryChannels channels;
    private final BranchDirectory branches;
    private final DeliveryPolicy policy;
    private final DispatchProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final DueSchedule schedule;
    private final Object timers = new Object();
    private volatile ScheduledThreadPoolExecutor executor;
    private volatile boolean running;
    private volatile Runnable stopListening = () -> { };
    private ScheduledFuture<?> wake;
    private Instant wakeAt;

    public Dispatcher(BookingNotificationsStore store, MessageTemplates templates, DeliveryChannels channels,
                      BranchDirectory branches, DeliveryPolicy policy, DispatchProperties properties, MeterRegistry meters,
                      Clock clock) {
        this.store = store;
        this.templates = templates;
        this.channels = channels;
        this.branches = branches;
        this.policy = policy;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.schedule = new DueSchedule(properties.horizon(), properties.capacity());
    }

    /**
     * The safety net: reads the bookings with something due within the horizon (at most {@code batch-size}, soonest
     * first) and schedules each; returns how many it found.
     */
    public int sweep() {
        return sweepFound().size();
    }

    /** Everything due for one booking, one item at a time; returns how many messages were handed to a channel. */
    public int dispatch(String bookingId) {
        return dispatch(bookingId, null);
    }

    /**
     * A message the write of {@code change} makes due at once (a confirmation, a notice), claimed for this dispatcher
     * in that same write, so that it needs no write of its own before it goes: the change with the claim added, and
     * what it claims. Nothing when this dispatcher is stopped, nothing is due, or the message's rules hold it back
     * (those are written by the dispatcher, as for any due message). Once the write has landed, hand the claim to
     * {@link #claimed}; a write that did not land claims nothing. A claim written and never sent (the process died
     * first) is sent again after its lease, as any interrupted send.
     */
    public Optional<Claim> claimInSameWrite(Change change, Instant now) {
        if (!running) {
            return Optional.empty();
        }
        return change.state().nextDueMessage(now).flatMap(due -> switch (change.state().take(due.id(), now, policy)) {
            case Dispatch.Send send -> Optional.of(new Claim(change.andThen(send.change()), due.id(), now));
            case Dispatch.Withhold withhold -> Optional.empty();
        });
    }

    /**
     * Sends the messages that landed writes claimed for this dispatcher ({@link #claimInSameWrite}), one after another,
     * records their outcomes together, {@value #RECORDED_TOGETHER} at most to a request, then sends whatever else is due
     * for each booking. A row is recorded a few at a time so that a store lost in the middle of a long one (a service
     * catching up after a restart) has only the messages sent since the last record sent again after their lease. The
     * rest of the row, not yet sent, is tried again in {@link #RETRY_AFTER_ERROR} ({@link #sendRow}).
     */
    public void claimed(List<Claimed> claims) {
        ScheduledThreadPoolExecutor current = executor;
        if (running && current != null) {
            try {
                current.execute(() -> sendRow(claims, false));
                return;
            } catch (RejectedExecutionException stopping) {
                // Stopped meanwhile, as below.
            }
        }
        claims.forEach(claimed -> log.info("{} was claimed as the dispatcher stopped; it is sent after its lease", claimed.claim().messageId()));
    }

    /**
     * Sends a row of claimed messages part by part, as {@link #claimed} says. When sending or recording a part fails, that
     * part goes after its lease (some of it may have gone out), and the rest, none of it sent, is tried again in
     * {@link #RETRY_AFTER_ERROR} with {@code readFirst}: each part's documents are read again before it is sent, and only
     * the messages still claimed at their claim time, within their lease, go. A store still away then fails the read,
     * sends nothing, and the rest waits as long again; once every lease of the rest has run out, the lease takes over.
     */
    private void sendRow(List<Claimed> claims, boolean readFirst) {
        for (int from = 0; from < claims.size(); from += RECORDED_TOGETHER) {
            List<Claimed> part = claims.subList(from, Math.min(claims.size(), from + RECORDED_TOGETHER));
            List<Claimed> sending;
            try {
                sending = readFirst ? stillClaimed(part) : part;
            } catch (RuntimeException e) {
                retryLater(claims.subList(from, claims.size()), e);
                return;
            }
            try {
                List<Attempt> attempts = sending.stream()
                        .map(claimed -> attempt(claimed.written(), claimed.claim().messageId(), claimed.claim().claimedAt())).toList();
                List<StoredBookingNotifications> recorded = recordAll(attempts);
                for (int index = 0; index < attempts.size(); index++) {
                    dispatch(attempts.get(index).bookingId(), recorded.get(index));
                }
            } catch (RuntimeException e) {
                log.warn("Sending or recording {} claimed message(s), or what was due after them, failed; those not recorded go after"
                        + " their lease: {}", sending.size(), e.toString());
                retryLater(claims.subList(from + part.size(), claims.size()), e);
                return;
            }
        }
    }

    /** The part's claims that may still be sent, each with its document as read now. */
    private List<Claimed> stillClaimed(List<Claimed> part) {
        Instant now = now();
        List<Claimed> still = new ArrayList<>(part.size());
        for (Claimed claimed : part) {
            Claim claim = claimed.claim();
            store.find(claimed.written().state().bookingId())
                    .filter(current -> current.state().stillClaimed(claim.messageId(), claim.claimedAt(), now))
                    .ifPresent(current -> still.add(new Claimed(current, claim)));
        }
        return still;
    }

    /** The rest of a row, none of it sent, tried again in {@link #RETRY_AFTER_ERROR} while any of its leases lasts. */
    private void retryLater(List<Claimed> rest, RuntimeException failure) {
        Instant retryAt = now().plus(RETRY_AFTER_ERROR);
        List<Claimed> leased = rest.stream().filter(claimed -> claimed.claim().claimedAt().plus(properties.lease()).isAfter(retryAt)).toList();
        ScheduledThreadPoolExecutor current = executor;
        if (leased.isEmpty() || !running || current == null) {
            if (!rest.isEmpty()) {
                log.warn("{} claimed message(s) not yet sent go after their lease: {}", rest.size(), failure.toString());
            }
            return;
        }
        log.warn("{} claimed message(s) not yet sent are tried again in {}: {}", leased.size(), RETRY_AFTER_ERROR, failure.toString());
        try {
            current.schedule(() -> sendRow(leased, true), RETRY_AFTER_ERROR.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            log.info("{} claimed message(s) not yet sent go after their lease: the dispatcher stopped", leased.size());
        }
    }

    /** A message claimed in the write of {@link #change}, at {@code claimedAt}. */
    public record Claim(Change change, String messageId, Instant claimedAt) {
    }

    /** A claim whose write landed, with the document as written. */
    public record Claimed(StoredBookingNotifications written, Claim claim) {
    }

    /** A claimed message handed to its channel: its subject as rendered (if it was), and why it failed (if it did). */
    private record Attempt(StoredBookingNotifications claimed, String messageId, Instant claimedAt, String subject, String failure) {

        String bookingId() {
            return claimed.state().bookingId();
        }

        /** The outcome to record on {@code current}: nothing when the message is no longer claimed at {@code claimedAt}. */
        Change outcome(StoredBookingNotifications current, Instant now, DeliveryPolicy policy) {
            return failure == null
                    ? current.state().delivered(messageId, claimedAt, subject, now)
                    : current.state().deliveryFailed(messageId, claimedAt, subject, failure, now, policy);
        }
    }

    private List<BookingNotificationsStore.DueBooking> sweepFound() {
        Instant now = now();
        List<BookingNotificationsStore.DueBooking> found = store.dueBy(now.plus(properties.horizon()), properties.batchSize());
        for (BookingNotificationsStore.DueBooking due : found) {
            // An entry made from a write here is as good or newer; keep it (and the document it carries).
            if (schedule.dueAt(due.bookingId()).filter(held -> !held.isAfter(due.dueAt())).isEmpty()) {
                schedule.offer(due.bookingId(), due.dueAt(), null, now);
            }
        }
        arm(true);
        return found;
    }

    private void written(StoredBookingNotifications stored) {
        if (schedule.offer(stored.state().bookingId(), stored.nextDueAt(), stored, now())) {
            arm(false);
        }
    }

    /** Sets the timer for the earliest due time held, unless it is set for that time or earlier already. */
    private void arm(boolean reset) {
        ScheduledThreadPoolExecutor current = executor;
        Optional<Instant> earliest = schedule.earliest();
        if (!running || current == null || earliest.isEmpty()) {
            return;
        }
        synchronized (timers) {
            if (!reset && wake != null && !earliest.get().isBefore(wakeAt)) {
                return;
            }
            if (wake != null) {
                wake.cancel(false);
            }
            wakeAt = earliest.get();
            long delay = Math.max(0, Duration.between(clock.instant(), wakeAt).toMillis());
            try {
                wake = current.schedule(this::wakeUp, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                wake = null;
            }
        }
    }

    private void wakeUp() {
        synchronized (timers) {
            wake = null;
            wakeAt = null;
        }
        for (DueSchedule.Entry due : schedule.takeDue(now())) {
            if (!running) {
                return;
            }
            try {
                dispatch(due.bookingId(), due.written());
            } catch (RuntimeException e) {
                log.warn("Dispatching {} failed, trying again in {}: {}", due.bookingId(), RETRY_AFTER_ERROR, e.toString());
                Instant now = now();
                schedule.offer(due.bookingId(), now.plus(RETRY_AFTER_ERROR), null, now);
            }
        }
        arm(false);
    }

    private void periodicSweep() {
        Duration next = properties.interval();
        try {
            List<BookingNotificationsStore.DueBooking> found = sweepFound();
            if (found.size() >= properties.batchSize()) {
                // More than one look's worth is near: look again when the last one found is due.
                Duration untilLast = Duration.between(now(), found.getLast().dueAt());
                next = untilLast.compareTo(SOONEST_NEXT_SWEEP) < 0 ? SOONEST_NEXT_SWEEP
                        : untilLast.compareTo(next) > 0 ? next : untilLast;
            }
        } catch (RuntimeException e) {
            log.warn("Looking for due messages failed, looking again in {}: {}", next, e.toString());
        } finally {
            sweepIn(next);
        }
    }

    private void sweepIn(Duration delay) {
        ScheduledThreadPoolExecutor current = executor;
        if (!running || current == null) {
            return;
        }
        try {
            current.schedule(this::periodicSweep, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // Stopped meanwhile: the next start sweeps.
        }
    }

    /**
     * Everything due for one booking, starting from its document as last written when that is known (else it is
     * read); each write returns the document as written, so the loop reads only after a lost race.
     */
    private int dispatch(String bookingId, StoredBookingNotifications written) {
        int handed = 0;
        StoredBookingNotifications current = written;
        for (int step = 0; step < STEPS_PER_BOOKING; step++) {
            if (current == null) {
                Optional<StoredBookingNotifications> found = store.find(bookingId);
                if (found.isEmpty()) {
                    return handed;
                }
                current = found.get();
            }
            Instant now = now();
            Change interrupted = current.state().interruptedDeliveries(now, policy);
            if (interrupted.changed()) {
                current = store.update(current, interrupted, null).orElse(null);
                continue;
            }
            Optional<Message> due = current.state().nextDueMessage(now);
            if (due.isEmpty()) {
                store.refreshNextDueAt(current);
                // Also when it was only read (another instance's claim, say): its next time is held here too.
                if (schedule.offer(bookingId, current.state().nextDueAt(), null, now)) {
                    arm(false);
                }
                return handed;
            }
            Dispatch dispatch = current.state().take(due.get().id(), now, policy);
            Optional<StoredBookingNotifications> taken = store.update(current, dispatch.change(), null);
            if (taken.isEmpty()) {
                // Someone else changed the booking first (another instance's claim, a new event): look again.
                current = null;
                continue;
            }
            current = taken.get();
            if (dispatch instanceof Dispatch.Send) {
                current = deliver(current, due.get().id(), now);
                handed++;
            } else {
                Message held = current.state().message(due.get().id());
                log.info("{} not sent now: {} ({})", held.id(), held.status(), held.status().isFinal() ? held.error() : "due " + held.dueAt());
            }
        }
        return handed;
    }

    /** Returns the document as the outcome was recorded, or null when that is not known (read it again). */
    private StoredBookingNotifications deliver(StoredBookingNotifications claimed, String messageId, Instant claimedAt) {
        Attempt attempt = attempt(claimed, messageId, claimedAt);
        return record(attempt, claimed, false);
    }

    private Attempt attempt(StoredBookingNotifications claimed, String messageId, Instant claimedAt) {
        BookingNotifications state = claimed.state();
        Message message = state.message(messageId);
        String subject = null;
        String failure = null;
        try {
            RenderedMessage rendered = templates.render(message, state.details(), branches.nameOf(state.details().branchId()));
            subject = rendered.subject();
            channels.get(message.channel()).deliver(new OutgoingMessage(message.id(), message.recipient(), rendered.subject(), rendered.body()));
        } catch (RuntimeException e) {
            failure = describe(e);
            log.warn("Delivery of {} (attempt {}) failed: {}", messageId, message.attempts(), failure);
        }
        return new Attempt(claimed, messageId, claimedAt, subject, failure);
    }

    /**
     * The outcomes of several bookings' messages, recorded in one request; answers, in their order, each document as
     * recorded, or null when that is not known. Those the request did not record, or may not have, are recorded alone.
     */
    private List<StoredBookingNotifications> recordAll(List<Attempt> attempts) {
        Instant now = now();
        List<BookingNotificationsStore.Write> writes = attempts.stream()
                .map(attempt -> new BookingNotificationsStore.Write(attempt.claimed(), attempt.outcome(attempt.claimed(), now, policy), null)).toList();
        List<Optional<StoredBookingNotifications>> written = store.updateAll(writes);
        List<StoredBookingNotifications> recorded = new ArrayList<>(attempts.size());
        for (int index = 0; index < attempts.size(); index++) {
            Attempt attempt = attempts.get(index);
            if (written.get(index).isPresent()) {
                if (attempt.failure() == null) {
                    measureLag(written.get(index).get().state(), attempt.messageId());
                }
                recorded.add(written.get(index).get());
            } else {
                // One outcome alone is answered exactly (a lost race); of several, an empty answer may hide one that landed.
                recorded.add(record(attempt, null, attempts.size() > 1));
            }
        }
        return recorded;
    }

    /**
     * Records the attempt's outcome on {@code current} (null: read it first), reading again after a lost race.
     * {@code mayHaveLanded}: a write of this outcome may have landed already, so a claim found gone is no surprise.
     */
    private StoredBookingNotifications record(Attempt attempt, StoredBookingNotifications current, boolean mayHaveLanded) {
        String bookingId = attempt.bookingId();
        for (int tries = 0; tries < RECORD_ATTEMPTS; tries++) {
            if (current == null) {
                current = store.find(bookingId).orElseThrow();
            }
            Change outcome = attempt.outcome(current, now(), policy);
            if (!outcome.changed()) {
                if (mayHaveLanded) {
                    log.debug("The claim on {} is gone: its outcome is recorded (or its lease ran out)", attempt.messageId());
                } else {
                    log.warn("The claim on {} was gone when its delivery ended (lease expired?); its outcome is not recorded", attempt.messageId());
                }
                return current;
            }
            Optional<StoredBookingNotifications> recorded = store.update(current, outcome, null);
            if (recorded.isPresent()) {
                if (attempt.failure() == null) {
                    measureLag(outcome.state(), attempt.messageId());
                }
                return recorded.get();
            }
            current = null;
        }
        log.error("Could not record the delivery of {}; when its lease runs out it is sent again under the same id", attempt.messageId());
        return null;
    }

    private void measureLag(BookingNotifications state, String messageId) {
        Message sent = state.message(messageId);
        if (!sent.isReminder() || sent.sentAt() == null) {
            return;
        }
        // The reminder's own due time: a retried message's dueAt is the time of its retry.
        Instant dueAt = state.reminders().stream().filter(reminder -> reminder.id().equals(sent.reminderId()))
                .map(Reminder::dueAt).findFirst().orElse(sent.dueAt());
        Duration lag = Duration.between(dueAt, sent.sentAt());
        Timer.builder("sabai.reminders.lag")
                .description("From the time a reminder was due to the time it was sent")
                .tag("channel", sent.channel().name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(meters)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    private Instant now() {
        // The store keeps milliseconds; a claim is recognised by its exact time.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String describe(RuntimeException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    @Override
    public void start() {
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "notification-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        // A timer set for later must not hold up the stop, nor run after it.
        started.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        started.setRemoveOnCancelPolicy(true);
        executor = started;
        running = true;
        stopListening = store.onWritten(this::written);
        sweepIn(Duration.ZERO);
    }

    @Override
    public void stop() {
        running = false;
        stopListening.run();
        ScheduledThreadPoolExecutor current = executor;
        if (current != null) {
            current.shutdown();
            try {
                // Lets a send in progress finish and be recorded rather than be sent again after its lease.
                current.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (timers) {
            wake = null;
            wakeAt = null;
        }
        // What was held in memory is found again by the query when the dispatcher starts.
        schedule.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the outbox relay and stops before it, so what it records is still published. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 500;
    }
}
