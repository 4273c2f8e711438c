package app.sabai.booking.request.adapter;

import app.sabai.booking.catalogue.adapter.BranchCatalogue;
import app.sabai.booking.idempotency.adapter.IdempotencyKeys;
import app.sabai.booking.intake.Intake;
import app.sabai.booking.intake.IntakeScreening;
import app.sabai.booking.intake.adapter.CustomerFile;
import app.sabai.booking.intake.adapter.IntakeProperties;
import app.sabai.booking.intake.adapter.OnBehalf;
import app.sabai.booking.lifecycle.IdempotencyRecord;
import app.sabai.booking.lifecycle.OpenedBooking;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.request.BookingRequest;
import app.sabai.booking.request.BookingRequestValidator;
import app.sabai.booking.request.RequestFingerprint;
import app.sabai.booking.request.ValidBooking;
import app.sabai.booking.request.Validation;
import app.sabai.booking.view.BookingView;
import app.sabai.support.security.Caller;
import app.sabai.support.web.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes a booking request: validates it, screens the intake, and stores the booking with its event in one
 * insert. The unique idempotency key decides between concurrent duplicates: the loser answers with the
 * winner's first answer (same body) or is refused (different body).
 * <p>
 * Everything kept beside the booking is written before it, each write repeatable: the customer's file gets its id,
 * then the booking's id and the intake it came with in one write (a file made for this booking takes all three in one
 * write); the insert also records the request's place among those waiting for a decision. A request refused on the way
 * (another customer's email) has written nothing. A crash anywhere before the insert leaves no booking (the client got
 * no 202 and retries with the intake); a crash after it leaves nothing undone.
 */
@Service
public class BookingRequests {

    static final String LISTED_ON_FILE = "listed-on-file";

    private static final Logger log = LoggerFactory.getLogger(BookingRequests.class);

    private final BranchCatalogue catalogue;
    private final CustomerFile customers;
    private final Bookings bookings;
    private final BookingRequestValidator validator = new BookingRequestValidator();
    private final IntakeScreening screening;
    private final Clock clock;
    private final JsonMapper json;
    private final CrashPoint crashPoint;

    BookingRequests(BranchCatalogue catalogue, CustomerFile customers, Bookings bookings,
                    IntakeProperties intake, Clock clock, JsonMapper json, CrashPoint crashPoint) {
        this.catalogue = catalogue;
        this.customers = customers;
        this.bookings = bookings;
        this.screening = new IntakeScreening(intake.surgeryWeeks());
        this.clock = clock;
        this.json = json;
        this.crashPoint = crashPoint;
    }

    public BookingView request(BookingRequest sent, Optional<String> sentKey, Caller caller) {
        OnBehalf behalf = OnBehalf.of(caller, sent.branchId(), sent.customer());
        BookingRequest request = sent.onBehalfOf(behalf.customer(), behalf.customerIdOr(sent.customerId()));
        // Keys are the caller's own: another caller's key neither replays their answer nor blocks this request.
        Optional<String> idempotencyKey = sentKey.map(key -> IdempotencyKeys.scoped(caller, key));
        String fingerprint = RequestFingerprint.of(request);
        if (idempotencyKey.isPresent()) {
            Optional<IdempotencyRecord> earlier = bookings.idempotencyRecord(idempotencyKey.get());
            if (earlier.isPresent()) {
                return replay(earlier.get(), fingerprint);
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Intake> intakeOnFile = Optional.ofNullable(request.customer())
                .map(BookingRequest.CustomerForm::email)
                .filter(email -> request.intake() == null)
                .flatMap(email -> customers.intakeOf(email, request.customerId()));
        ValidBooking valid = switch (validator.validate(request, catalogue.find(request.branchId()), intakeOnFile, now)) {
            case Validation.Valid v -> v.booking();
            case Validation.Invalid invalid -> throw new InvalidRequestException(invalid.problems());
        };

        String bookingId = UUID.randomUUID().toString();
        String email = valid.details().customer().email();
        // Listed first, with the intake it came with: a crash after this leaves an id that resolves to nothing, never a
        // booking the customer cannot find.
        String customerId = customers.listBooking(email, behalf.signedInCustomer(), bookingId,
                valid.intakeSent() ? Optional.of(valid.intake()) : Optional.empty(), now);
        crashPoint.reached(LISTED_ON_FILE);
        OpenedBooking opened = OpenedBooking.open(bookingId, customerId, valid.details(),
                screening.screen(valid.session(), valid.intake()), now);
        BookingView answer = BookingView.of(opened.booking());
        IdempotencyRecord record = new IdempotencyRecord(idempotencyKey.orElse(bookingId), fingerprint, json.writeValueAsString(answer));
        try {
            bookings.insert(opened.booking(), record, List.of(opened.event()));
        } catch (DuplicateKeyException concurrentDuplicate) {
            log.info("Idempotency-Key {} was taken by a concurrent request meanwhile; answering with its booking", record.key());
            customers.removeBooking(email, bookingId);
            return replay(bookings.idempotencyRecord(record.key()).orElseThrow(() -> concurrentDuplicate), fingerprint);
        }
        log.info("Booking {} requested at {}: {} {} min, {}", bookingId, opened.booking().branchId(), opened.booking().technique(),
                opened.booking().durationMinutes(), opened.booking().status());
        return answer;
    }

    private BookingView replay(IdempotencyRecord earlier, String fingerprint) {
        if (!earlier.requestFingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException(earlier.key());
        }
        return json.readValue(earlier.firstAnswer(), BookingView.class);
    }
}
