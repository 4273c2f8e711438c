package app.sabai.booking.lifecycle;

import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.contracts.values.RejectionReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static app.sabai.booking.testing.AssignmentEvents.publish;
import static app.sabai.booking.testing.RequestBodies.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command a booking's status does not allow, on the customer's path and on staff's: 409 problem details
 * naming the status and what the caller may ask for instead, and nothing changes. What each may ask for is written
 * out here, from the state machine's table. A waitlist offer takes none of them: only its customer's answer on the entry.
 */
class IllegalTransitionsIT extends ServiceIntegrationTest {

    /** What the customer may ask for, by status. */
    static final Map<BookingStatus, List<String>> CUSTOMER = Map.of(
            BookingStatus.REQUESTED, List.of("cancellation"),
            BookingStatus.CONFIRMED, List.of("cancellation", "reschedule"),
            BookingStatus.RESCHEDULE_REQUESTED, List.of("cancellation"),
            BookingStatus.NEEDS_ATTENTION, List.of(),
            BookingStatus.REJECTED, List.of(),
            BookingStatus.CANCELLED, List.of(),
            BookingStatus.COMPLETED, List.of(),
            BookingStatus.NO_SHOW, List.of(),
            BookingStatus.OFFER_REQUESTED, List.of(),
            BookingStatus.OFFERED, List.of("acceptance", "decline"));

    /** What staff may ask for, by status. */
    static final Map<BookingStatus, List<String>> STAFF = Map.of(
            BookingStatus.REQUESTED, List.of("cancellation"),
            BookingStatus.CONFIRMED, List.of("cancellation", "reschedule", "completion", "no-show"),
            BookingStatus.RESCHEDULE_REQUESTED, List.of("cancellation"),
            BookingStatus.NEEDS_ATTENTION, List.of("cancellation", "reschedule"),
            BookingStatus.REJECTED, List.of(),
            BookingStatus.CANCELLED, List.of(),
            BookingStatus.COMPLETED, List.of(),
            BookingStatus.NO_SHOW, List.of(),
            BookingStatus.OFFER_REQUESTED, List.of(),
            BookingStatus.OFFERED, List.of());

    static final List<String> CUSTOMER_ACTIONS = List.of("cancellation", "reschedule");
    static final List<String> STAFF_ACTIONS = List.of("cancellation", "reschedule", "completion", "no-show");

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = BookingStatus.class, names = "CONFIRMED", mode = EnumSource.Mode.EXCLUDE)
    void everyCommandTheStatusDoesNotAllowIsRefusedNamingItAndChangesNothing(BookingStatus status) {
        String id = bookingIn(status);
        JsonNode before = api.booking(id);
        Object revision = stored(id).get("revision");
        assertThat(before.get("status").asString()).isEqualTo(status.name());
        int refused = 0;

        for (String action : CUSTOMER_ACTIONS) {
            if (!CUSTOMER.get(status).contains(action)) {
                assertRefusedInStatus(send("/api/bookings/" + id + "/" + action, action), status.name(),
                        CUSTOMER.get(status).toArray(String[]::new));
                refused++;
            }
        }
        for (String action : STAFF_ACTIONS) {
            if (!STAFF.get(status).contains(action)) {
                assertRefusedInStatus(send("/api/branches/" + branchId + "/bookings/" + id + "/" + action, action), status.name(),
                        STAFF.get(status).toArray(String[]::new));
                refused++;
            }
        }

        assertThat(refused).isPositive();
        assertThat(api.booking(id)).isEqualTo(before);
        assertThat(stored(id).get("revision")).as("nothing was written").isEqualTo(revision);
    }

    private HttpResponse<String> send(String path, String action) {
        Object body = action.equals("reschedule")
                ? map("start", Instant.now().plus(Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString())
                : action.equals("cancellation") ? map("reason", "trying") : null;
        return api.postTo(path, body);
    }

    private String bookingIn(BookingStatus status) {
        return switch (status) {
            case REQUESTED -> api.requestABooking(branchId);
            case CONFIRMED -> confirmed();
            case REJECTED -> {
                String id = api.requestABooking(branchId);
                publish(AssignmentEvents.rejected(id, branchId, RejectionReason.NO_ROOM_AVAILABLE, "All rooms taken", List.of()));
                api.awaitStatus(id, "REJECTED");
                yield id;
            }
            case NEEDS_ATTENTION -> {
                String id = confirmed();
                publish(AssignmentEvents.reassignmentFailed(id, branchId, "t-nok", "Nok is off sick", List.of(), "absence-3"));
                api.awaitStatus(id, "NEEDS_ATTENTION");
                yield id;
            }
            case RESCHEDULE_REQUESTED -> {
                String id = confirmed();
                assertThat(api.reschedule(id, map("start", startOf(id).plus(Duration.ofDays(1)).toString())).statusCode()).isEqualTo(202);
                yield id;
            }
            case CANCELLED -> {
                String id = confirmed();
                assertThat(api.cancel(id, null).statusCode()).isEqualTo(200);
                yield id;
            }
            case COMPLETED, NO_SHOW -> {
                String id = confirmed();
                clock.standAt(startOf(id).plus(Duration.ofMinutes(5)));
                HttpResponse<String> ended = status == BookingStatus.COMPLETED ? api.complete(branchId, id) : api.noShow(branchId, id);
                assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
                clock.reset();
                yield id;
            }
            case OFFER_REQUESTED -> {
                String waitlistId = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId));
                releaseSlot(aWeekAheadAt(LocalTime.of(10, 0)));
                String id = awaitHoldRequested(waitlistId).bookingId();
                api.awaitStatus(id, "OFFER_REQUESTED");
                yield id;
            }
            case OFFERED -> offered(RequestBodies.aWaitlistEntry(branchId), aWeekAheadAt(LocalTime.of(10, 0))).bookingId();
        };
    }

}
