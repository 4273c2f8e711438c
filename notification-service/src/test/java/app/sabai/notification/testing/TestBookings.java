package app.sabai.notification.testing;

import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingNoShow;
import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRescheduled;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Booking events with sensible defaults: a 60-minute Thai massage with Somchai at a London branch. */
public final class TestBookings {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    public static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    public static final String THERAPIST = "Somchai";

    private TestBookings() {
    }

    public static String newBookingId() {
        return "booking-" + UUID.randomUUID();
    }

    public static String newBranchId() {
        return "branch-" + UUID.randomUUID();
    }

    public static String newEmail() {
        return "customer-" + UUID.randomUUID() + "@example.com";
    }

    public static Customer emailCustomer(String email) {
        return new Customer("Ada Lovelace", email, "+447700900123", "en");
    }

    public static Customer thaiCustomer(String email) {
        return new Customer("สมหญิง", email, null, "th");
    }

    public static Customer smsCustomer(String phone) {
        return new Customer("Ada Lovelace", null, phone, "en");
    }

    /** Gave an email address and a phone, and chose SMS as well. */
    public static Customer smsOptedCustomer(String email, String phone) {
        return new Customer("Ada Lovelace", email, phone, "en", true);
    }

    public static String newPhone() {
        return "+4477009" + (10_000 + (int) (Math.random() * 89_999));
    }

    public static Money pounds(long pence) {
        return new Money(pence, "GBP");
    }

    public static Money baht(long satang) {
        return new Money(satang, "THB");
    }

    public static BookingConfirmed confirmed(String bookingId, Instant start, Customer customer) {
        return confirmed(bookingId, "liverpool", LONDON, start, customer);
    }

    public static BookingConfirmed confirmed(String bookingId, String branchId, ZoneId zone, Instant start, Customer customer) {
        return new BookingConfirmed(UUID.randomUUID(), Instant.now(), bookingId, branchId, Technique.THAI, 60, start,
                start.plus(Duration.ofMinutes(60)), zone, "t-somchai", THERAPIST, "room-1", customer);
    }

    /** A confirmed session of a course: its customer hears of the course as a whole. */
    public static BookingConfirmed confirmedCourseSession(String bookingId, Instant start, Customer customer, String courseId) {
        BookingConfirmed plain = confirmed(bookingId, start, customer);
        return new BookingConfirmed(plain.eventId(), plain.occurredAt(), plain.bookingId(), plain.branchId(), plain.technique(),
                plain.durationMinutes(), plain.start(), plain.end(), plain.zone(), plain.therapistId(), plain.therapistName(),
                plain.roomId(), plain.customer(), courseId, null);
    }

    /** A hold for a waitlist offer that could not be had, or a course session that was not booked. */
    public static BookingRejected rejectedFor(String bookingId, Instant start, Customer customer, String courseId, String waitlistId) {
        return new BookingRejected(UUID.randomUUID(), Instant.now(), bookingId, "liverpool", Technique.HOT_STONE, start, LONDON,
                RejectionReason.NO_EQUIPMENT_AVAILABLE, null, List.of(), customer, courseId, waitlistId);
    }

    public static BookingRejected rejected(String bookingId, String branchId, ZoneId zone, Instant start, Customer customer,
                                           List<Alternative> alternatives) {
        return new BookingRejected(UUID.randomUUID(), Instant.now(), bookingId, branchId, Technique.HOT_STONE, start, zone,
                RejectionReason.NO_EQUIPMENT_AVAILABLE, null, alternatives, customer);
    }

    public static BookingCancelled cancelled(BookingConfirmed booking) {
        return new BookingCancelled(UUID.randomUUID(), Instant.now(), booking.bookingId(), booking.branchId(), booking.start(),
                booking.end(), booking.therapistId(), "customer asked", "customer");
    }

    /** Cancelled by the customer after the free period: the event carries the fee and everything a message needs. */
    public static BookingCancelled cancelledLate(BookingConfirmed booking, Money fee) {
        return new BookingCancelled(UUID.randomUUID(), Instant.now(), booking.bookingId(), booking.branchId(), booking.start(),
                booking.end(), booking.therapistId(), "customer asked", "CUSTOMER", true, fee, booking.technique(), booking.zone(),
                booking.customer(), null);
    }

