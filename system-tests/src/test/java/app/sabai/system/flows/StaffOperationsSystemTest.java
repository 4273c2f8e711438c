package app.sabai.system.flows;

import app.sabai.system.harness.BookingRequests;
import app.sabai.system.harness.Gateway;
import app.sabai.system.harness.Mailbox;
import app.sabai.system.harness.Platform;
import app.sabai.system.harness.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static app.sabai.system.harness.BookingRequests.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

/**
 * Staff at work on the whole platform, through the gateway as their screens would be: moving a booking to
 * another therapist, a move refused by the rule it breaks, and a therapist's absence that re-plans their
 * day at once. Each scenario reads the branch's day board to see who works when, and keeps to a day of its
 * own, so none depends on what another did.
 */
class StaffOperationsSystemTest {

    static final String BRANCH = "liverpool";
    static final ZoneId ZONE = ZoneId.of("Europe/London");
    static final Duration DECISION = Duration.ofSeconds(60);
    /** How long to keep watching a topic for a record that must not come. */
    static final Duration QUIET = Duration.ofSeconds(3);
    static final Duration SESSION = Duration.ofMinutes(60);
    /** Liverpool's changeover after every session: a therapist's next session starts no earlier. */
    static final Duration CHANGEOVER = Duration.ofMinutes(15);
    static final Duration GRID = Duration.ofMinutes(15);

    static final Predicate<Mailbox.Mail> THERAPIST_CHANGED = mail -> mail.subject().startsWith("New therapist for your ");
    static final Predicate<Mailbox.Mail> NEEDS_ATTENTION = mail -> mail.subject().endsWith(" needs a new time or therapist");
    static final String BOOKING_THERAPIST_CHANGED = "sabai.bookings.BookingTherapistChanged.v1";
    static final String BOOKING_NEEDS_ATTENTION = "sabai.bookings.BookingNeedsAttention.v1";
    static final String THERAPIST_REASSIGNED = "sabai.assignments.TherapistReassigned.v1";
    static final String REASSIGNMENT_FAILED = "sabai.assignments.ReassignmentFailed.v1";
    static final String ABSENCE_RECORDED = "sabai.assignments.TherapistAbsenceRecorded.v1";

    static Gateway gateway;
    static Topics topics;
    static Mailbox mailbox;

    @BeforeAll
    static void startPlatform() {
        Platform platform = Platform.shared();
        gateway = new Gateway(platform.gatewayUrl());
        topics = new Topics(platform.bootstrapServers());
        mailbox = new Mailbox(platform.dataDirectory());
    }

    @Test
    void staffMoveABookingToAnotherTherapistOnShiftAndTheCustomerIsToldOnce() {
        LocalDate day = today().plusDays(7);
        List<Row> onShift = qualifiedOnShift(gateway.board(BRANCH, day), "SWEDISH");
        Together together = firstPairFree(onShift).orElseThrow(() -> new AssertionError(
                "No two therapists free together on " + day + " at " + BRANCH + ": " + onShift));
        Row asked = together.rows().get(0);
        Row instead = together.rows().get(1);

        BookingRequests request = booking().branch(BRANCH).technique("SWEDISH", 60).at(day, local(together.start()).toLocalTime())
                .preferring(asked.id());
        String id = book(request);
        JsonNode confirmed = awaitStatus(id, "CONFIRMED");
        assertThat(confirmed.get("therapist").get("id").asString()).as("the preferred therapist, free and qualified").isEqualTo(asked.id());

        Gateway.Response moved = gateway.post(reassignment(id), """
                {"therapistId": "%s", "reason": "Customer asked for a change"}""".formatted(instead.id()));

        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.body().get("changed").asBoolean()).isTrue();
        JsonNode assignment = moved.body().get("assignment");
        assertThat(assignment.get("therapist").get("id").asString()).isEqualTo(instead.id());
        assertThat(assignment.get("therapist").get("name").asString()).isEqualTo(instead.name());
        assertThat(assignment.get("explanation").get("summary").asString()).contains(instead.name());

