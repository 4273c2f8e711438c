package app.sabai.booking.demo.adapter;

import app.sabai.booking.catalogue.adapter.BranchCatalogue;
import app.sabai.booking.demo.DemoCustomers;
import app.sabai.booking.intake.adapter.CustomerFile;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.request.adapter.BookingRequests;
import app.sabai.booking.testing.TestBranches;
import app.sabai.support.testing.SabaiServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo customers' first bookings: made once, under the ids their tokens carry, never again. */
@SabaiServiceTest
class DemoBookingsIT {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    BookingRequests requests;
    @Autowired
    BranchCatalogue catalogue;
    @Autowired
    CustomerFile customers;
    @Autowired
    Bookings bookings;
    @Autowired
    Clock clock;

    @Test
    void theDemoCustomersGetTheirBookingsOnceUnderTheirOwnIds() {
        DemoCustomers.BOOKINGS.stream().map(DemoCustomers.DemoBooking::branchId).distinct()
                .forEach(branchId -> TestBranches.catalogue(mongo, TestBranches.aBranch(branchId)));
        DemoBookings demo = new DemoBookings(requests, catalogue, customers, clock);

        demo.bookOnce();
        demo.bookOnce();

        for (DemoCustomers.DemoCustomer customer : List.of(DemoCustomers.CUSTOMER, DemoCustomers.CUSTOMER2)) {
            CustomerFile.CustomerBookings file = customers.byId(customer.id()).orElseThrow();
            assertThat(file.email()).isEqualTo(customer.email());
            assertThat(file.bookingIds()).as(customer.name() + "'s bookings").hasSize(2);
            assertThat(bookings.findAll(file.bookingIds())).allSatisfy(booking -> {
                assertThat(booking.customerId()).isEqualTo(customer.id());
                assertThat(booking.customer().email()).isEqualTo(customer.email());
            });
        }
    }
}
