package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.GenderPreference;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Pressure;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.Race;
import app.sabai.support.testing.SharedInfrastructureInitializer;
import app.sabai.support.testing.TestCallers;
import app.sabai.support.testing.TestIssuer;
import app.sabai.support.testing.Untraced;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.TherapistServiceApplication;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.schedule.adapter.SnapshotLoader;
import app.sabai.therapist.staff.Therapist;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of therapist-service on one store: staff reassignments of the same booking, and new bookings
 * wanting the same therapist, all at once behind a gate. Whatever wins, nobody is double-booked, every
 * request is answered (200 or 409, never 500), and every booking holds exactly what its record says.
 */
class TwoInstancesRaceIT extends ServiceIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext second;

    @Autowired
    SnapshotLoader snapshots;


    @BeforeAll
    static void startASecondInstance() {
        second = new SpringApplicationBuilder(TherapistServiceApplication.class)
                .initializers(new SharedInfrastructureInitializer())
                .properties("server.port=0", "sabai.demo.enabled=false", "spring.kafka.listener.auto-startup=false")
                .run();
    }

    @AfterAll
    static void stopTheSecondInstance() {
        second.close();
    }

    @Test
    void reassignmentsRacingEachOtherAndNewBookingsForTheSameTherapistNeverDoubleBook() throws Exception {
        Branch branch = Fixtures.salon(freshId("race")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).skills(Technique.SWEDISH).build();
        Therapist cara = Fixtures.therapist(freshId("cara"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna, ben, cara), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 5);
        int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
        AssignmentService secondService = second.getBean(AssignmentService.class);

        List<BookingRequested> moved = new ArrayList<>();
        List<BookingRequested> newcomers = new ArrayList<>();
        List<Callable<Object>> racers = new ArrayList<>();
        for (String time : List.of("09:00", "10:15", "11:30", "12:45", "14:00", "15:15")) {
            BookingRequested booking = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, time), 60);
            moved.add(booking);
            String path = "/api/branches/" + branch.id() + "/bookings/" + booking.bookingId() + "/reassignment";
            racers.add(() -> post(port, path, "{\"therapistId\": \"" + ben.id() + "\"}"));
            racers.add(() -> post(secondPort, path, "{\"therapistId\": \"" + cara.id() + "\"}"));
            racers.add(() -> post(secondPort, path, "{}"));
            BookingRequested first = wanting(ben, branch, booking);
            BookingRequested other = wanting(ben, branch, booking);
            newcomers.add(first);
            newcomers.add(other);
            racers.add(() -> deliver(assignmentService, first));
            racers.add(() -> deliver(secondService, other));
        }

        List<Object> answers = Race.atOnce(racers);

        assertThat(answers).filteredOn(Integer.class::isInstance).isNotEmpty()
                .allSatisfy(status -> assertThat((Integer) status).isIn(200, 409));
        assertNoOverlaps(branch, List.of(anna, ben, cara), day);
        for (BookingRequested booking : moved) {
            Document record = assignmentDocument(booking.bookingId());
            assertThat(record.getString("status")).isEqualTo("ASSIGNED");
            assertThat(record.get("move")).isNull();
            assertThat(holdersOf("therapist_days", booking.bookingId()))
                    .containsExactly(record.get("reservation", Document.class).getString("therapistId"));
            assertThat(holdersOf("room_days", booking.bookingId())).hasSize(1);
        }
        for (BookingRequested booking : newcomers) {
            Document record = assignmentDocument(booking.bookingId());
            assertThat(record.getString("status")).isIn("ASSIGNED", "REJECTED");
            assertThat(holdersOf("therapist_days", booking.bookingId())).hasSize(record.getString("status").equals("ASSIGNED") ? 1 : 0);
        }
    }

    /**
     * The second instance follows no events here, so what it holds in memory of a day stays as it first read it: its
     * plan takes a therapist the first instance has booked since, and the guarded write refuses it.
     */
    @Test
    void aPlannerWhoseViewIsStaleCannotTakeATherapistAnotherInstanceBooked() {
        Branch branch = Fixtures.salon(freshId("stale")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 4);
        lookAt(second.getBean(SnapshotLoader.class), branch, anna, day);

        BookingRequested first = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        BookingRequested late = wanting(anna, branch, first);
        second.getBean(AssignmentService.class).handle(late);

        assertThat(assignmentDocument(first.bookingId()).getString("status")).isEqualTo("ASSIGNED");
        assertThat(assignmentDocument(late.bookingId()).getString("status")).isEqualTo("REJECTED");
        assertThat(holdersOf("therapist_days", late.bookingId())).isEmpty();
        assertNoOverlaps(branch, List.of(anna), day);
    }

    /** Two planners, each with its own view of the day, both think the one therapist free: exactly one gets her. */
    @Test
    void twoPlannersWithTheirOwnViewsRaceForOneTherapistAndExactlyOneWins() throws Exception {
        Branch branch = Fixtures.salon(freshId("views")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 4);
        AssignmentService secondService = second.getBean(AssignmentService.class);
        List<BookingRequested> rivals = new ArrayList<>();
        List<Callable<Object>> racers = new ArrayList<>();
        for (String time : List.of("09:00", "10:30", "12:00", "13:30", "15:00")) {
            BookingRequested here = requested(branch, Technique.SWEDISH, at(branch, day, time), 60);
            BookingRequested there = wanting(anna, branch, here);
            rivals.add(here);
            rivals.add(there);
            racers.add(() -> deliver(assignmentService, here));
            racers.add(() -> deliver(secondService, there));
        }
        lookAt(snapshots, branch, anna, day);
        lookAt(second.getBean(SnapshotLoader.class), branch, anna, day);

        Race.atOnce(racers);

        for (int pair = 0; pair < rivals.size(); pair += 2) {
            assertThat(List.of(assignmentDocument(rivals.get(pair).bookingId()).getString("status"),
                    assignmentDocument(rivals.get(pair + 1).bookingId()).getString("status")))
                    .as("the two bookings at " + rivals.get(pair).start()).containsExactlyInAnyOrder("ASSIGNED", "REJECTED");
        }
        for (BookingRequested booking : rivals) {
            boolean assigned = assignmentDocument(booking.bookingId()).getString("status").equals("ASSIGNED");
            assertThat(holdersOf("therapist_days", booking.bookingId())).hasSize(assigned ? 1 : 0);
        }
        assertNoOverlaps(branch, List.of(anna), day);
    }

    /**
     * Each instance decides a row of requests for the same times, planned on its own view of the day with what its row
     * holds added, and filed together: where both rows planned the same therapist or room, one filing lands and the other
     * booking is placed again alone. Nobody is double-booked, and every booking holds exactly what its record says.
     */
    @Test
    void rowsOfTwoInstancesWantingTheSameTherapistsAndRoomsNeverDoubleBook() throws Exception {
        Branch branch = Fixtures.salon(freshId("rows")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).skills(Technique.SWEDISH).build();
        List<Therapist> team = List.of(anna, ben);
        seed(branch, team, "09:00", "17:00");
        LocalDate day = daysAhead(branch, 6);
        AssignmentService secondService = second.getBean(AssignmentService.class);
        List<BookingRequested> here = new ArrayList<>();
        List<BookingRequested> there = new ArrayList<>();
        for (String time : List.of("09:00", "09:00", "10:30", "12:00", "12:00", "13:30", "15:00", "15:30")) {
            here.add(requested(branch, Technique.SWEDISH, at(branch, day, time), 60));
            there.add(requested(branch, Technique.SWEDISH, at(branch, day, time), 60));
        }
        lookAt(snapshots, branch, anna, day);
        lookAt(second.getBean(SnapshotLoader.class), branch, anna, day);

        Race.atOnce(List.<Callable<Object>>of(() -> deliverRow(assignmentService, here), () -> deliverRow(secondService, there)));

        assertNoOverlaps(branch, team, day);
        List<BookingRequested> all = new ArrayList<>(here);
        all.addAll(there);
        for (BookingRequested booking : all) {
            Document record = assignmentDocument(booking.bookingId());
            assertThat(record.getString("status")).as(booking.bookingId()).isIn("ASSIGNED", "REJECTED");
            boolean assigned = record.getString("status").equals("ASSIGNED");
            assertThat(holdersOf("therapist_days", booking.bookingId())).as(booking.bookingId())
                    .isEqualTo(assigned ? List.of(record.get("reservation", Document.class).getString("therapistId")) : List.of());
            assertThat(holdersOf("room_days", booking.bookingId())).as(booking.bookingId()).hasSize(assigned ? 1 : 0);
        }
        assertThat(all).as("each therapist given at 09:00, 10:30, 12:00, 13:30 and 15:00 or 15:30, whoever asked first")
                .filteredOn(booking -> assignmentDocument(booking.bookingId()).getString("status").equals("ASSIGNED"))
                .hasSize(team.size() * 5);
    }

    /** As availability does: the day read, and held in memory by that instance. */
    private static void lookAt(SnapshotLoader instance, Branch branch, Therapist therapist, LocalDate day) {
        assertThat(instance.fromView(branch, List.of(therapist), List.of(day)).occupancy().sessions(Resource.therapist(therapist.id()))).isEmpty();
    }

    private static BookingRequested wanting(Therapist therapist, Branch branch, BookingRequested sameTime) {
        return requested(branch, Technique.SWEDISH, sameTime.start(), 60, new Preferences(therapist.id(), GenderPreference.ANY, Pressure.MEDIUM),
                CareRequirements.none());
    }

    private static Object deliver(AssignmentService service, BookingRequested request) {
        return retried(() -> service.handle(request));
    }

    private static Object deliverRow(AssignmentService service, List<BookingRequested> requests) {
        return retried(() -> service.handleTogether(Untraced.each(requests)));
    }

    /**
     * As the listener's error handler would: a delivery (a request, or a poll's row as a whole) that lost every option or
     * found its blockers still deciding is retried.
     */
    private static Object retried(Runnable delivery) {
        for (int attempt = 1; ; attempt++) {
            try {
                delivery.run();
                return "decided";
            } catch (IllegalStateException lost) {
                if (attempt == 10) {
                    throw lost;
                }
            }
        }
    }

    private static Integer post(int port, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                .header("Authorization", TestIssuer.get().bearer(TestCallers.admin()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
