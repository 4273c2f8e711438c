package app.sabai.booking.demo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * The demo chain's two signed-in customers, as the local identity provider knows them (their ids are its tokens'
 * subjects), and the bookings each has when the platform first starts, so "my bookings" shows something at once.
 */
public final class DemoCustomers {

    public record DemoCustomer(String id, String name, String email, String language) {
    }

    /** A booking to make: the branch, the treatment, and when, as days after the start day and a local time. */
    public record DemoBooking(DemoCustomer customer, String branchId, String technique, int durationMinutes, int daysAhead,
                              LocalTime at) {

        public LocalDate day(LocalDate today) {
            return today.plusDays(daysAhead);
        }
    }

    public static final DemoCustomer CUSTOMER = new DemoCustomer("c0ffee00-0000-4000-8000-000000000001", "Dao Srisuk",
            "customer@sabai.example", "th");
    public static final DemoCustomer CUSTOMER2 = new DemoCustomer("c0ffee00-0000-4000-8000-000000000002", "Emma Clarke",
            "customer2@sabai.example", "en");

    public static final List<DemoBooking> BOOKINGS = List.of(
            new DemoBooking(CUSTOMER, "liverpool", "SWEDISH", 60, 2, LocalTime.of(14, 0)),
            new DemoBooking(CUSTOMER, "bangkok-sukhumvit", "THAI", 90, 6, LocalTime.of(15, 0)),
            new DemoBooking(CUSTOMER2, "liverpool", "DEEP_TISSUE", 60, 3, LocalTime.of(17, 0)),
            new DemoBooking(CUSTOMER2, "new-york-soho", "SWEDISH", 60, 8, LocalTime.of(11, 0)));

    private DemoCustomers() {
    }
}
