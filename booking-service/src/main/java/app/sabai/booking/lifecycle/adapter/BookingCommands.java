package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.catalogue.adapter.BranchCatalogue;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.BookingChange.Cancelled;
import app.sabai.booking.lifecycle.BookingChange.Completed;
import app.sabai.booking.lifecycle.BookingChange.MarkedNoShow;
import app.sabai.booking.lifecycle.BookingChange.NotAllowed;
import app.sabai.booking.lifecycle.BookingChange.NotYet;
import app.sabai.booking.lifecycle.BookingChange.OfferAccepted;
import app.sabai.booking.lifecycle.BookingChange.OfferOver;
import app.sabai.booking.lifecycle.BookingChange.RescheduleAsked;
import app.sabai.booking.lifecycle.BookingChange;
import app.sabai.booking.lifecycle.Requester;
import app.sabai.booking.lifecycle.adapter.Bookings.StoredBooking;
import app.sabai.booking.policy.FeePolicy;
import app.sabai.booking.request.CancellationRequest;
import app.sabai.booking.request.ChangeRequests.ValidReschedule;
import app.sabai.booking.request.ChangeRequests;
import app.sabai.booking.request.RescheduleRequest;
import app.sabai.booking.view.BookingView;
import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.support.web.ConflictException;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.support.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The commands that change a booking's plans: cancel (customer or staff), reschedule (customer or staff),
 * no-show and complete (staff). Each reads the booking, decides ({@link BookingChange}) with the branch's policy
 * from the catalogue, and writes the change with its event in one update guarded by the booking as read; a write
 * that lost to another change is decided again. A command the status does not allow changes nothing. A command
 * sent with an {@code Idempotency-Key} the booking has applied already answers with the booking as it is.
 * <p>
 * A waitlist offer is answered through its entry (accept, decline), ends by its expiry (the offer sweep) or with its
 * entry (withdraw); those are here too, as they change the booking the same way. After a change of a course's session
 * or a waitlist offer, what it belongs to is brought in step ({@link BookingFollowUps}).
 */
@Service
public class BookingCommands {

    private static final Logger log = LoggerFactory.getLogger(BookingCommands.class);
    private static final int ATTEMPTS = 5;

    private final Bookings bookings;
    private final BranchCatalogue catalogue;
    private final AttentionList attentionList;
    private final BookingFollowUps followUps;
    private final Clock clock;

    BookingCommands(Bookings bookings, BranchCatalogue catalogue, AttentionList attentionList,
                    BookingFollowUps followUps, Clock clock) {
        this.bookings = bookings;
        this.catalogue = catalogue;
        this.attentionList = attentionList;
        this.followUps = followUps;
        this.clock = clock;
    }

    /**
     * Where a command came from: a customer's path (the booking must be that customer's; {@code customerId} null is
     * an administrator acting for any customer), staff's path of a branch (which must be the booking's), or the
     * service itself. A booking that is not the caller's is answered as if it did not exist.
     */
    public record Channel(Requester requester, String branchId, String customerId) {

        public static Channel customer(String customerId) {
            return new Channel(Requester.CUSTOMER, null, customerId);
        }

        /** An administrator on a customer's path: any customer's booking. */
        public static Channel anyCustomer() {
            return new Channel(Requester.CUSTOMER, null, null);
        }

        public static Channel staffOf(String branchId) {
            return new Channel(Requester.STAFF, branchId, null);
        }

        /** This service itself: a waitlist offer that expired, or whose entry was cancelled. */
        public static Channel system() {
            return new Channel(Requester.SYSTEM, null, null);
        }

        boolean reaches(Booking booking) {
            return (branchId == null || branchId.equals(booking.branchId()))
                    && (customerId == null || customerId.equals(booking.customerId()));
        }
    }

    public BookingView cancel(String bookingId, Channel channel, CancellationRequest request, Optional<String> commandKey) {
        ChangeRequests.cancellationProblem(request).ifPresent(problem -> {
            throw new InvalidRequestException(List.of(problem));
        });
        String reason = ChangeRequests.reasonOf(request);
        return change(bookingId, channel, commandKey, stored -> BookingChange.cancel(stored.booking(), channel.requester(), reason,
                feePolicy(stored.booking()), now()));
    }

    public BookingView requestReschedule(String bookingId, Channel channel, RescheduleRequest request, Optional<String> commandKey) {
        return change(bookingId, channel, commandKey, stored -> {
            Booking booking = stored.booking();
            Optional<NotAllowed> refusal = BookingChange.rescheduleRefusal(booking, channel.requester());
            if (refusal.isPresent()) {
                return refusal.get();
            }
            Optional<Branch> branch = catalogue.find(booking.branchId());
            ValidReschedule valid = switch (ChangeRequests.reschedule(request, booking.zone(), booking.durationMinutes(),
                    booking.start(), branch, now())) {
                case ChangeRequests.Reschedule reschedule -> reschedule.reschedule();
                case ChangeRequests.InvalidReschedule invalid -> throw new InvalidRequestException(invalid.problems());
            };
            return BookingChange.requestReschedule(booking, channel.requester(), valid.start(), valid.end(), valid.therapistId(),
                    feePolicy(booking), now());
        });
    }

