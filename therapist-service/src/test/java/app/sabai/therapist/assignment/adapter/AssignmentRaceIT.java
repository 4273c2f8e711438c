package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.Topic;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.Race;
import app.sabai.support.testing.TestRecords;
import app.sabai.support.testing.Untraced;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.TechniqueNeeds;
import app.sabai.therapist.staff.Therapist;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many requests for one branch and overlapping times, processed at once by many threads as several
 * service instances would, with some requests delivered twice: afterwards no therapist, room or
 * equipment unit holds two overlapping sessions and every booking has exactly one decision.
 */
class AssignmentRaceIT extends ServiceIntegrationTest {

    private static final List<Technique> TECHNIQUES = List.of(Technique.SWEDISH, Technique.HOT_STONE, Technique.THAI);

    @Autowired
    AssignmentService service;

    @Test
    void overlappingRequestsRacingEachOtherNeverDoubleBookAndEachGetsOneDecision() throws Exception {
        Contest contest = contest("race");
        List<BookingRequested> deliveries = new ArrayList<>(contest.requests());
        deliveries.addAll(contest.requests().subList(0, 12));
        Collections.shuffle(deliveries, new Random(42));

        race(deliveries, 12, this::deliverLikeTheListener);

        assertEachDecidedOnceWithoutOverlaps(contest);
    }

    @Test
    void rowsOfRequestsDecidedTogetherRacingEachOtherAndSingleDeliveriesNeverDoubleBookAndEachGetsOneDecision() throws Exception {
        Contest contest = contest("rows");
        List<BookingRequested> shuffled = new ArrayList<>(contest.requests());
        Collections.shuffle(shuffled, new Random(7));
        // Rows of five as polls would bring them, and a dozen of the requests delivered again alone, as another instance would.
        List<List<BookingRequested>> deliveries = new ArrayList<>();
        for (int from = 0; from < shuffled.size(); from += 5) {
            deliveries.add(shuffled.subList(from, from + 5));
        }
        contest.requests().subList(0, 12).forEach(request -> deliveries.add(List.of(request)));
        Collections.shuffle(deliveries, new Random(42));

        race(deliveries, 12, this::deliverLikeTheListener);

        assertEachDecidedOnceWithoutOverlaps(contest);
    }

    /** Four therapists who give every technique, and forty requests for hour-long sessions between 10:00 and 11:45. */
    private record Contest(Branch branch, List<Therapist> team, LocalDate day, List<BookingRequested> requests) {
    }

    private Contest contest(String prefix) {
        Branch branch = Fixtures.salon(freshId(prefix)).build();
        List<Therapist> team = IntStream.range(0, 4)
                .mapToObj(i -> Fixtures.therapist(freshId("t" + i), branch.id()).skills(Technique.SWEDISH, Technique.HOT_STONE, Technique.THAI).build())
                .toList();
        seed(branch, team, "09:00", "17:00");
        LocalDate day = daysAhead(branch, 5);
        List<BookingRequested> requests = IntStream.range(0, 40)
                .mapToObj(i -> requested(branch, TECHNIQUES.get(i % 3), at(branch, day, "10:00").plus(Duration.ofMinutes(15L * (i % 4))), 60))
                .toList();
        return new Contest(branch, team, day, requests);
    }

    /**
     * Some assigned, some rejected, no overlaps; an assigned booking holds one therapist, one room and the equipment its
     * technique needs, under the attempt that decided it, and a rejected one holds nothing; one decision event each.
     */
    private void assertEachDecidedOnceWithoutOverlaps(Contest contest) {
        Map<String, Document> decisions = contest.requests().stream()
                .collect(Collectors.toMap(BookingRequested::bookingId, request -> assignmentDocument(request.bookingId())));
        assertThat(decisions.values()).extracting(document -> document.getString("status")).containsOnly("ASSIGNED", "REJECTED")
                .contains("ASSIGNED", "REJECTED");

        assertNoOverlaps(contest.branch(), contest.team(), contest.day());

        for (BookingRequested request : contest.requests()) {
            Document decision = decisions.get(request.bookingId());
            boolean assigned = decision.getString("status").equals("ASSIGNED");
            int needsEquipment = TechniqueNeeds.equipment(request.technique()).isPresent() ? 1 : 0;
            assertThat(decision.getInteger("decidedAttempt")).as(request.bookingId()).isEqualTo(decision.getInteger("attempt"));
            assertThat(sessionsOf("therapist_days", request.bookingId())).as(request.bookingId()).hasSize(assigned ? 1 : 0)
                    .allSatisfy(session -> assertThat(session.getInteger("attempt")).isEqualTo(decision.getInteger("attempt")));
            assertThat(sessionsOf("room_days", request.bookingId())).as(request.bookingId()).hasSize(assigned ? 1 : 0);
            assertThat(sessionsOf("equipment_days", request.bookingId())).as(request.bookingId()).hasSize(assigned ? needsEquipment : 0);
        }
        assertExactlyOneDecisionEventEach(contest.requests());
    }

