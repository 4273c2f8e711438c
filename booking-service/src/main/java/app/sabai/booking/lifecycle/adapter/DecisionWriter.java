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
import app.sabai.booking.lifecycle.AttentionCase;
import app.sabai.booking.lifecycle.BookingStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        Optional<Write> write = prepare(appliedId, bookingId, outcome);
        if (write.isEmpty()) {
            log.info("{} skipped: {}", what, ((Skipped) outcome).why());
            return true;
        }
        boolean written = writeAlone(write.get());
        if (written) {
            closeAfter(write.get());
        }
        return written;
    }

    /**
     * Writes one decision, with the attention case it lists first listed before it; false when the booking was no longer
     * as decided on. Closing what it ends is left to {@link #closeAfter}.
     */
    boolean writeAlone(Write write) {
        listFirst(write);
        return bookings.applyOnce(write.change());
    }

    /**
     * What deciding {@code outcome} writes to the booking, guarded by the status it was decided in and "not applied yet",
     * with its events (in the current trace) and the attention cases listed before it and closed after it. Empty for
     * a decision that writes nothing.
     */
    Optional<Write> prepare(UUID appliedId, String bookingId, AssignmentOutcome outcome) {
        return switch (outcome) {
            case Confirmed confirmed -> Optional.of(new Write(bookings.guarded(bookingId, confirmed.from(), appliedId, new Update()
                    .set("status", confirmed.to().name())
                    .set("therapist", confirmed.therapist())
                    .set("roomId", confirmed.roomId())
                    .unset("attention")
                    .set("updatedAt", now()), List.of(confirmed.event())), null, confirmed.closed()));
            case Rejected rejected -> Optional.of(new Write(bookings.guarded(bookingId, rejected.from(), appliedId, new Update()
                    .set("status", rejected.to().name())
                    .set("rejection", rejected.rejection())
                    .unset("attention")
                    .set("updatedAt", now()), List.of(rejected.event())), null, rejected.closed()));
            case Offered offered -> Optional.of(new Write(bookings.guarded(bookingId, offered.from(), appliedId, new Update()
                    .set("status", offered.to().name())
                    .set("therapist", offered.therapist())
                    .set("roomId", offered.roomId())
                    .set("updatedAt", now()), List.of(offered.event())), null, null));
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
                yield Optional.of(new Write(bookings.guarded(bookingId, reassigned.from(), appliedId, update, List.of(reassigned.event())),
                        null, reassigned.closed()));
            }
            // Listed first: a crash before the booking's write leaves an entry the list drops, never a case nobody sees.
            case NeedsAttention needs -> Optional.of(new Write(bookings.guarded(bookingId, needs.from(), appliedId, new Update()
                    .set("status", needs.to().name())
                    .unset("therapist")
                    .set("attention", needs.attention())
                    .set("updatedAt", now()), List.of(needs.event())), needs.listed(), null));
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
                yield Optional.of(new Write(bookings.guarded(bookingId, rescheduled.from(), appliedId, update, List.of(rescheduled.event())),
                        null, rescheduled.closed()));
            }
            case RescheduleTurnedDown refused -> Optional.of(new Write(bookings.guarded(bookingId, refused.from(), appliedId, new Update()
                    .set("status", refused.to().name())
                    .unset("reschedule")
                    .set("lastRescheduleRefusal", refused.refusal())
                    .set("updatedAt", now()), List.of()), refused.relisted(), null));
            case Skipped ignored -> Optional.empty();
        };
    }

    /**
     * Writes the decisions of several bookings in one request to the store, each under its own guard, with the attention
     * cases they list first listed before it. Answers the ids of the bookings written; the others were no longer as
     * decided on. Closing what a written decision ends is left to {@link #closeAfter}.
     */
    Set<String> writeTogether(List<Write> writes) {
        writes.forEach(this::listFirst);
        return bookings.applyOnce(writes.stream().map(Write::change).toList());
    }

    void closeAfter(Write write) {
        if (write.closes() != null) {
            attentionList.close(write.change().bookingId(), write.closes().raisedBy());
        }
    }

    private void listFirst(Write write) {
        if (write.listedFirst() != null) {
            attentionList.open(write.listedFirst());
        }
    }

    /** A decision's write: the guarded change of the booking, what goes on the attention list first, what it closes after. */
    record Write(Bookings.GuardedChange change, AttentionCase listedFirst, Attention closes) {
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
