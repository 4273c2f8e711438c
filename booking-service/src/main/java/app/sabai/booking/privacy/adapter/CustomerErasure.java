package app.sabai.booking.privacy.adapter;

import app.sabai.booking.course.adapter.CourseRequests;
import app.sabai.booking.intake.adapter.CustomerFile;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.adapter.BookingCommands.Channel;
import app.sabai.booking.lifecycle.adapter.BookingCommands;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.lifecycle.adapter.TransitionRefusedException;
import app.sabai.booking.privacy.CustomerErased;
import app.sabai.booking.privacy.CustomerExport;
import app.sabai.booking.request.CancellationRequest;
import app.sabai.booking.view.BookingView;
import app.sabai.booking.waitlist.adapter.WaitlistRequests;
import app.sabai.contracts.bookings.BookingCustomerErased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A customer's right to their data. The export reads their file, bookings, courses and waitlist entries. The erasure
 * goes in an order that a crash anywhere leaves repeatable: what is still to come is cancelled (courses, waitlist
 * entries, then bookings, each under its own Idempotency-Key); then each booking forgets the person in one write with
 * {@code BookingCustomerErased}, so notification-service forgets them too; then courses and entries; the file, through
 * which their bookings are found, goes last. The bookings stay, anonymous, for the branch's history and accounts.
 */
@Service
class CustomerErasure {

    private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);
    private static final int ATTEMPTS = 5;

    private final CustomerFile customers;
    private final Bookings bookings;
    private final BookingCommands commands;
    private final CourseRequests courses;
    private final WaitlistRequests waitlist;
    private final Clock clock;
    private final JsonMapper json;

    CustomerErasure(CustomerFile customers, Bookings bookings, BookingCommands commands, CourseRequests courses,
                    WaitlistRequests waitlist, Clock clock, JsonMapper json) {
        this.customers = customers;
        this.bookings = bookings;
        this.commands = commands;
        this.courses = courses;
        this.waitlist = waitlist;
        this.clock = clock;
        this.json = json;
    }

    CustomerExport export(String customerId) {
        Optional<CustomerFile.FileExport> file = customers.export(customerId);
        List<BookingView> theirs = bookingsOf(customerId).stream()
                .sorted(Comparator.comparing(Booking::start)).map(BookingView::of).toList();
        return new CustomerExport(customerId, now(), file.map(CustomerFile.FileExport::email).orElse(null),
                file.map(CustomerFile.FileExport::intake).orElse(null), file.map(CustomerFile.FileExport::intakeRecordedAt).orElse(null),
                theirs, courses.coursesOf(customerId), waitlist.entriesOf(customerId));
    }

    CustomerErased erase(String customerId) {
        courses.forget(customerId);
        waitlist.forget(customerId);
        Instant now = now();
        List<String> cancelled = new ArrayList<>();
        for (Booking booking : bookingsOf(customerId)) {
            if (!booking.status().isFinal() && booking.start().isAfter(now) && cancel(booking, customerId)) {
                cancelled.add(booking.id());
            }
        }
        List<Booking> theirs = bookingsOf(customerId);
        theirs.forEach(booking -> forget(booking.id(), customerId));
        customers.forget(customerId);
        log.info("Customer {} erased: {} bookings kept anonymous, {} cancelled", customerId, theirs.size(), cancelled.size());
        return new CustomerErased(customerId, now, cancelled, theirs.size());
    }

    private boolean cancel(Booking booking, String customerId) {
        try {
            commands.cancel(booking.id(), Channel.customer(customerId), new CancellationRequest(CourseRequests.ERASED),
                    Optional.of("erase/" + booking.id()));
            return true;
        } catch (TransitionRefusedException refused) {
            // Needs staff, or a waitlist offer: its branch deals with it; the customer's data goes all the same.
            log.info("Booking {} of erased customer {} not cancelled: {}", booking.id(), customerId, refused.getMessage());
            return false;
        }
    }

    private void forget(String bookingId, String customerId) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Bookings.StoredBooking> read = bookings.findStored(bookingId);
            if (read.isEmpty() || isForgotten(read.get().booking())) {
                return;
            }
            Booking booking = read.get().booking();
            Instant now = now();
            Booking erased = booking.withoutPersonalData(now);
            BookingCustomerErased event = new BookingCustomerErased(UUID.randomUUID(), now, booking.id(), booking.branchId(), customerId);
            if (bookings.erasePersonalData(read.get(), erased, json.writeValueAsString(BookingView.of(erased)), event)) {
                return;
            }
        }
        throw new OptimisticLockingFailureException("Booking " + bookingId + " kept changing while its customer's data was erased");
    }

    private static boolean isForgotten(Booking booking) {
        return booking.customer() == null || booking.customer().email() == null && booking.customer().name() == null;
    }

    private List<Booking> bookingsOf(String customerId) {
        return customers.byId(customerId).map(file -> bookings.findAll(file.bookingIds())).orElse(List.of()).stream()
                .filter(booking -> customerId.equals(booking.customerId())).toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
