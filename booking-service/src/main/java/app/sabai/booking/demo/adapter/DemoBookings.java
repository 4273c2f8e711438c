package app.sabai.booking.demo.adapter;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.catalogue.adapter.BranchCatalogue;
import app.sabai.booking.demo.DemoCustomers.DemoBooking;
import app.sabai.booking.demo.DemoCustomers.DemoCustomer;
import app.sabai.booking.demo.DemoCustomers;
import app.sabai.booking.intake.adapter.CustomerFile;
import app.sabai.booking.request.BookingRequest;
import app.sabai.booking.request.adapter.BookingRequests;
import app.sabai.support.security.Caller;
import app.sabai.support.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * With the demo data on, gives the demo customers their bookings the first time the platform starts: once the
 * branches are in the catalogue (they arrive from therapist-service), each booking is requested as its customer would
 * request it, signed in, with an Idempotency-Key of its own. A customer who has bookings already gets none more.
 */
@Component
@ConditionalOnProperty(name = "sabai.demo.enabled", havingValue = "true")
class DemoBookings {

    private static final Logger log = LoggerFactory.getLogger(DemoBookings.class);
    private static final Duration CATALOGUE_WAIT = Duration.ofMinutes(2);

    private final BookingRequests requests;
    private final BranchCatalogue catalogue;
    private final CustomerFile customers;
    private final Clock clock;

    DemoBookings(BookingRequests requests, BranchCatalogue catalogue, CustomerFile customers, Clock clock) {
        this.requests = requests;
        this.catalogue = catalogue;
        this.customers = customers;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void whenReady() {
        Thread.ofVirtual().name("demo-bookings").start(this::bookOnce);
    }

    void bookOnce() {
        Instant giveUp = clock.instant().plus(CATALOGUE_WAIT);
        Set<String> booked = DemoCustomers.BOOKINGS.stream().map(DemoBooking::customer).distinct()
                .filter(customer -> customers.byId(customer.id()).map(file -> !file.bookingIds().isEmpty()).orElse(false))
                .map(DemoCustomer::id).collect(Collectors.toSet());
        for (DemoBooking booking : DemoCustomers.BOOKINGS) {
            if (booked.contains(booking.customer().id())) {
                continue;
            }
            Optional<Branch> branch = awaitBranch(booking.branchId(), giveUp);
            if (branch.isEmpty()) {
                log.warn("Demo booking for {} not made: branch {} is not in the catalogue", booking.customer().id(), booking.branchId());
                continue;
            }
            try {
                LocalDate today = LocalDate.ofInstant(clock.instant(), branch.get().zone());
                requests.request(requestOf(booking, today), Optional.of("demo-booking-" + DemoCustomers.BOOKINGS.indexOf(booking)),
                        callerOf(booking.customer()));
            } catch (RuntimeException e) {
                log.warn("Demo booking for {} at {} not made: {}", booking.customer().id(), booking.branchId(), e.getMessage());
            }
        }
    }

    private Optional<Branch> awaitBranch(String branchId, Instant giveUp) {
        while (true) {
            Optional<Branch> branch = catalogue.find(branchId);
            if (branch.isPresent() || clock.instant().isAfter(giveUp)) {
                return branch;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static BookingRequest requestOf(DemoBooking booking, LocalDate today) {
        return new BookingRequest(booking.branchId(), booking.technique(), booking.durationMinutes(), null,
                booking.day(today).atTime(booking.at()).toString(),
                new BookingRequest.CustomerForm(booking.customer().name(), booking.customer().email(), null, booking.customer().language(), null),
                new BookingRequest.PreferencesForm(null, "ANY", "MEDIUM"), List.of("UPPER_BACK"), null,
                new BookingRequest.IntakeForm(List.of(), List.of(), false, null, false, null, List.of(), null, null), null);
    }

    private static Caller callerOf(DemoCustomer customer) {
        return new Caller(customer.id(), Set.of(Role.CUSTOMER), Set.of(), customer.name(), customer.email());
    }
}
