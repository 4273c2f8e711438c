package app.sabai.booking;

import app.sabai.support.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static app.sabai.support.security.Access.actsAt;
import static app.sabai.support.security.Access.anyOf;
import static app.sabai.support.security.Access.readsAt;
import static app.sabai.support.security.Access.signedIn;
import static app.sabai.support.security.Role.ADMIN;
import static app.sabai.support.security.Role.CUSTOMER;
import static app.sabai.support.security.Role.STAFF;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may call each route of booking-service, all in one place. Customers, staff and administrators make bookings,
 * courses and waitlist entries (staff only at their branches, checked against the body); a customer's own records
 * are theirs alone, which is checked against the record itself, answering 404 for anyone else's. The staff routes
 * name their branch in the path. Operations read, and change nothing. Any route not listed is refused.
 */
@Configuration(proxyBeanMethods = false)
class RouteAccess {

    private static final String STAFF_BOOKING = "/api/branches/{branchId}/bookings/{bookingId}";

    @Bean
    AccessRules bookingServiceRoutes() {
        return routes -> routes
                .requestMatchers(POST, "/api/bookings", "/api/courses", "/api/waitlist").access(anyOf(CUSTOMER, STAFF, ADMIN))
                .requestMatchers(GET, "/api/bookings/{bookingId}", "/api/courses/{courseId}", "/api/waitlist/{waitlistId}",
                        "/api/customers/{customerId}/bookings").access(signedIn())
                .requestMatchers(POST, "/api/bookings/{bookingId}/cancellation", "/api/bookings/{bookingId}/reschedule")
                .access(anyOf(CUSTOMER, ADMIN))
                .requestMatchers(POST, "/api/courses/{courseId}/cancellation", "/api/waitlist/{waitlistId}/acceptance",
                        "/api/waitlist/{waitlistId}/decline").access(anyOf(CUSTOMER, STAFF, ADMIN))
                .requestMatchers(DELETE, "/api/waitlist/{waitlistId}").access(anyOf(CUSTOMER, STAFF, ADMIN))
                .requestMatchers(GET, "/api/me/bookings", "/api/me/export", "/api/me/intake", "/api/me/waitlist", "/api/me/courses").access(anyOf(CUSTOMER))
                .requestMatchers(DELETE, "/api/me").access(anyOf(CUSTOMER))
                .requestMatchers(POST, STAFF_BOOKING + "/cancellation", STAFF_BOOKING + "/reschedule", STAFF_BOOKING + "/no-show",
                        STAFF_BOOKING + "/completion").access(actsAt("branchId"))
                .requestMatchers(GET, "/api/branches/{branchId}/attention").access(readsAt("branchId"));
    }
}