    /** A waitlist offer that ran out: booking-service cancels the held booking. */
    public static BookingCancelled offerExpired(BookingOffered offer) {
        return new BookingCancelled(UUID.randomUUID(), Instant.now(), offer.bookingId(), offer.branchId(), offer.start(),
                offer.end(), null, "offer expired", "SYSTEM", false, null, offer.technique(), offer.zone(), offer.customer(), null);
    }

    public static BookingRescheduled rescheduledLate(BookingConfirmed booking, Instant newStart, Money fee) {
        return new BookingRescheduled(UUID.randomUUID(), Instant.now(), booking.bookingId(), booking.branchId(), booking.start(),
                newStart, newStart.plus(Duration.ofMinutes(booking.durationMinutes())), booking.zone(), booking.therapistId(),
                booking.therapistName(), booking.customer(), booking.technique(), booking.durationMinutes(), booking.roomId(),
                true, fee);
    }

    /** A 60-minute Thai massage with Somchai, held for the customer until {@code expiresAt}. */
    public static BookingOffered offered(String bookingId, String branchId, ZoneId zone, Instant start, Instant expiresAt,
                                         Customer customer) {
        return new BookingOffered(UUID.randomUUID(), Instant.now(), bookingId, branchId, "waitlist-" + bookingId, Technique.THAI,
                60, start, start.plus(Duration.ofMinutes(60)), zone, THERAPIST, expiresAt, customer);
    }

    /** The waitlisted customer took the offer: the booking is confirmed as offered. */
    public static BookingConfirmed accepted(BookingOffered offer) {
        return new BookingConfirmed(UUID.randomUUID(), Instant.now(), offer.bookingId(), offer.branchId(), offer.technique(),
                offer.durationMinutes(), offer.start(), offer.end(), offer.zone(), "t-somchai", offer.therapistName(), "room-1",
                offer.customer());
    }

    public static CourseDecided courseDecided(String courseId, String branchId, ZoneId zone, Customer customer,
                                              CourseDecided.Session... sessions) {
        return new CourseDecided(UUID.randomUUID(), Instant.now(), courseId, branchId, Technique.THAI, 60, zone, customer,
                List.of(sessions));
    }

    public static CourseDecided.Session bookedSession(Instant start, String therapistName) {
        return new CourseDecided.Session("session-" + UUID.randomUUID(), start, "CONFIRMED", therapistName, null, null, List.of());
    }

    public static CourseDecided.Session unbookedSession(Instant start, RejectionReason reason, Alternative... alternatives) {
        return new CourseDecided.Session("session-" + UUID.randomUUID(), start, "REJECTED", null, reason, null, List.of(alternatives));
    }

    public static BookingNoShow noShow(BookingConfirmed booking, Money fee) {
        return new BookingNoShow(UUID.randomUUID(), Instant.now(), booking.bookingId(), booking.branchId(), booking.therapistId(),
                booking.start(), booking.end(), fee, booking.customer());
    }

    public static BookingRescheduled rescheduled(BookingConfirmed booking, Instant newStart) {
        return new BookingRescheduled(UUID.randomUUID(), Instant.now(), booking.bookingId(), booking.branchId(), booking.start(),
                newStart, newStart.plus(Duration.ofMinutes(booking.durationMinutes())), booking.zone(), booking.therapistId(),
                booking.therapistName(), booking.customer());
    }

    public static BookingNeedsAttention needsAttention(BookingConfirmed booking, List<Alternative> alternatives) {
        return new BookingNeedsAttention(UUID.randomUUID(), Instant.now(), booking.bookingId(), booking.branchId(),
                "therapist absent", alternatives, booking.customer());
    }

    /** Staff gave the booking to another therapist at the same time, for a reason meant for staff. */
    public static BookingTherapistChanged therapistChanged(BookingConfirmed booking, String therapistName) {
        return new BookingTherapistChanged(UUID.randomUUID(), Instant.now(), booking.bookingId(), booking.branchId(),
                booking.technique(), booking.durationMinutes(), booking.start(), booking.end(), booking.zone(),
                booking.therapistId(), booking.therapistName(), "t-" + therapistName.toLowerCase(), therapistName,
                booking.roomId(), "sick leave, back Monday", booking.customer());
    }

    public static Alternative alternative(Instant start, String therapistName) {
        return new Alternative(start, start.plus(Duration.ofMinutes(60)), "t-" + therapistName.toLowerCase(), therapistName);
    }
}
