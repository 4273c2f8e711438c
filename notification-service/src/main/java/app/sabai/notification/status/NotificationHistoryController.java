package app.sabai.notification.status;

import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.support.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A booking's message history beside the booking: {@code /api/bookings/{id}/notifications}. The gateway
 * routes this path here (the rest of {@code /api/bookings} is booking-service's). A booking never heard of
 * is a 404 problem.
 */
@RestController
class NotificationHistoryController {

    private final BookingNotificationsStore store;

    NotificationHistoryController(BookingNotificationsStore store) {
        this.store = store;
    }

    @GetMapping("/api/bookings/{bookingId}/notifications")
    NotificationHistory history(@PathVariable String bookingId) {
        return store.find(bookingId.trim())
                .map(stored -> NotificationHistory.of(stored.state()))
                .orElseThrow(() -> new NotFoundException("notifications for booking", bookingId));
    }
}
