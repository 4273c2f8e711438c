package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.view.BookingView;
import app.sabai.support.security.Caller;
import app.sabai.support.security.Role;

import java.util.Optional;

/**
 * Who may see a customer's records. A booking, course or waitlist entry is seen by its customer, by the staff of its
 * branch, and by operations and administrators; to anyone else it does not exist. What the intake says (the notes
 * for the therapist) is seen only by the customer and by staff of a branch where the customer has a booking.
 */
public final class BookingAccess {

    private BookingAccess() {
    }

    public static boolean sees(Caller caller, String customerId, String branchId) {
        return caller.isCustomer(customerId) || caller.readsAt(branchId);
    }

    /** Whether the caller may change the record as its customer: the customer, or an administrator for them. */
    public static boolean changesAsCustomer(Caller caller, String customerId) {
        return caller.isCustomer(customerId) || caller.has(Role.ADMIN);
    }

    /** Whether the caller may change the record as staff of its branch, or as its customer. */
    public static boolean changes(Caller caller, String customerId, String branchId) {
        return changesAsCustomer(caller, customerId) || caller.actsAt(branchId);
    }

    /** A booking view as the caller may read it: without the intake's notes unless those are theirs to read. */
    public static BookingView asSeenBy(Caller caller, BookingView view) {
        return readsIntake(caller, view.customerId(), view.branchId()) ? view : view.withoutCareNotes();
    }

    /** The booking as the caller may read it, empty when it is not theirs to read. */
    public static Optional<BookingView> view(Caller caller, Booking booking) {
        if (!sees(caller, booking.customerId(), booking.branchId())) {
            return Optional.empty();
        }
        return Optional.of(asSeenBy(caller, BookingView.of(booking)));
    }

    private static boolean readsIntake(Caller caller, String customerId, String branchId) {
        return caller.isCustomer(customerId) || caller.has(Role.STAFF) && caller.branches().contains(branchId);
    }
}
