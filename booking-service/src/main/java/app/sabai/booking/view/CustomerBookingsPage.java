package app.sabai.booking.view;

import java.util.List;

/** One page of a customer's bookings ({@code GET /api/customers/{customerId}/bookings}), soonest session first. */
public record CustomerBookingsPage(String customerId, String order, int page, int size, int totalItems, int totalPages,
                                   List<BookingView> items) {
}