        JsonNode after = await().atMost(DECISION).pollInterval(Duration.ofMillis(300))
                .until(() -> gateway.booking(id), booking -> instead.id().equals(therapistOf(booking)));
        assertThat(after.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(after.get("therapist").get("name").asString()).isEqualTo(instead.name());
        assertThat(after.get("start").asString()).isEqualTo(confirmed.get("start").asString());

        awaitMail(request.email(), THERAPIST_CHANGED, instead.name() + " will now give your session", "instead of " + asked.name());

        List<ConsumerRecord<String, byte[]>> changes = topics.read("sabai.bookings",
                r -> id.equals(Topics.header(r, "ce_subject")) && BOOKING_THERAPIST_CHANGED.equals(Topics.header(r, "ce_type")), 2, QUIET);
        assertThat(changes).hasSize(1);
        JsonNode change = Topics.json(changes.getFirst());
        assertThat(change.get("previousTherapistId").asString()).isEqualTo(asked.id());
        assertThat(change.get("therapistId").asString()).isEqualTo(instead.id());
        assertThat(change.get("reason").asString()).isEqualTo("Customer asked for a change");

        List<ConsumerRecord<String, byte[]>> reassigned = topics.read("sabai.assignments",
                r -> id.equals(Topics.header(r, "ce_subject")) && THERAPIST_REASSIGNED.equals(Topics.header(r, "ce_type")), 2, QUIET);
        assertThat(reassigned).hasSize(1);
        assertThat(Topics.json(reassigned.getFirst()).get("absenceId").isNull()).as("a staff move, not an absence").isTrue();

        assertThat(mailbox.to(request.email(), THERAPIST_CHANGED)).as("therapist-changed emails").hasSize(1);
        assertThat(holdersOf(gateway.board(BRANCH, day), id)).containsExactly(instead.id());
    }

