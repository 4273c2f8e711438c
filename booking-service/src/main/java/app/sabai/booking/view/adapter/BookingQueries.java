package app.sabai.booking.view.adapter;

import app.sabai.booking.lifecycle.adapter.BookingAccess;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.view.BookingView;
import app.sabai.support.security.Caller;
import app.sabai.support.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A booking as its reader may see it ({@link BookingAccess}); anyone else's booking is not found. */
@RestController
class BookingQueries {

    private final Bookings bookings;

    BookingQueries(Bookings bookings) {
        this.bookings = bookings;
    }

    @GetMapping("/api/bookings/{id}")
    BookingView booking(@PathVariable String id, Caller caller) {
        return bookings.find(id).flatMap(booking -> BookingAccess.view(caller, booking))
                .orElseThrow(() -> new NotFoundException("booking", id));
    }
}
