package app.sabai.therapist;

import app.sabai.contracts.Topic;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.json.SabaiJson;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.GenderPreference;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Pressure;
import app.sabai.contracts.values.Technique;
import app.sabai.support.security.Caller;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestCallers;
import app.sabai.support.testing.TestIssuer;
import app.sabai.support.testing.TestRecords;
import app.sabai.therapist.assignment.adapter.AssignmentService;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Occupancy;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.roster.WeeklyShift;
import app.sabai.therapist.roster.adapter.Rosters;
import app.sabai.therapist.schedule.adapter.Reservations;
import app.sabai.therapist.schedule.adapter.SnapshotLoader;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on a random port against the broker and store shared by the test JVM, with the
 * demo chain loaded. Tests seed their own branches under fresh ids instead of cleaning the database.
 */
@SabaiServiceTest
public abstract class ServiceIntegrationTest {

    protected static final Duration DECISION_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected BranchCatalogue catalogue;
    @Autowired
    protected TherapistDirectory directory;
    @Autowired
    protected Rosters roster;
    @Autowired
    protected Clock clock;
    @LocalServerPort
    protected int port;
    @Autowired
    protected AssignmentService assignmentService;
    @Autowired
    protected Reservations reservations;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    /**
     * The instance is ready once its listeners follow their topics: the caches forget what they hold when their
     * listener's partitions are assigned, which must not happen in the middle of a test.
     */
    @BeforeEach
    void listenersFollowTheirTopics() {
        await().atMost(DECISION_TIMEOUT).until(() -> listeners.getListenerContainers().stream()
                .filter(MessageListenerContainer::isRunning).noneMatch(container -> container.getAssignedPartitions().isEmpty()));
    }

    protected static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Stores the branch and its therapists, each on shift {@code from}–{@code to} there every day of the week. */
    protected Branch seed(Branch branch, List<Therapist> therapists, String from, String to) {
        catalogue.save(branch);
        therapists.forEach(directory::save);
        List<WeeklyShift> everyDay = Arrays.stream(DayOfWeek.values())
                .map(day -> new WeeklyShift(day, branch.id(), LocalTime.parse(from), LocalTime.parse(to))).toList();
        therapists.forEach(therapist -> roster.change(therapist.id(), current -> current.withWeekly(everyDay)));
        return branch;
    }