    /**
     * A session of a course cancelled with the course, as the customer's own cancellation (with its fee); empty when the
     * session's status does not allow it (it is over, or needs staff).
     */
    public Optional<BookingView> cancelIfPossible(String bookingId, String reason, Optional<String> commandKey) {
        try {
            return Optional.of(change(bookingId, Channel.anyCustomer(), commandKey, stored -> BookingChange.cancel(stored.booking(),
                    Requester.CUSTOMER, reason, feePolicy(stored.booking()), now())));
        } catch (TransitionRefusedException refused) {
            log.info("Booking {} was not cancelled with its course: {}", bookingId, refused.getMessage());
            return Optional.empty();
        }
    }

    /** The customer takes the slot offered to them: CONFIRMED, {@code BookingConfirmed} with the waitlist entry's id. */
    public BookingView acceptOffer(String bookingId, Optional<String> commandKey) {
        return change(bookingId, Channel.anyCustomer(), commandKey, stored -> BookingChange.acceptOffer(stored.booking(), now()));
    }

    /** The customer turns the offer down: cancelled by the system, free. */
    public BookingView declineOffer(String bookingId, Optional<String> commandKey) {
        return change(bookingId, Channel.anyCustomer(), commandKey, stored -> BookingChange.declineOffer(stored.booking(), now()));
    }

    /** The offer's hold time passed: cancelled by the system, free. */
    public BookingView expireOffer(String bookingId) {
        return change(bookingId, Channel.system(), Optional.empty(), stored -> BookingChange.expireOffer(stored.booking(), now()));
    }

    /** The offer's waitlist entry was cancelled: the offer ends with it, free. */
    public BookingView withdrawOffer(String bookingId, Optional<String> commandKey) {
        return change(bookingId, Channel.system(), commandKey, stored -> BookingChange.withdrawOffer(stored.booking(), now()));
    }

    public BookingView markNoShow(String bookingId, Channel channel, Optional<String> commandKey) {
        return change(bookingId, channel, commandKey, stored -> BookingChange.markNoShow(stored.booking(), feePolicy(stored.booking()),
                now()));
    }

    public BookingView complete(String bookingId, Channel channel, Optional<String> commandKey) {
        return change(bookingId, channel, commandKey, stored -> BookingChange.complete(stored.booking(), now()));
    }

    private BookingView change(String bookingId, Channel channel, Optional<String> commandKey, Function<StoredBooking, BookingChange> decide) {
        String key = commandKey.orElse(null);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            StoredBooking stored = bookings.findStored(bookingId)
                    .filter(found -> channel.reaches(found.booking()))
                    .orElseThrow(() -> new NotFoundException("booking", bookingId));
            if (stored.hasApplied(key)) {
                log.info("Idempotency-Key {} was applied to booking {} before: answering with the booking as it is", key, bookingId);
                followUps.inStep(stored.booking());
                return BookingView.of(stored.booking());
            }
            if (write(stored, key, decide.apply(stored))) {
                followUps.afterChangeOf(stored.booking());
                return bookings.find(bookingId).map(BookingView::of).orElseThrow(() -> new NotFoundException("booking", bookingId));
            }
            log.info("Booking {} changed while a command was applied to it: deciding again", bookingId);
        }
        throw new ConflictException(null, "Booking " + bookingId + " kept changing while the command was applied; send it again");
    }

    /** False when the booking was no longer as read. */
    private boolean write(StoredBooking stored, String key, BookingChange change) {
        String bookingId = stored.booking().id();
        return switch (change) {
            case Cancelled cancelled -> {
                Update update = touched()
                        .set("status", cancelled.to().name())
                        .set("cancellation", cancelled.cancellation())
                        .unset("reschedule")
                        .unset("attention");
                if (cancelled.fee() != null) {
                    update.push("fees", cancelled.fee());
                }
                if (cancelled.offer() != null) {
                    update.set("offer", cancelled.offer());
                }
                boolean written = bookings.applyCommand(stored, cancelled.from(), key, update, List.of(cancelled.event()));
                if (written && cancelled.closed() != null) {
                    attentionList.close(bookingId, cancelled.closed().raisedBy());
                }
                yield written;
            }
            case OfferAccepted accepted -> bookings.applyCommand(stored, accepted.from(), key, touched()
                    .set("status", accepted.to().name())
                    .set("offer", accepted.offer()), List.of(accepted.event()));
            case OfferOver over -> throw new ConflictException(null, over.detail());
            case RescheduleAsked asked -> bookings.applyCommand(stored, asked.from(), key, touched()
                    .set("status", asked.to().name())
                    .set("reschedule", asked.reschedule()), List.of(asked.event()));
            case MarkedNoShow noShow -> {
                Update update = touched()
                        .set("status", noShow.to().name())
                        .set("noShow", noShow.noShow());
                if (noShow.fee() != null) {
                    update.push("fees", noShow.fee());
                }
                yield bookings.applyCommand(stored, noShow.from(), key, update, List.of(noShow.event()));
            }
            case Completed completed -> bookings.applyCommand(stored, completed.from(), key, touched()
                    .set("status", completed.to().name())
                    .set("completion", completed.completion()), List.of(completed.event()));
            case NotAllowed notAllowed -> throw new TransitionRefusedException(notAllowed);
            case NotYet notYet -> throw new TooEarlyException(notYet);
        };
    }

    /** The booking's branch's policy and the treatment's price there now; the standard policy without a price when the branch is unknown. */
    private FeePolicy feePolicy(Booking booking) {
        return catalogue.find(booking.branchId())
                .map(branch -> FeePolicy.of(branch.policy(), branch.priceOf(booking.technique(), booking.durationMinutes())))
                .orElseGet(() -> new FeePolicy(CancellationPolicy.standard(), null));
    }

    private Update touched() {
        return new Update().set("updatedAt", now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
