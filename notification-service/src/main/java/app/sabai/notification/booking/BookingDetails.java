package app.sabai.notification.booking;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRescheduled;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Technique;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * What the messages about a booking are rendered from, as last heard from booking-service. Fields an
 * event does not carry stay null (a rejected booking has no therapist).
 */
public record BookingDetails(
        String branchId,
        ZoneId zone,
        Customer customer,
        Technique technique,
        Integer durationMinutes,
        Instant start,
        Instant end,
        String therapistName) {

    public static BookingDetails of(BookingConfirmed event) {
        return new BookingDetails(event.branchId(), event.zone(), event.customer(), event.technique(),
                event.durationMinutes(), event.start(), event.end(), event.therapistName());
    }

    public static BookingDetails of(BookingRejected event) {
        return new BookingDetails(event.branchId(), event.zone(), event.customer(), event.technique(),
                null, event.start(), null, null);
    }

    /** The booking moved: new time, zone and therapist; the treatment stays what it was. */
    public static BookingDetails rescheduled(BookingDetails known, BookingRescheduled event) {
        Integer duration = event.start() != null && event.end() != null
                ? (int) Duration.between(event.start(), event.end()).toMinutes()
                : known == null ? null : known.durationMinutes();
        return new BookingDetails(event.branchId(), event.zone(), event.customer() != null ? event.customer() : customerOf(known),
                known == null ? null : known.technique(), duration, event.start(), event.end(), event.therapistName());
    }

    /**
     * The booking lost its therapist. The event carries no zone: a booking never heard of before is shown
     * in UTC, which is still unambiguous because the zone is printed beside every time.
     */
    public static BookingDetails needingAttention(BookingDetails known, BookingNeedsAttention event) {
        if (known == null) {
            return new BookingDetails(event.branchId(), ZoneId.of("UTC"), event.customer(), null, null, null, null, null);
        }
        Customer customer = event.customer() != null ? event.customer() : known.customer();
        return new BookingDetails(known.branchId(), known.zone(), customer, known.technique(), known.durationMinutes(),
                known.start(), known.end(), null);
    }

    /**
     * The booking has a new therapist. The event carries the whole booking, so a booking never heard of
     * before is known from it alone; a field it leaves out keeps what was known.
     */
    public static BookingDetails therapistChanged(BookingDetails known, BookingTherapistChanged event) {
        return new BookingDetails(
                orKnown(event.branchId(), known, BookingDetails::branchId),
                orKnown(event.zone(), known, BookingDetails::zone),
                orKnown(event.customer(), known, BookingDetails::customer),
                orKnown(event.technique(), known, BookingDetails::technique),
                orKnown(event.durationMinutes() > 0 ? event.durationMinutes() : null, known, BookingDetails::durationMinutes),
                orKnown(event.start(), known, BookingDetails::start),
                orKnown(event.end(), known, BookingDetails::end),
                event.therapistName());
    }

    private static <T> T orKnown(T heard, BookingDetails known, Function<BookingDetails, T> field) {
        return heard != null || known == null ? heard : field.apply(known);
    }

    private static Customer customerOf(BookingDetails known) {
        return known == null ? null : known.customer();
    }
}