    @Test
    void aMoveToATherapistWithoutTheSkillIsRefusedNamingTheRuleAndChangesNothing() {
        // Every Liverpool therapist gives Swedish massage, so the refused move is of a treatment only some give.
        LocalDate day = today().plusDays(8);
        JsonNode board = gateway.board(BRANCH, day);
        Map<String, JsonNode> staff = staff();
        Refusal setUp = null;
        for (String technique : List.of("DEEP_TISSUE", "ACUPRESSURE", "SPORTS", "AYURVEDIC", "MYOFASCIAL_RELEASE", "TRIGGER_POINT")) {
            Optional<JsonNode> unskilled = staff.values().stream()
                    .filter(therapist -> BRANCH.equals(therapist.get("homeBranchId").asString()) && !skills(therapist).contains(technique))
                    .findFirst();
            Optional<Together> together = firstPairFree(qualifiedOnShift(board, technique));
            if (unskilled.isPresent() && together.isPresent()) {
                setUp = new Refusal(technique, together.get(), unskilled.get().get("id").asString(), unskilled.get().get("name").asString());
                break;
            }
        }
        assertThat(setUp).as("a treatment two therapists on shift on " + day + " give and another does not").isNotNull();
        Row gives = setUp.together().rows().get(0);
        Row couldInstead = setUp.together().rows().get(1);

        BookingRequests request = booking().branch(BRANCH).technique(setUp.technique(), 60)
                .at(day, local(setUp.together().start()).toLocalTime()).preferring(gives.id());
        String id = book(request);
        assertThat(therapistOf(awaitStatus(id, "CONFIRMED"))).isEqualTo(gives.id());

        Gateway.Response refused = gateway.post(reassignment(id), """
                {"therapistId": "%s", "reason": "Staff try the wrong colleague"}""".formatted(setUp.unskilledId()));

        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode problem = refused.body();
        assertThat(problem.get("rule").asString()).isEqualTo("HAS_SKILL");
        assertThat(problem.get("detail").asString()).contains(setUp.unskilledName()).contains(setUp.technique());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("therapistId");
        assertThat(problem.get("errors").get(0).get("message").asString()).startsWith("HAS_SKILL");
        assertThat(problem.get("alternatives").isArray()).isTrue();
        List<String> others = new ArrayList<>();
        problem.get("otherTherapists").forEach(other -> others.add(other.get("therapistId").asString()));
        assertThat(others).as("who could take it instead").contains(couldInstead.id()).doesNotContain(setUp.unskilledId(), gives.id());

        JsonNode after = gateway.booking(id);
        assertThat(after.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(therapistOf(after)).isEqualTo(gives.id());
        assertThat(holdersOf(gateway.board(BRANCH, day), id)).containsExactly(gives.id());
        assertThat(topics.read("sabai.bookings",
                r -> id.equals(Topics.header(r, "ce_subject")) && BOOKING_THERAPIST_CHANGED.equals(Topics.header(r, "ce_type")), 1, QUIET))
                .isEmpty();
        assertThat(mailbox.to(request.email(), THERAPIST_CHANGED)).isEmpty();
    }

    @Test
    void anAbsenceMovesTheTherapistsBookingsOrFlagsThemForStaffOnceAndCanBeWithdrawn() {
        AbsencePlan plan = absencePlan();
        LocalDate day = plan.day();
        Row absent = plan.absent();

        // Everyone else who could give a session at the stuck time is booked then: nobody can take it over.
        Map<String, String> blocking = new HashMap<>();
        for (Row blocker : plan.blockers()) {
            String id = book(booking().branch(BRANCH).technique("SWEDISH", 60).at(day, local(plan.stuckStart()).toLocalTime())
                    .preferring(blocker.id()));
            assertThat(therapistOf(awaitStatus(id, "CONFIRMED"))).as("blocker booking").isEqualTo(blocker.id());
            blocking.put(id, blocker.id());
        }
        Map<String, BookingRequests> requests = new HashMap<>();
        List<Instant> starts = new ArrayList<>(plan.movableStarts());
        starts.add(plan.stuckStart());
        String stuck = null;
        for (Instant start : starts) {
            BookingRequests request = booking().branch(BRANCH).technique("SWEDISH", 60).at(day, local(start).toLocalTime())
                    .preferring(absent.id());
            String id = book(request);
            requests.put(id, request);
            assertThat(therapistOf(awaitStatus(id, "CONFIRMED"))).isEqualTo(absent.id());
            if (start.equals(plan.stuckStart())) {
                stuck = id;
            }
        }
        String stuckId = stuck;
        String absence = """
                {"from": "%s", "to": "%s", "reason": "SICK", "note": "Flu, off for the day"}""".formatted(day, day);
        String absences = "/api/branches/" + BRANCH + "/therapists/" + absent.id() + "/absences";

        Gateway.Response recorded = gateway.post(absences, absence);

        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(201);
        JsonNode view = recorded.body();
        String absenceId = view.get("absenceId").asString();
        assertThat(absenceId).isNotBlank();
        assertThat(view.get("status").asString()).isEqualTo("RECORDED");
        assertThat(view.get("therapistId").asString()).isEqualTo(absent.id());
        Map<String, JsonNode> outcomes = new HashMap<>();
        view.get("bookings").forEach(outcome -> outcomes.put(outcome.get("bookingId").asString(), outcome));
        assertThat(outcomes.keySet()).containsExactlyInAnyOrderElementsOf(requests.keySet());
        Set<String> moved = outcomes.keySet().stream().filter(id -> "MOVED".equals(outcomes.get(id).get("result").asString()))
                .collect(Collectors.toSet());
        Set<String> needingAttention = outcomes.keySet().stream()
                .filter(id -> "NEEDS_ATTENTION".equals(outcomes.get(id).get("result").asString())).collect(Collectors.toSet());
        assertThat(moved.size() + needingAttention.size()).as("every affected booking has an outcome").isEqualTo(requests.size());
        assertThat(needingAttention).as("nobody else is free at the stuck time").containsExactly(stuckId);
        assertThat(moved).as("colleagues are free at the other times").hasSize(plan.movableStarts().size());
        assertThat(view.get("summary").get("affected").asInt()).isEqualTo(requests.size());
        assertThat(view.get("summary").get("moved").asInt()).isEqualTo(moved.size());
        assertThat(view.get("summary").get("needingAttention").asInt()).isEqualTo(needingAttention.size());

        for (String id : moved) {
            JsonNode outcome = outcomes.get(id);
            String takenBy = outcome.get("therapistId").asString();
            assertThat(takenBy).isNotEqualTo(absent.id()).isIn(plan.onShift().stream().map(Row::id).toList());
            JsonNode booking = await().atMost(DECISION).pollInterval(Duration.ofMillis(300))
                    .until(() -> gateway.booking(id), b -> takenBy.equals(therapistOf(b)));
            assertThat(booking.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(booking.get("therapist").get("name").asString()).isEqualTo(outcome.get("therapistName").asString());
            awaitMail(requests.get(id).email(), THERAPIST_CHANGED,
                    outcome.get("therapistName").asString() + " will now give your session", "instead of " + absent.name());
        }
        for (String id : needingAttention) {
            assertThat(outcomes.get(id).get("alternatives").size()).isGreaterThanOrEqualTo(3);
            JsonNode booking = awaitStatus(id, "NEEDS_ATTENTION");
            JsonNode attention = booking.get("attention");
            assertThat(attention.get("reason").asString()).contains(absent.name());
            assertThat(attention.get("alternatives").size()).isGreaterThanOrEqualTo(3);
            assertThat(attention.get("lostTherapist").get("id").asString()).isEqualTo(absent.id());
            assertThat(booking.get("therapist").isNull()).isTrue();
            JsonNode listed = await().atMost(DECISION).pollInterval(Duration.ofMillis(300))
                    .until(() -> attentionItem(id), Optional::isPresent).orElseThrow();
            assertThat(listed.get("reason").asString()).isNotBlank();
            assertThat(listed.get("alternatives").size()).isGreaterThanOrEqualTo(3);
            awaitMail(requests.get(id).email(), NEEDS_ATTENTION, "nobody else is free then", "Our staff will contact you");
        }
        JsonNode board = gateway.board(BRANCH, day);
        JsonNode absentRow = rowOf(board, absent.id());
        assertThat(absentRow.get("sessions").isEmpty()).as("the absent therapist holds nothing that day").isTrue();
        assertThat(absentRow.get("absences").get(0).get("absenceId").asString()).isEqualTo(absenceId);
        for (String id : moved) {
            assertThat(holdersOf(board, id)).containsExactly(outcomes.get(id).get("therapistId").asString());
        }
        assertThat(holdersOf(board, stuckId)).isEmpty();
        blocking.forEach((id, blocker) -> assertThat(holdersOf(board, id)).as("other therapists' bookings").containsExactly(blocker));

        Gateway.Response again = gateway.post(absences, absence);

        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().get("absenceId").asString()).isEqualTo(absenceId);
        assertThat(again.body().get("summary")).isEqualTo(view.get("summary"));

        List<ConsumerRecord<String, byte[]>> decisions = topics.read("sabai.assignments",
                r -> isAbsenceRecorded(r, absenceId) || requests.containsKey(Topics.header(r, "ce_subject"))
                        && Set.of(THERAPIST_REASSIGNED, REASSIGNMENT_FAILED).contains(Topics.header(r, "ce_type")),
                requests.size() + 2, QUIET.plusSeconds(2));
        List<JsonNode> recordedEvents = decisions.stream().filter(r -> ABSENCE_RECORDED.equals(Topics.header(r, "ce_type")))
                .map(Topics::json).toList();
        assertThat(recordedEvents).as("TherapistAbsenceRecorded once, though recorded twice").hasSize(1);
        assertThat(strings(recordedEvents.getFirst().get("movedBookingIds"))).containsExactlyInAnyOrderElementsOf(moved);
        assertThat(strings(recordedEvents.getFirst().get("unmovedBookingIds"))).containsExactlyInAnyOrderElementsOf(needingAttention);
        for (String id : requests.keySet()) {
            List<JsonNode> decided = decisions.stream().filter(r -> id.equals(Topics.header(r, "ce_subject"))).map(Topics::json).toList();
            assertThat(decided).as("re-plan decisions of " + id).hasSize(1);
            assertThat(decided.getFirst().get("absenceId").asString()).isEqualTo(absenceId);
            assertThat(decisions.stream().filter(r -> id.equals(Topics.header(r, "ce_subject"))).map(r -> Topics.header(r, "ce_type")))
                    .containsExactly(moved.contains(id) ? THERAPIST_REASSIGNED : REASSIGNMENT_FAILED);
        }
        List<ConsumerRecord<String, byte[]>> told = topics.read("sabai.bookings",
                r -> requests.containsKey(Topics.header(r, "ce_subject"))
                        && Set.of(BOOKING_THERAPIST_CHANGED, BOOKING_NEEDS_ATTENTION).contains(Topics.header(r, "ce_type")),
                requests.size() + 1, QUIET);
        for (String id : requests.keySet()) {
            assertThat(told.stream().filter(r -> id.equals(Topics.header(r, "ce_subject"))).map(r -> Topics.header(r, "ce_type")))
                    .as("booking events of " + id)
                    .containsExactly(moved.contains(id) ? BOOKING_THERAPIST_CHANGED : BOOKING_NEEDS_ATTENTION);
            String email = requests.get(id).email();
            assertThat(mailbox.to(email, THERAPIST_CHANGED)).hasSize(moved.contains(id) ? 1 : 0);
            assertThat(mailbox.to(email, NEEDS_ATTENTION)).hasSize(moved.contains(id) ? 0 : 1);
        }

        JsonNode listed = gateway.get(absences).body();
        assertThat(statusOf(listed, absenceId)).isEqualTo("RECORDED");

        Gateway.Response withdrawn = gateway.delete(absences + "/" + absenceId);

        assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(200);
        assertThat(withdrawn.body().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.body().get("withdrawnAt").isNull()).isFalse();
        assertThat(statusOf(gateway.get(absences).body(), absenceId)).isEqualTo("WITHDRAWN");
        JsonNode boardAfter = gateway.board(BRANCH, day);
        assertThat(rowOf(boardAfter, absent.id()).get("absences").isEmpty()).as("absences on the board after withdrawing").isTrue();
        for (String id : moved) {
            assertThat(holdersOf(boardAfter, id)).as("a moved booking stays where it went")
                    .containsExactly(outcomes.get(id).get("therapistId").asString());
        }
    }

    // ---------------------------------------------------------------- the day's shape, read from the board

    /** A therapist on shift at the branch that day: when they work, and the stretches nothing blocks. */
    record Row(String id, String name, Instant shiftStart, Instant shiftEnd, List<Gap> free) {

        boolean coversSession(Instant start) {
            return !start.isBefore(shiftStart) && !start.plus(SESSION).isAfter(shiftEnd);
        }

        /** Free for a session at {@code start}, its changeover included (or the shift ends with the session). */
        boolean freeFor(Instant start) {
            Instant end = start.plus(SESSION);
            Instant blockedEnd = end.plus(CHANGEOVER);
            return coversSession(start) && free.stream().anyMatch(gap -> !start.isBefore(gap.start())
                    && (!blockedEnd.isAfter(gap.end()) || gap.end().equals(shiftEnd) && !end.isAfter(gap.end())));
        }

        /** Every start on the quarter-hour grid at which the therapist is free for a session. */
        List<Instant> freeStarts() {
            List<Instant> starts = new ArrayList<>();
            for (Instant start = shiftStart; !start.plus(SESSION).isAfter(shiftEnd); start = start.plus(GRID)) {
                if (freeFor(start)) {
                    starts.add(start);
                }
            }
            return starts;
        }

        @Override
        public String toString() {
            return id + " " + local(shiftStart).toLocalTime() + "–" + local(shiftEnd).toLocalTime();
        }
    }

    /** A stretch of a therapist's shift that nothing blocks. */
    record Gap(Instant start, Instant end) {
    }

    /** Therapists free together at {@code start}. */
    record Together(List<Row> rows, Instant start) {
    }

    record Refusal(String technique, Together together, String unskilledId, String unskilledName) {
    }

    /**
     * The absence scenario on one day: {@code absent} holds sessions at {@code movableStarts}, when colleagues
     * are free, and at {@code stuckStart}, when the only colleagues on shift ({@code blockers}) get sessions too.
     */
    record AbsencePlan(LocalDate day, List<Row> onShift, Row absent, Instant stuckStart, List<Row> blockers,
                       List<Instant> movableStarts) {
    }

    /** The therapists on shift at the branch that day who give the technique. */
    private static List<Row> qualifiedOnShift(JsonNode board, String technique) {
        Map<String, JsonNode> staff = staff();
        List<Row> rows = new ArrayList<>();
        board.get("therapists").forEach(row -> {
            JsonNode shift = row.get("shift");
            JsonNode therapist = staff.get(row.get("id").asString());
            if (shift == null || shift.isNull() || !BRANCH.equals(shift.get("branchId").asString())
                    || therapist == null || !skills(therapist).contains(technique)) {
                return;
            }
            List<Gap> free = new ArrayList<>();
            row.get("free").forEach(gap -> free.add(new Gap(Instant.parse(gap.get("start").asString()),
                    Instant.parse(gap.get("end").asString()))));
            rows.add(new Row(row.get("id").asString(), row.get("name").asString(),
                    Instant.parse(shift.get("startsAt").asString()), Instant.parse(shift.get("endsAt").asString()), free));
        });
        return rows;
    }

    /** The first two therapists (in board order) free together, at the earliest time they are. */
    private static Optional<Together> firstPairFree(List<Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                Row first = rows.get(i);
                Row second = rows.get(j);
                Optional<Instant> start = first.freeStarts().stream().filter(second::freeFor).findFirst();
                if (start.isPresent()) {
                    return Optional.of(new Together(List.of(first, second), start.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Finds, on a day of its own with nothing booked yet, a therapist and a time at which at most two colleagues
     * on shift could give their session (fewer than the branch's table rooms, so all can be booked at once),
     * and two other times in the therapist's shift at which colleagues are free.
     */
    private static AbsencePlan absencePlan() {
        List<String> looked = new ArrayList<>();
        for (int offset = 9; offset <= 12; offset++) {
            LocalDate day = today().plusDays(offset);
            JsonNode board = gateway.board(BRANCH, day);
            if (board.get("totals").get("sessions").asInt() > 0) {
                looked.add(day + ": already has sessions");
                continue;
            }
            List<Row> onShift = qualifiedOnShift(board, "SWEDISH");
            AbsencePlan best = null;
            for (Row absent : onShift) {
                for (Instant stuck : absent.freeStarts()) {
                    List<Row> blockers = onShift.stream().filter(row -> row != absent && row.freeFor(stuck)).toList();
                    if (blockers.size() > 2 || best != null && best.blockers().size() <= blockers.size()) {
                        continue;
                    }
                    List<Instant> movable = new ArrayList<>();
                    for (Instant start : absent.freeStarts()) {
                        boolean clear = apart(start, stuck) && movable.stream().allMatch(taken -> apart(start, taken));
                        boolean someoneElse = onShift.stream().anyMatch(row -> row != absent && row.freeFor(start));
                        if (movable.size() < 2 && clear && someoneElse) {
                            movable.add(start);
                        }
                    }
                    if (movable.size() == 2) {
                        best = new AbsencePlan(day, onShift, absent, stuck, blockers, movable);
                    }
                }
            }
            if (best != null) {
                return best;
            }
            looked.add(day + ": " + onShift);
        }
        throw new AssertionError("No day with a time only few therapists cover: " + looked);
    }

    /** Two sessions at these starts, changeover included, do not overlap. */
    private static boolean apart(Instant a, Instant b) {
        Duration blocked = SESSION.plus(CHANGEOVER);
        return !a.isBefore(b.plus(blocked)) || !b.isBefore(a.plus(blocked));
    }

    // ---------------------------------------------------------------- reading the platform

    private static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    private static ZonedDateTime local(Instant instant) {
        return instant.atZone(ZONE);
    }

    private static Map<String, JsonNode> staff() {
        Map<String, JsonNode> staff = new HashMap<>();
        gateway.therapists(BRANCH).forEach(therapist -> staff.put(therapist.get("id").asString(), therapist));
        return staff;
    }

    private static Set<String> skills(JsonNode therapist) {
        return new HashSet<>(strings(therapist.get("skills")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String book(BookingRequests request) {
        Gateway.Response accepted = gateway.postBooking(request.json());
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        return accepted.body().get("id").asString();
    }

    private static JsonNode awaitStatus(String id, String status) {
        return await().atMost(DECISION).pollInterval(Duration.ofMillis(300))
                .until(() -> gateway.booking(id), booking -> status.equals(booking.get("status").asString()));
    }

    private static String therapistOf(JsonNode booking) {
        JsonNode therapist = booking.get("therapist");
        return therapist == null || therapist.isNull() ? null : therapist.get("id").asString();
    }

    private static String reassignment(String bookingId) {
        return "/api/branches/" + BRANCH + "/bookings/" + bookingId + "/reassignment";
    }

    /** Waits for the one message of its kind to the customer, saying all that it should. */
    private static void awaitMail(String email, Predicate<Mailbox.Mail> kind, String... saying) {
        await().atMost(DECISION).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(mailbox.to(email, kind))
                .singleElement().extracting(Mailbox.Mail::body, STRING).contains(saying));
    }

    private static Optional<JsonNode> attentionItem(String bookingId) {
        List<JsonNode> items = new ArrayList<>();
        gateway.attention(BRANCH).forEach(items::add);
        return items.stream().filter(item -> bookingId.equals(item.get("bookingId").asString())).findFirst();
    }

    /** The therapists whose row on the board holds a session of the booking. */
    private static List<String> holdersOf(JsonNode board, String bookingId) {
        List<String> holders = new ArrayList<>();
        board.get("therapists").forEach(row -> row.get("sessions").forEach(session -> {
            if (bookingId.equals(session.get("bookingId").asString())) {
                holders.add(row.get("id").asString());
            }
        }));
        return holders;
    }

    private static JsonNode rowOf(JsonNode board, String therapistId) {
        List<JsonNode> rows = new ArrayList<>();
        board.get("therapists").forEach(rows::add);
        return rows.stream().filter(row -> therapistId.equals(row.get("id").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("No row for " + therapistId + " on the board"));
    }

    private static String statusOf(JsonNode absences, String absenceId) {
        List<JsonNode> list = new ArrayList<>();
        absences.forEach(list::add);
        return list.stream().filter(absence -> absenceId.equals(absence.get("absenceId").asString())).findFirst()
                .map(absence -> absence.get("status").asString()).orElse(null);
    }

    private static boolean isAbsenceRecorded(ConsumerRecord<String, byte[]> record, String absenceId) {
        return ABSENCE_RECORDED.equals(Topics.header(record, "ce_type")) && absenceId.equals(Topics.json(record).get("absenceId").asString());
    }
}
