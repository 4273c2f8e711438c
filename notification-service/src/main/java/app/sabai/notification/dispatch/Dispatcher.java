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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends what is due. Every {@code sabai.dispatch.interval} (and at once when a booking event was just
 * applied) it finds the bookings whose {@code nextDueAt} has come and works through each one item at a time:
 * <ol>
 *   <li>claim the message with a guarded update (PENDING → SENDING, stamped with the claim time), so that
 *       of several instances exactly one wins it;</li>
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
    private static final int MAX_ERROR_LENGTH = 500;

    private final BookingNotificationsStore store;
    private final MessageTemplates templates;
    private final DeliveryChannels channels;
    private final BranchDirectory branches;
    private final DeliveryPolicy policy;
    private final DispatchProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;
    private volatile boolean running;

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
    }

    /** Looks at one booking soon, off the caller's thread: a confirmation goes out without waiting for the next tick. */
    public void nudge(String bookingId) {
        ScheduledExecutorService current = executor;
        if (running && current != null) {
            current.execute(() -> quietly(() -> dispatch(bookingId)));
        }
    }

    /** One pass over the bookings with something due; returns how many messages were handed to a channel. */
    public int dispatchDue() {
        int handed = 0;
        for (String bookingId : store.dueBookingIds(now(), properties.batchSize())) {
            handed += dispatch(bookingId);
        }
        return handed;
    }

    /** Everything due for one booking, one item at a time; returns how many messages were handed to a channel. */
    public int dispatch(String bookingId) {
        int handed = 0;
        for (int step = 0; step < STEPS_PER_BOOKING; step++) {
            Optional<StoredBookingNotifications> found = store.find(bookingId);
            if (found.isEmpty()) {
                return handed;
            }
            StoredBookingNotifications current = found.get();
            Instant now = now();
            Change interrupted = current.state().interruptedDeliveries(now, policy);
            if (interrupted.changed()) {
                store.write(current, interrupted, null);
                continue;
            }
            Optional<Message> due = current.state().nextDueMessage(now);
            if (due.isEmpty()) {
                store.refreshNextDueAt(current);
                return handed;
            }
            Dispatch dispatch = current.state().take(due.get().id(), now, policy);
            if (!store.write(current, dispatch.change(), null)) {
                // Someone else changed the booking first (another instance's claim, a new event): look again.
                continue;
            }
            if (dispatch instanceof Dispatch.Send) {
                deliver(dispatch.change().state(), due.get().id(), now);
                handed++;
            } else {
                Message held = dispatch.change().state().message(due.get().id());
                log.info("{} not sent now: {} ({})", held.id(), held.status(), held.status().isFinal() ? held.error() : "due " + held.dueAt());
            }
        }
        return handed;
    }

    private void deliver(BookingNotifications state, String messageId, Instant claimedAt) {
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
        record(state.bookingId(), messageId, claimedAt, subject, failure);
    }

    private void record(String bookingId, String messageId, Instant claimedAt, String subject, String failure) {
        for (int attempt = 0; attempt < RECORD_ATTEMPTS; attempt++) {
            StoredBookingNotifications current = store.find(bookingId).orElseThrow();
            Instant now = now();
            Change outcome = failure == null
                    ? current.state().delivered(messageId, claimedAt, subject, now)
                    : current.state().deliveryFailed(messageId, claimedAt, subject, failure, now, policy);
            if (!outcome.changed()) {
                log.warn("The claim on {} was gone when its delivery ended (lease expired?); its outcome is not recorded", messageId);
                return;
            }
            if (store.write(current, outcome, null)) {
                if (failure == null) {
                    measureLag(outcome.state(), messageId);
                }
                return;
            }
        }
        log.error("Could not record the delivery of {}; when its lease runs out it is sent again under the same id", messageId);
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

    private void quietly(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Dispatching failed, the next pass retries: {}", e.toString());
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notification-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        long interval = properties.interval().toMillis();
        executor.scheduleWithFixedDelay(() -> quietly(this::dispatchDue), interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService current = executor;
        if (current != null) {
            current.shutdown();
            try {
                // Lets a send in progress finish and be recorded rather than be sent again after its lease.
                current.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
