package app.sabai.notification.booking;

import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingNoShow;
import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRescheduled;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Technique;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Objects;
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

    /** The same booking with nobody to it: the customer's language is all that is kept. */
    public BookingDetails withoutCustomer() {
        Customer anonymous = customer == null ? null : new Customer(null, null, null, customer.language(), null);
        return new BookingDetails(branchId, zone, anonymous, technique, durationMinutes, start, end, therapistName);
    }

    public static BookingDetails of(BookingConfirmed event) {
        return new BookingDetails(event.branchId(), event.zone(), event.customer(), event.technique(),
                event.durationMinutes(), event.start(), event.end(), event.therapistName());
    }

    public static BookingDetails of(BookingRejected event) {
        return new BookingDetails(event.branchId(), event.zone(), event.customer(), event.technique(),
                null, event.start(), null, null);
    }

    /** A slot held for a waitlisted customer: everything the offer shows comes with it. */
    public static BookingDetails of(BookingOffered event) {
        return new BookingDetails(event.branchId(), event.zone(), event.customer(), event.technique(),
                event.durationMinutes() > 0 ? event.durationMinutes() : null, event.start(), event.end(), event.therapistName());
    }

    /**
     * A course is addressed like a booking: its details are what its sessions share, and its start is the
     * first session's.
     */
    public static BookingDetails of(CourseDecided event) {
        Instant first = event.sessions().stream().map(CourseDecided.Session::start).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        return new BookingDetails(event.branchId(), event.zone(), event.customer(), event.technique(),
                event.durationMinutes() > 0 ? event.durationMinutes() : null, first, null, null);
    }

    /** The booking moved: new time, zone and therapist; the treatment stays what it was unless the event says. */
    public static BookingDetails rescheduled(BookingDetails known, BookingRescheduled event) {
        Integer duration = event.durationMinutes() > 0 ? Integer.valueOf(event.durationMinutes())
                : event.start() != null && event.end() != null
                ? Integer.valueOf((int) Duration.between(event.start(), event.end()).toMinutes())
                : known == null ? null : known.durationMinutes();
        return new BookingDetails(event.branchId(), event.zone(), event.customer() != null ? event.customer() : customerOf(known),
                orKnown(event.technique(), known, BookingDetails::technique), duration, event.start(), event.end(),
                event.therapistName());
    }

    /**
     * The booking is cancelled. What was known stays (the cancelled session is what the message is about);
     * the event fills in what was not, so a booking never confirmed here is known from it alone.
     */
    public static BookingDetails cancelled(BookingDetails known, BookingCancelled event) {
        Integer duration = event.start() != null && event.end() != null
                ? Integer.valueOf((int) Duration.between(event.start(), event.end()).toMinutes()) : null;
        return new BookingDetails(
                known != null && known.branchId() != null ? known.branchId() : event.branchId(),
                known != null && known.zone() != null ? known.zone() : event.zone(),
                event.customer() != null ? event.customer() : customerOf(known),
                known != null && known.technique() != null ? known.technique() : event.technique(),
                known != null && known.durationMinutes() != null ? known.durationMinutes() : duration,
                orKnown(event.start(), known, BookingDetails::start),
                orKnown(event.end(), known, BookingDetails::end),
                known == null ? null : known.therapistName());
    }

    /** The customer did not come; the event may carry the customer, the rest is as known. */
    public static BookingDetails noShow(BookingDetails known, BookingNoShow event) {
        if (known == null) {
            Integer duration = event.start() != null && event.end() != null
                    ? Integer.valueOf((int) Duration.between(event.start(), event.end()).toMinutes()) : null;
            return new BookingDetails(event.branchId(), null, event.customer(), null, duration, event.start(), event.end(), null);
        }
        return new BookingDetails(known.branchId(), known.zone(), event.customer() != null ? event.customer() : known.customer(),
                known.technique(), known.durationMinutes(), known.start(), known.end(), known.therapistName());
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
