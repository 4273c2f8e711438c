package app.sabai.booking.view.adapter;

import app.sabai.booking.intake.adapter.CustomerFile;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.view.BookingView;
import app.sabai.support.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Reads of bookings as customers see them. Access control arrives with the gateway's authentication. */
@RestController
class BookingQueries {

    private final Bookings bookings;
    private final CustomerFile customers;

    BookingQueries(Bookings bookings, CustomerFile customers) {
        this.bookings = bookings;
        this.customers = customers;
    }

    @GetMapping("/api/bookings/{id}")
    BookingView booking(@PathVariable String id) {
        return bookings.find(id).map(BookingView::of).orElseThrow(() -> new NotFoundException("booking", id));
    }

    /** A customer's bookings, soonest first: found through the ids kept on their file, never by a scan. */
    @GetMapping("/api/bookings")
    List<BookingView> bookingsOf(@RequestParam String customerEmail) {
        return bookings.findAll(customers.bookingIdsOf(customerEmail)).stream().map(BookingView::of).toList();
    }
}
