package app.sabai.booking.view.adapter;

import app.sabai.booking.intake.adapter.CustomerFile.CustomerBookings;
import app.sabai.booking.intake.adapter.CustomerFile;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.adapter.BookingAccess;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.view.BookingListing;
import app.sabai.booking.view.BookingView;
import app.sabai.booking.view.CustomerBookingsPage;
import app.sabai.support.security.Caller;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.support.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A customer's bookings, paged: the ids kept on their file are read by {@code _id} (where each stands and when it
 * starts), filtered and ordered, and only the page's bookings are read whole. {@code bookings} is never searched.
 * A customer reads their own ({@code GET /api/me/bookings}, or by their id); operations and administrators anyone's;
 * for anyone else the customer does not exist.
 */
@RestController
class CustomerBookingsQueries {

    private final CustomerFile customers;
    private final Bookings bookings;

    CustomerBookingsQueries(CustomerFile customers, Bookings bookings) {
        this.customers = customers;
        this.bookings = bookings;
    }

    @GetMapping("/api/me/bookings")
    CustomerBookingsPage myBookings(Caller caller,
                                    @RequestParam(required = false) List<String> status,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String page,
                                    @RequestParam(required = false) String size) {
        return bookingsOf(caller.subject(), caller, status, from, to, page, size);
    }

    @GetMapping("/api/customers/{customerId}/bookings")
    CustomerBookingsPage bookingsOf(@PathVariable String customerId, Caller caller,
                                    @RequestParam(required = false) List<String> status,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String page,
                                    @RequestParam(required = false) String size) {
        if (!caller.isCustomer(customerId) && !caller.readsEverything()) {
            throw new NotFoundException("customer", customerId);
        }
        BookingListing.Query query = switch (BookingListing.parse(status, from, to, page, size)) {
            case BookingListing.Query valid -> valid;
            case BookingListing.Invalid invalid -> throw new InvalidRequestException(invalid.problems());
        };
        Optional<CustomerBookings> file = customers.byId(customerId);
        if (file.isEmpty() && caller.isCustomer(customerId)) {
            return new CustomerBookingsPage(customerId, BookingListing.ORDER, query.page(), query.size(), 0, 0, List.of());
        }
        CustomerBookings found = file.orElseThrow(() -> new NotFoundException("customer", customerId));
        BookingListing.Page listed = BookingListing.page(bookings.summaries(found.bookingIds()), query);
        Map<String, Booking> byId = bookings.findAll(listed.bookingIds()).stream()
                .collect(Collectors.toMap(Booking::id, Function.identity()));
        List<BookingView> items = listed.bookingIds().stream().map(byId::get).filter(java.util.Objects::nonNull)
                .map(booking -> BookingAccess.view(caller, booking)).flatMap(Optional::stream).toList();
        return new CustomerBookingsPage(found.customerId(), BookingListing.ORDER, listed.page(), listed.size(), listed.totalItems(),
                listed.totalPages(), items);
    }
}