    @Test
    void theSameRequestArrivingAtManyInstancesAtOnceIsDecidedOnce() throws Exception {
        Branch branch = Fixtures.salon(freshId("race")).build();
        seed(branch, List.of(Fixtures.therapist(freshId("anna"), branch.id()).build(),
                Fixtures.therapist(freshId("ben"), branch.id()).build()), "09:00", "17:00");
        BookingRequested request = requested(branch, Technique.HOT_STONE, at(branch, daysAhead(branch, 6), "11:00"), 90);

        race(Collections.nCopies(8, request), 8, this::deliverLikeTheListener);

        Document decision = assignmentDocument(request.bookingId());
        assertThat(decision.getString("status")).isEqualTo("ASSIGNED");
        assertThat(sessionsOf("therapist_days", request.bookingId())).singleElement()
                .satisfies(session -> assertThat(session.getInteger("attempt")).isEqualTo(decision.getInteger("attempt")));
        assertThat(sessionsOf("room_days", request.bookingId())).hasSize(1);
        assertThat(sessionsOf("equipment_days", request.bookingId())).hasSize(1);
        assertExactlyOneDecisionEventEach(List.of(request));
    }

    /** Every delivery waits at one gate, on as many threads as asked. */
    private static <D> void race(List<D> deliveries, int threads, Consumer<D> deliver) throws Exception {
        Race.atOnce(deliveries.stream().<Callable<Object>>map(delivery -> () -> {
            deliver.accept(delivery);
            return null;
        }).toList(), threads);
    }

    /** A row as the listener hands it over; when the row fails, its requests one at a time, as the error handler retries. */
    private void deliverLikeTheListener(List<BookingRequested> row) {
        if (row.size() > 1) {
            try {
                service.handleTogether(Untraced.each(row));
                return;
            } catch (IllegalStateException lostARace) {
                // the row's decisions planned before the failure are written; the rest go one at a time
            }
        }
        row.forEach(this::deliverLikeTheListener);
    }

    /** The listener's error handler retries a request whose planning kept losing races. */
    private void deliverLikeTheListener(BookingRequested request) {
        for (int delivery = 1; ; delivery++) {
            try {
                service.handle(request);
                return;
            } catch (IllegalStateException lostEveryRace) {
                if (delivery == 5) {
                    throw lostEveryRace;
                }
            }
        }
    }

    private void assertExactlyOneDecisionEventEach(List<BookingRequested> requests) {
        Set<String> bookingIds = requests.stream().map(BookingRequested::bookingId).collect(Collectors.toSet());
        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> assertThat(bookingIds)
                .allSatisfy(id -> assertThat(assignmentDocument(id).getList("outbox", Document.class, List.of())).isEmpty()));
        List<ConsumerRecord<String, byte[]>> events = TestRecords.all(Topic.ASSIGNMENTS.topicName(),
                record -> bookingIds.contains(TestRecords.header(record, CloudEventHeaders.SUBJECT)), Duration.ofSeconds(3));
        Map<String, Long> perBooking = events.stream()
                .collect(Collectors.groupingBy(record -> TestRecords.header(record, CloudEventHeaders.SUBJECT), Collectors.counting()));
        assertThat(perBooking).hasSize(bookingIds.size());
        assertThat(perBooking.values()).containsOnly(1L);
    }
}