    /** A salon named after {@code name}, with Anna and Ben on shift 09:00–17:00 every day: where most tests start. */
    protected AnnaAndBen annaAndBen(String name) {
        Branch branch = Fixtures.salon(freshId(name)).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).build();
        seed(branch, List.of(anna, ben), "09:00", "17:00");
        return new AnnaAndBen(branch, anna, ben);
    }

    protected record AnnaAndBen(Branch branch, Therapist anna, Therapist ben) {

        public List<Therapist> team() {
            return List.of(anna, ben);
        }
    }

    protected LocalDate daysAhead(Branch branch, int days) {
        return LocalDate.now(clock.withZone(branch.zone())).plusDays(days);
    }

    protected static Instant at(Branch branch, LocalDate date, String time) {
        return date.atTime(LocalTime.parse(time)).atZone(branch.zone()).toInstant();
    }

    protected static BookingRequested requested(Branch branch, Technique technique, Instant start, int minutes) {
        return requested(branch, technique, start, minutes, Preferences.none(), CareRequirements.none());
    }

    protected static BookingRequested requested(Branch branch, Technique technique, Instant start, int minutes,
                                                Preferences preferences, CareRequirements requirements) {
        String bookingId = freshId("booking");
        return new BookingRequested(UUID.randomUUID(), Instant.now(), bookingId, branch.id(), technique, minutes, start,
                start.plus(Duration.ofMinutes(minutes)), branch.zone(),
                new Customer("Guest " + bookingId, bookingId + "@example.com", "+441515550100", "en"),
                preferences, List.of(), requirements, null, null);
    }

    /** A booking decided at once, given to the therapist when they are free (preferred therapists rank first). */
    protected BookingRequested bookWith(Therapist therapist, Branch branch, Technique technique, Instant start, int minutes,
                                        CareRequirements requirements) {
        BookingRequested request = requested(branch, technique, start, minutes,
                new Preferences(therapist.id(), GenderPreference.ANY, Pressure.MEDIUM), requirements);
        assignmentService.handle(request);
        return request;
    }

    protected BookingRequested bookWith(Therapist therapist, Branch branch, Technique technique, Instant start, int minutes) {
        return bookWith(therapist, branch, technique, start, minutes, CareRequirements.none());
    }

    /** The events of that logical type (e.g. {@code TherapistReassigned}) published about a subject. */
    protected static <T> List<T> eventsAbout(String subject, Class<T> type, Duration wait) {
        return eventsAbout(Set.of(subject), type, wait);
    }

    /** Reads the topic for {@code wait} (the events may still be on their way), keeping those about the subjects. */
    protected static <T> List<T> eventsAbout(Set<String> subjects, Class<T> type, Duration wait) {
        return eventsOn(Topic.ASSIGNMENTS, subjects, type, wait);
    }

    protected static <T> List<T> eventsOn(Topic topic, Set<String> subjects, Class<T> type, Duration wait) {
        String ceType = topic.topicName() + "." + type.getSimpleName() + ".v1";
        return TestRecords.all(topic.topicName(), record -> subjects.contains(TestRecords.header(record, CloudEventHeaders.SUBJECT))
                        && ceType.equals(TestRecords.header(record, CloudEventHeaders.TYPE)), wait).stream()
                .map(record -> valueOf(record, type)).toList();
    }

    /** The therapists, rooms or units (as {@code <id>}) holding a session of the booking. */
    protected List<String> holdersOf(String collection, String bookingId) {
        return mongo.find(new Query(Criteria.where("sessions.bookingId").is(bookingId)), Document.class, collection).stream()
                .map(day -> day.getString("_id").substring(0, day.getString("_id").lastIndexOf('@')))
                .distinct().toList();
    }

    protected static void publish(BookingRequested request) {
        TestRecords.publish(Topic.BOOKINGS.topicName(), request);
    }

    /** The decision event on {@code sabai.assignments} for a booking. */
    protected static ConsumerRecord<String, byte[]> decisionOn(String bookingId) {
        return TestRecords.find(Topic.ASSIGNMENTS.topicName(), record -> bookingId.equals(TestRecords.header(record, CloudEventHeaders.SUBJECT)),
                DECISION_TIMEOUT).orElseThrow(() -> new AssertionError("No decision published for " + bookingId));
    }

    protected static <T> T valueOf(ConsumerRecord<String, byte[]> record, Class<T> type) {
        return SabaiJson.mapper().readValue(record.value(), type);
    }

    protected Document assignmentDocument(String bookingId) {
        return mongo.findById(bookingId, Document.class, "assignments");
    }

    /**
     * Every session of the booking held in the given day collection, once each (a session that crosses
     * midnight UTC is filed in two day documents), per resource it holds.
     */
    protected List<Document> sessionsOf(String collection, String bookingId) {
        Map<String, Document> distinct = new LinkedHashMap<>();
        mongo.find(new Query(Criteria.where("sessions.bookingId").is(bookingId)), Document.class, collection).forEach(day -> {
            String resource = day.getString("_id").substring(0, day.getString("_id").lastIndexOf('@'));
            day.getList("sessions", Document.class).stream()
                    .filter(session -> bookingId.equals(session.getString("bookingId")))
                    .forEach(session -> distinct.putIfAbsent(resource + "#" + session.getInteger("attempt"), session));
        });
        return List.copyOf(distinct.values());
    }

    /** No therapist, room or equipment unit of the branch holds two overlapping blocked intervals that day, as stored. */
    protected void assertNoOverlaps(Branch branch, List<Therapist> team, LocalDate day) {
        List<Resource> resources = SnapshotLoader.resources(branch, team);
        Occupancy stored = reservations.occupancy(resources, SnapshotLoader.window(branch, List.of(day)));
        for (Resource resource : resources) {
            List<BookedSession> sessions = stored.sessions(resource);
            for (int i = 0; i < sessions.size(); i++) {
                for (int j = i + 1; j < sessions.size(); j++) {
                    assertThat(sessions.get(i).blocked().overlaps(sessions.get(j).blocked()))
                            .as(resource + ": " + sessions.get(i) + " and " + sessions.get(j)).isFalse();
                }
            }
        }
    }

    /** Who the HTTP calls of a test act as: an administrator unless the test says otherwise ({@link #actingAs}). */
    private Caller caller = TestCallers.admin();

    /** The HTTP calls that follow act as {@code who}; {@code null} sends no token. */
    protected void actingAs(Caller who) {
        this.caller = who;
    }

    protected HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    protected HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
        return caller == null ? request : request.header("Authorization", TestIssuer.get().bearer(caller));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }

    /** A 4xx {@code application/problem+json} naming {@code field} (when given), in the API's words only. */
    protected static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        if (field != null) {
            List<String> fields = new ArrayList<>();
            json(response).get("errors").forEach(error -> fields.add(error.get("field").asString()));
            assertThat(fields).as(response.body()).contains(field);
        }
        assertThat(response.body()).doesNotContain("Exception", "java.", "tools.jackson");
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return SabaiJson.mapper().readTree(response.body());
    }
}
