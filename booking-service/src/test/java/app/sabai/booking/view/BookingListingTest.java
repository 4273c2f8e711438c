package app.sabai.booking.view;

import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.booking.lifecycle.BookingSummary;
import app.sabai.booking.view.BookingListing.Invalid;
import app.sabai.booking.view.BookingListing.Page;
import app.sabai.booking.view.BookingListing.Query;
import app.sabai.support.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BookingListingTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    static final List<BookingSummary> BOOKINGS = List.of(
            new BookingSummary("c", BookingStatus.CONFIRMED, Instant.parse("2026-12-03T10:00:00Z"), LONDON),
            new BookingSummary("a", BookingStatus.CANCELLED, Instant.parse("2026-12-01T10:00:00Z"), LONDON),
            new BookingSummary("d", BookingStatus.CONFIRMED, Instant.parse("2026-12-03T10:00:00Z"), LONDON),
            new BookingSummary("b", BookingStatus.REQUESTED, Instant.parse("2026-12-02T10:00:00Z"), LONDON),
            // 2 December in Bangkok, still 1 December in UTC.
            new BookingSummary("e", BookingStatus.COMPLETED, Instant.parse("2026-12-01T18:00:00Z"), BANGKOK));

    @Test
    void soonestSessionFirstThenById() {
        Page page = BookingListing.page(BOOKINGS, query(List.of(), null, null, null, null));

        assertThat(page.bookingIds()).containsExactly("a", "e", "b", "c", "d");
        assertThat(page.totalItems()).isEqualTo(5);
        assertThat(page.size()).isEqualTo(20);
        assertThat(page.totalPages()).isEqualTo(1);
    }

    @Test
    void pagesCountFromZero() {
        Query twoAPage = query(List.of(), null, null, "1", "2");

        Page second = BookingListing.page(BOOKINGS, twoAPage);

        assertThat(second.bookingIds()).containsExactly("b", "c");
        assertThat(second.totalPages()).isEqualTo(3);
        assertThat(BookingListing.page(BOOKINGS, query(List.of(), null, null, "3", "2")).bookingIds()).isEmpty();
        assertThat(BookingListing.page(BOOKINGS, query(List.of(), null, null, "2", "2")).bookingIds()).containsExactly("d");
    }

    @Test
    void byStatusRepeatedOrCommaSeparated() {
        assertThat(BookingListing.page(BOOKINGS, query(List.of("CONFIRMED"), null, null, null, null)).bookingIds()).containsExactly("c", "d");
        assertThat(BookingListing.page(BOOKINGS, query(List.of("CANCELLED,REQUESTED"), null, null, null, null)).bookingIds())
                .containsExactly("a", "b");
        assertThat(BookingListing.page(BOOKINGS, query(List.of("CANCELLED", "COMPLETED"), null, null, null, null)).bookingIds())
                .containsExactly("a", "e");
    }

    @Test
    void byInstantFromIncludedToExcluded() {
        Page page = BookingListing.page(BOOKINGS, query(List.of(), "2026-12-01T18:00:00Z", "2026-12-03T10:00:00Z", null, null));

        assertThat(page.bookingIds()).containsExactly("e", "b");
    }

    @Test
    void byDateInEachBookingsOwnZoneBothIncluded() {
        assertThat(BookingListing.page(BOOKINGS, query(List.of(), "2026-12-02", "2026-12-02", null, null)).bookingIds())
                .containsExactly("e", "b");
        assertThat(BookingListing.page(BOOKINGS, query(List.of(), null, "2026-12-01", null, null)).bookingIds()).containsExactly("a");
    }

    @Test
    void everyMistakeIsNamed() {
        BookingListing.Parsed parsed = BookingListing.parse(List.of("CONFIRMED,LOST", ""), "yesterday", "2026-12-01T00:00", "-1", "101");

        assertThat(parsed).isInstanceOfSatisfying(Invalid.class, invalid -> assertThat(invalid.problems())
                .extracting(FieldProblem::field).containsExactly("status", "status", "from", "to", "page", "size"));
        assertThat(((Invalid) BookingListing.parse(null, null, null, "x", "0")).problems()).containsExactly(
                new FieldProblem("page", "'x' must be a whole number from 0"),
                new FieldProblem("size", "'0' must be a whole number between 1 and 100"));
        assertThat(((Invalid) BookingListing.parse(null, "2026-12-02T00:00:00Z", "2026-12-01T00:00:00Z", null, null)).problems())
                .containsExactly(new FieldProblem("to", "must be after from"));
        assertThat(BookingListing.parse(null, null, null, null, "100")).isInstanceOf(Query.class);
    }

    private static Query query(List<String> status, String from, String to, String page, String size) {
        BookingListing.Parsed parsed = BookingListing.parse(status, from, to, page, size);
        assertThat(parsed).isInstanceOf(Query.class);
        return (Query) parsed;
    }
}
