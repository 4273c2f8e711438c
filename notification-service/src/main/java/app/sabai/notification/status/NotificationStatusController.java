package app.sabai.notification.status;

import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.support.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/notifications")
class NotificationStatusController {

    private final BookingNotificationsStore store;

    NotificationStatusController(BookingNotificationsStore store) {
        this.store = store;
    }

    /** A missing {@code bookingId} is answered 400 by the shared problem-details advice; a blank one here. */
    @GetMapping
    BookingNotificationsView byBooking(@RequestParam String bookingId) {
        if (bookingId.isBlank()) {
            throw new InvalidRequestException("bookingId", "must not be blank");
        }
        return store.find(bookingId)
                .map(stored -> BookingNotificationsView.of(stored.state()))
                .orElseThrow(() -> new NotFoundException("notifications for booking", bookingId));
    }
}
