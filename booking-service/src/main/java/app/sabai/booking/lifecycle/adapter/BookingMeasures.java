package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.AssignmentOutcome;
import app.sabai.booking.lifecycle.AssignmentOutcome.Confirmed;
import app.sabai.booking.lifecycle.AssignmentOutcome.NeedsAttention;
import app.sabai.booking.lifecycle.AssignmentOutcome.Rejected;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * The measures of requests and their decisions, by branch (a handful of values; never a booking or customer):
 * {@code sabai.bookings.requested} when a booking that waits for therapist-service's decision is stored,
 * {@code sabai.bookings.decided} by outcome when a decision is written, and {@code sabai.bookings.decision.latency}
 * from the booking's creation to its confirmation or rejection. Each is recorded after the guarded write that
 * happens once per booking, so a redelivered event or a retried request counts nothing more.
 */
@Component
class BookingMeasures {

    private final MeterRegistry meters;

    BookingMeasures(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A new booking was stored; counted when it waits for a decision (not a waitlist hold, not one the intake declined). */
    void stored(Booking booking) {
        if (booking.status() == BookingStatus.REQUESTED) {
            Counter.builder("sabai.bookings.requested")
                    .description("Bookings requested and sent for a therapist's assignment")
                    .tag("branch", booking.branchId())
                    .register(meters)
                    .increment();
        }
    }

    /** A decision about the booking was written: confirmed, rejected, or sent to staff because it was overdue. */
    void decided(Booking booking, AssignmentOutcome outcome, Instant now) {
        String decided = switch (outcome) {
            case Confirmed ignored -> "confirmed";
            case Rejected ignored -> "rejected";
            case NeedsAttention needs when needs.from() == BookingStatus.REQUESTED -> "needs_attention";
            default -> null;
        };
        if (decided == null) {
            return;
        }
        Counter.builder("sabai.bookings.decided")
                .description("Decisions on requested bookings, by outcome")
                .tag("branch", booking.branchId())
                .tag("outcome", decided)
                .register(meters)
                .increment();
        if (!(outcome instanceof NeedsAttention) && booking.createdAt() != null) {
            Duration waited = Duration.between(booking.createdAt(), now);
            Timer.builder("sabai.bookings.decision.latency")
                    .description("From a booking's request to its confirmation or rejection")
                    .tag("branch", booking.branchId())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofMinutes(30))
                    .register(meters)
                    .record(waited.isNegative() ? Duration.ZERO : waited);
        }
    }
}
