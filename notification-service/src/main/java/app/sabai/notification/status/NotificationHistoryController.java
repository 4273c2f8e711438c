package app.sabai.notification.status;

import app.sabai.notification.booking.BookingDetails;
import app.sabai.notification.booking.BookingNotifications;
import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.support.security.Caller;
import app.sabai.support.security.Role;
import app.sabai.support.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A booking's message history beside the booking: {@code /api/bookings/{id}/notifications}. The gateway
 * routes this path here (the rest of {@code /api/bookings} is booking-service's). A booking never heard of
 * is a 404 problem, and so is one that is not the reader's: its customer (the email it is sent to is the one they
 * signed in with), staff of its branch, operations and administrators read it.
 */
@RestController
class NotificationHistoryController {

    private final BookingNotificationsStore store;

    NotificationHistoryController(BookingNotificationsStore store) {
        this.store = store;
    }

    @GetMapping("/api/bookings/{bookingId}/notifications")
    NotificationHistory history(@PathVariable String bookingId, Caller caller) {
        return store.find(bookingId.trim())
                .filter(stored -> readable(caller, stored.state()))
                .map(stored -> NotificationHistory.of(stored.state()))
                .orElseThrow(() -> new NotFoundException("notifications for booking", bookingId));
    }

    private static boolean readable(Caller caller, BookingNotifications booking) {
        BookingDetails details = booking.details();
        if (details == null) {
            return caller.readsEverything();
        }
        if (caller.readsAt(details.branchId())) {
            return true;
        }
        String email = details.customer() == null ? null : details.customer().email();
        return caller.has(Role.CUSTOMER) && email != null && caller.email() != null && email.equalsIgnoreCase(caller.email().trim());
    }
}
