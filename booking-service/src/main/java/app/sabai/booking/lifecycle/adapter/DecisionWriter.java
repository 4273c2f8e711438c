package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.AssignmentOutcome;
import app.sabai.booking.lifecycle.AssignmentOutcome.Confirmed;
import app.sabai.booking.lifecycle.AssignmentOutcome.NeedsAttention;
import app.sabai.booking.lifecycle.AssignmentOutcome.Offered;
import app.sabai.booking.lifecycle.AssignmentOutcome.Reassigned;
import app.sabai.booking.lifecycle.AssignmentOutcome.Rejected;
import app.sabai.booking.lifecycle.AssignmentOutcome.RescheduleTurnedDown;
import app.sabai.booking.lifecycle.AssignmentOutcome.Rescheduled;
import app.sabai.booking.lifecycle.AssignmentOutcome.Skipped;
import app.sabai.booking.lifecycle.Attention;
import app.sabai.booking.lifecycle.BookingStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Writes what a decision about a booking says, once ({@code appliedId} is the id of what decided it), guarded by
 * the status it was decided in, and keeps the small collections beside the booking in step: an attention case is
 * listed before the booking moves to NEEDS_ATTENTION and taken off after it leaves; a request stops waiting for
 * its decision after the booking has it.
 */
@Component
class DecisionWriter {

    private static final Logger log = LoggerFactory.getLogger(DecisionWriter.class);

    private final Bookings bookings;
    private final AttentionList attentionList;
    private final Clock clock;

    DecisionWriter(Bookings bookings, AttentionList attentionList, Clock clock) {
        this.bookings = bookings;
        this.attentionList = attentionList;
        this.clock = clock;
    }

    /** False when the booking was no longer as decided on (decide again on what it has become). */
    boolean write(UUID appliedId, String what, String bookingId, AssignmentOutcome outcome) {
        return switch (outcome) {
            case Confirmed confirmed -> {
                boolean written = bookings.applyOnce(bookingId, confirmed.from(), appliedId, new Update()
                        .set("status", confirmed.to().name())
                        .set("therapist", confirmed.therapist())
                        .set("roomId", confirmed.roomId())
                        .unset("attention")
                        .set("updatedAt", now()), List.of(confirmed.event()));
                if (written) {
                    closed(bookingId, confirmed.closed());
                }
                yield written;
            }
            case Rejected rejected -> {
                boolean written = bookings.applyOnce(bookingId, rejected.from(), appliedId, new Update()
                        .set("status", rejected.to().name())
                        .set("rejection", rejected.rejection())
                        .unset("attention")
                        .set("updatedAt", now()), List.of(rejected.event()));
                if (written) {
                    closed(bookingId, rejected.closed());
                }
                yield written;
            }
            case Offered offered -> bookings.applyOnce(bookingId, offered.from(), appliedId, new Update()
                    .set("status", offered.to().name())
                    .set("therapist", offered.therapist())
                    .set("roomId", offered.roomId())
                    .set("updatedAt", now()), List.of(offered.event()));
            case Reassigned reassigned -> {
                Update update = new Update()
                        .set("status", reassigned.to().name())
                        .set("therapist", reassigned.therapist())
                        .set("roomId", reassigned.roomId())
                        .unset("attention")
                        .set("updatedAt", now());
                if (reassigned.from() == BookingStatus.RESCHEDULE_REQUESTED) {
                    // The session has a therapist again: a refused move now returns the booking to CONFIRMED.
                    update.set("reschedule.previousStatus", BookingStatus.CONFIRMED.name());
                }
                boolean written = bookings.applyOnce(bookingId, reassigned.from(), appliedId, update, List.of(reassigned.event()));
                if (written) {
                    closed(bookingId, reassigned.closed());
                }
                yield written;
            }
            case NeedsAttention needs -> {
                // Listed first: a crash before the booking's write leaves an entry the list drops, never a case nobody sees.
                attentionList.open(needs.listed());
                yield bookings.applyOnce(bookingId, needs.from(), appliedId, new Update()
                        .set("status", needs.to().name())
                        .unset("therapist")
                        .set("attention", needs.attention())
                        .set("updatedAt", now()), List.of(needs.event()));
            }
            case Rescheduled rescheduled -> {
                Update update = new Update()
                        .set("status", rescheduled.to().name())
                        .set("start", rescheduled.start())
                        .set("end", rescheduled.end())
                        .set("therapist", rescheduled.therapist())
                        .set("roomId", rescheduled.roomId())
                        .unset("reschedule")
                        .unset("attention")
                        .unset("lastRescheduleRefusal")
                        .set("updatedAt", now());
                if (rescheduled.fee() != null) {
                    update.push("fees", rescheduled.fee());
                }
                boolean written = bookings.applyOnce(bookingId, rescheduled.from(), appliedId, update, List.of(rescheduled.event()));
                if (written) {
                    closed(bookingId, rescheduled.closed());
                }
                yield written;
            }
            case RescheduleTurnedDown refused -> {
                if (refused.relisted() != null) {
                    attentionList.open(refused.relisted());
                }
                yield bookings.applyOnce(bookingId, refused.from(), appliedId, new Update()
                        .set("status", refused.to().name())
                        .unset("reschedule")
                        .set("lastRescheduleRefusal", refused.refusal())
                        .set("updatedAt", now()), List.of());
            }
            case Skipped skipped -> {
                log.info("{} skipped: {}", what, skipped.why());
                yield true;
            }
        };
    }

    private void closed(String bookingId, Attention attention) {
        if (attention != null) {
            attentionList.close(bookingId, attention.raisedBy());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
