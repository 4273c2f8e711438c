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
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static app.sabai.system.harness.BookingRequests.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

/**
 * A booking's later life on the whole platform, driven as a customer's app would drive it through the gateway:
 * cancelling free of charge and late, moving to another time and failing to, waiting for a slot that someone else
 * gives up, and booking a course. Each scenario finds its times in the branch's availability, keeps to a day of its
 * own, and reads what the customer is told from the development mailbox and what therapist-service did from Kafka.
 */
class AfterTheBookingSystemTest {

    static final String BRANCH = "liverpool";
    static final ZoneId ZONE = ZoneId.of("Europe/London");
    static final Duration DECISION = Duration.ofSeconds(60);
    /** How long to keep watching a topic for a record that must not come. */
    static final Duration QUIET = Duration.ofSeconds(3);
    static final String SLOT_RELEASED = "sabai.assignments.SlotReleased.v1";
    /** How the messages write a session's start: in the branch's zone, with the zone named. */
    static final DateTimeFormatter AS_WRITTEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm '('VV')'", Locale.ENGLISH);

    static final Predicate<Mailbox.Mail> CONFIRMATION = subject("Booking confirmed:");
    static final Predicate<Mailbox.Mail> CANCELLATION = subject("Booking cancelled:");
    static final Predicate<Mailbox.Mail> MOVED = subject("Booking moved:");
    static final Predicate<Mailbox.Mail> OFFER = subject("A place has come free:");
    static final Predicate<Mailbox.Mail> COURSE_SUMMARY = subject("Your course of ");

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
    void aFreeCancellationFreesTheTimeForTheNextCustomerAndARepeatWithTheSameKeyIsAnsweredTheSame() {
        LocalDate day = today().plusDays(15);
        Slot slot = firstFree("SWEDISH", 60, day);
        String therapist = slot.offeredBy().getFirst();
        BookingRequests request = booking().branch(BRANCH).technique("SWEDISH", 60).at(day, slot.localTime()).preferring(therapist);
        String id = book(request);
        assertThat(therapistOf(awaitStatus(id, "CONFIRMED"))).isEqualTo(therapist);
        assertThat(freeStartsOf(therapist, "SWEDISH", 60, day)).as("the therapist's free times while booked").doesNotContain(slot.start());

        String key = UUID.randomUUID().toString();
        String reason = """
                {"reason": "Plans changed"}""";
        Gateway.Response cancelled = gateway.post(cancellation(id), reason, Map.of("Idempotency-Key", key));

        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        JsonNode view = cancelled.body();
        assertThat(view.get("status").asString()).isEqualTo("CANCELLED");
        JsonNode how = view.get("cancellation");
        assertThat(how.get("by").asString()).isEqualTo("CUSTOMER");
        assertThat(how.get("reason").asString()).isEqualTo("Plans changed");
        assertThat(how.get("late").asBoolean()).as("two weeks ahead is inside the free period").isFalse();
        assertThat(how.get("fee").isNull()).as("no fee: " + how).isTrue();
        assertThat(Instant.parse(how.get("at").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(view.get("fees").isEmpty()).isTrue();

        await().atMost(DECISION).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(freeStartsOf(therapist, "SWEDISH", 60, day)).as("the therapist's free times once cancelled").contains(slot.start()));
        BookingRequests next = booking().branch(BRANCH).technique("SWEDISH", 60).at(day, slot.localTime()).preferring(therapist);
        String nextId = book(next);
        assertThat(therapistOf(awaitStatus(nextId, "CONFIRMED"))).as("the next customer gets the freed time with the same therapist")
                .isEqualTo(therapist);

        List<JsonNode> released = awaitSlotReleases(id);
        assertThat(released).as("SlotReleased for the cancelled booking").hasSize(1);
        assertThat(released.getFirst().get("reason").asString()).isEqualTo("CANCELLED");
        assertThat(released.getFirst().get("therapistId").asString()).isEqualTo(therapist);
        assertThat(Instant.parse(released.getFirst().get("start").asString())).isEqualTo(slot.start());

        awaitMail(request.email(), CANCELLATION, "is cancelled, and no reminders will follow", "There is no charge for this cancellation.");
        assertThat(mailbox.to(request.email(), CANCELLATION).getFirst().subject()).contains(asWritten(slot.start()));

        Gateway.Response again = gateway.post(cancellation(id), reason);

        assertThat(again.status()).as(again.raw()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body().get("bookingStatus").asString()).isEqualTo("CANCELLED");
        assertThat(again.body().get("allowed").isArray()).isTrue();
        assertThat(again.body().get("allowed").isEmpty()).as("nothing can change a cancelled booking: " + again.raw()).isTrue();

        Gateway.Response repeated = gateway.post(cancellation(id), reason, Map.of("Idempotency-Key", key));

        assertThat(repeated.status()).as(repeated.raw()).isEqualTo(200);
        assertThat(repeated.body()).as("the answer to the same key and body").isEqualTo(cancelled.body());
        assertThat(slotReleases(id)).as("SlotReleased after the repeat").hasSize(1);
        assertThat(mailbox.to(request.email(), CANCELLATION)).as("cancellation emails after the repeat").hasSize(1);
    }

    @Test
    void aLateCancellationIsChargedThePolicysFeeInTheBranchsCurrencyAndTheMessageSaysSo() {
        JsonNode branch = gateway.get("/api/branches/" + BRANCH).body();
        JsonNode policy = branch.get("policy");
        int freeUntilHours = policy.get("freeUntilHours").asInt();
        // A session a few hours ahead (Liverpool opens every day, so one is free within the next day), well inside the
        // free period's end: later than the branch's own notice allows.
        Instant notBefore = Instant.now().plus(Duration.ofHours(3));
        Instant notAfter = Instant.now().plus(Duration.ofHours(freeUntilHours)).minus(Duration.ofHours(2));
        Slot slot = List.of(today(), today().plusDays(1)).stream()
                .flatMap(date -> slots(gateway.availability(BRANCH, "SWEDISH", 60, date)).stream())
                .filter(free -> !free.start().isBefore(notBefore) && !free.start().isAfter(notAfter))
                .findFirst().orElseThrow(() -> new AssertionError("No Swedish massage free at " + BRANCH + " between "
                        + notBefore + " and " + notAfter));
        long price = priceOf(branch, "SWEDISH", 60);
        long fee = Math.round(price * policy.get("lateFeePercent").asInt() / 100.0);
        String currency = branch.get("currency").asString();
        BookingRequests request = booking().branch(BRANCH).technique("SWEDISH", 60)
                .at(slot.startLocal().toLocalDate(), slot.localTime()).preferring(slot.offeredBy().getFirst());
        String id = book(request);
        awaitStatus(id, "CONFIRMED");

        Gateway.Response cancelled = gateway.post(cancellation(id), """
                {"reason": "Stuck at work"}""");

        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        JsonNode how = cancelled.body().get("cancellation");
        assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(how.get("late").asBoolean()).as("cancelled " + Duration.between(Instant.now(), slot.start()) + " ahead").isTrue();
        assertThat(how.get("fee").get("amountMinor").asLong()).isEqualTo(fee);
        assertThat(how.get("fee").get("currency").asString()).isEqualTo(currency).isEqualTo("GBP");
        JsonNode charged = cancelled.body().get("fees").get(0);
        assertThat(cancelled.body().get("fees").size()).isEqualTo(1);
        assertThat(charged.get("reason").asString()).isEqualTo("LATE_CANCELLATION");
        assertThat(charged.get("amount").get("amountMinor").asLong()).isEqualTo(fee);

        awaitMail(request.email(), CANCELLATION, "a late cancellation fee of " + pounds(fee) + " applies");
        assertThat(mailbox.to(request.email(), CANCELLATION).getFirst().body()).doesNotContain("There is no charge");
        assertThat(awaitSlotReleases(id)).as("SlotReleased for the late cancellation").hasSize(1);
    }

    @Test
    void aMoveToATimeTheTherapistIsFreeIsConfirmedThereWithThemAndTheCustomerIsToldOfTheNewTime() {
        LocalDate day = today().plusDays(16);
        Slot first = firstFree("SWEDISH", 60, day);
        String therapist = first.offeredBy().getFirst();
        BookingRequests request = booking().branch(BRANCH).technique("SWEDISH", 60).at(day, first.localTime()).preferring(therapist);
        String id = book(request);
        JsonNode confirmed = awaitStatus(id, "CONFIRMED");
        assertThat(therapistOf(confirmed)).isEqualTo(therapist);
        Instant later = freeStartsOf(therapist, "SWEDISH", 60, day).stream()
                .filter(start -> !start.isBefore(first.start().plus(Duration.ofHours(3)))).findFirst()
                .orElseThrow(() -> new AssertionError(therapist + " is free no later time on " + day));

        Gateway.Response asked = gateway.post(reschedule(id), """
                {"startLocal": "%s"}""".formatted(local(later)));

        assertThat(asked.status()).as(asked.raw()).isEqualTo(202);
        assertThat(asked.body().get("status").asString()).isEqualTo("RESCHEDULE_REQUESTED");
        assertThat(Instant.parse(asked.body().get("reschedule").get("requestedStart").asString())).isEqualTo(later);
        assertThat(Instant.parse(asked.body().get("start").asString())).as("the old time is held until the new one is had")
                .isEqualTo(first.start());

        JsonNode moved = await().atMost(DECISION).pollInterval(Duration.ofMillis(300)).until(() -> gateway.booking(id),
                booking -> "CONFIRMED".equals(booking.get("status").asString()) && later.equals(startOf(booking)));
        assertThat(therapistOf(moved)).as("the same therapist, free then").isEqualTo(therapist);
        assertThat(LocalDateTime.parse(moved.get("startLocal").asString())).isEqualTo(local(later));
        assertThat(Instant.parse(moved.get("end").asString())).isEqualTo(later.plus(Duration.ofMinutes(60)));
        assertThat(moved.get("reschedule").isNull()).isTrue();
        assertThat(moved.get("lastRescheduleRefusal").isNull()).isTrue();

        awaitMail(request.email(), MOVED, "Your booking has moved.", "Was: " + asWritten(first.start()), "Now: " + asWritten(later),
                "Therapist: " + confirmed.get("therapist").get("name").asString());
        assertThat(mailbox.to(request.email(), MOVED).getFirst().subject()).endsWith("now " + asWritten(later));
        List<JsonNode> released = awaitSlotReleases(id);
        assertThat(released).as("SlotReleased for the old time").hasSize(1);
        assertThat(released.getFirst().get("reason").asString()).isEqualTo("RESCHEDULED");
        assertThat(Instant.parse(released.getFirst().get("start").asString())).isEqualTo(first.start());
        assertThat(freeStartsOf(therapist, "SWEDISH", 60, day)).as("the therapist's free times after the move")
                .contains(first.start()).doesNotContain(later);
    }

    @Test
    void aMoveToATimeWhenEveryQualifiedTherapistIsBookedIsRefusedAndTheBookingStaysExactlyAsItWasWithAlternatives() {
        Scarce scarce = scarceTime();
        LocalDate day = scarce.day();
        Slot early = slots(gateway.availability(BRANCH, "SWEDISH", 60, day)).stream()
                .filter(slot -> !slot.start().isAfter(scarce.slot().start().minus(Duration.ofHours(3)))).findFirst()
                .orElseThrow(() -> new AssertionError("Nothing free on " + day + " three hours before " + scarce.slot().localTime()));
        String therapist = early.offeredBy().getFirst();
        BookingRequests request = booking().branch(BRANCH).technique("SWEDISH", 60).at(day, early.localTime()).preferring(therapist);
        String id = book(request);
        assertThat(therapistOf(awaitStatus(id, "CONFIRMED"))).isEqualTo(therapist);

        // Everyone who could give a Swedish massage at the scarce time gets a customer then (fewer than the table rooms).
        List<String> busyThen = slotAt(scarce.slot().start(), day).orElseThrow().offeredBy();
        assertThat(busyThen).hasSizeBetween(1, 2);
        for (String colleague : busyThen) {
            String blocker = book(booking().branch(BRANCH).technique("SWEDISH", 60).at(day, scarce.slot().localTime()).preferring(colleague));
            assertThat(therapistOf(awaitStatus(blocker, "CONFIRMED"))).as("booking for " + colleague).isEqualTo(colleague);
        }
        assertThat(slotAt(scarce.slot().start(), day)).as("a Swedish massage at " + scarce.slot().localTime() + " once all are booked")
                .isEmpty();
        JsonNode before = gateway.booking(id);

        Gateway.Response asked = gateway.post(reschedule(id), """
                {"startLocal": "%s"}""".formatted(scarce.slot().startLocal()));

        assertThat(asked.status()).as(asked.raw()).isEqualTo(202);
        assertThat(asked.body().get("status").asString()).isEqualTo("RESCHEDULE_REQUESTED");

        JsonNode after = await().atMost(DECISION).pollInterval(Duration.ofMillis(300)).until(() -> gateway.booking(id),
                booking -> !booking.get("lastRescheduleRefusal").isNull());
        for (String field : List.of("status", "start", "end", "startLocal", "therapist", "roomId", "technique", "durationMinutes",
                "reschedule", "cancellation", "fees")) {
            assertThat(after.get(field)).as(field + " after the refused move").isEqualTo(before.get(field));
        }
        assertThat(after.get("status").asString()).isEqualTo("CONFIRMED");
        JsonNode refusal = after.get("lastRescheduleRefusal");
        assertThat(Instant.parse(refusal.get("requestedStart").asString())).isEqualTo(scarce.slot().start());
        assertThat(refusal.get("reason").asString()).isEqualTo("NO_THERAPIST_AVAILABLE");
        assertThat(refusal.get("detail").asString()).contains("SWEDISH");
        assertThat(refusal.get("alternatives").size()).as(refusal.toString()).isGreaterThanOrEqualTo(1);
        refusal.get("alternatives").forEach(alternative -> {
            assertThat(Instant.parse(alternative.get("start").asString())).isNotEqualTo(scarce.slot().start()).isAfter(Instant.now());
            assertThat(alternative.get("therapistId").asString()).isNotBlank();
        });

        assertThat(slotReleases(id)).as("the old time was never given up").isEmpty();
        assertThat(mailbox.to(request.email(), MOVED)).as("no message of a move").isEmpty();
        assertThat(freeStartsOf(therapist, "SWEDISH", 60, day)).as(therapist + "'s free times").doesNotContain(early.start());
    }

    @Test
    void aHotStoneSlotGivenUpIsOfferedToTheWaitlistInTurnDeclinedByTheFirstAndTakenByTheSecond() {
        // Liverpool has one stone heater: while one hot stone session holds it, nobody else can have that time.
        LocalDate day = today().plusDays(18);
        Slot slot = firstFree("HOT_STONE", 75, day);
        BookingRequests holder = booking().branch(BRANCH).technique("HOT_STONE", 75).at(day, slot.localTime())
                .preferring(slot.offeredBy().getFirst());
        String held = book(holder);
        awaitStatus(held, "CONFIRMED");
        LocalTime earliest = slot.localTime().minusMinutes(30);
        LocalTime latest = slot.localTime().plusMinutes(30);
        assertThat(slots(gateway.availability(BRANCH, "HOT_STONE", 75, day, "earliest=" + earliest, "latest=" + latest)))
                .as("hot stone between " + earliest + " and " + latest + " while the heater is in use").isEmpty();

        String firstEmail = "waiting-first-" + UUID.randomUUID() + "@example.com";
        String secondEmail = "waiting-second-" + UUID.randomUUID() + "@example.com";
        String first = joinWaitlist("Ada Waits", firstEmail, day, earliest, latest);
        String second = joinWaitlist("Bea Waits", secondEmail, day, earliest, latest);

        Gateway.Response cancelled = gateway.post(cancellation(held), """
                {"reason": "Cannot make it"}""");
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);

        JsonNode offered = awaitWaitlist(first, "OFFERED");
        JsonNode offer = offered.get("offer");
        assertThat(Instant.parse(offer.get("start").asString())).isEqualTo(slot.start());
        assertThat(LocalDateTime.parse(offer.get("startLocal").asString())).isEqualTo(slot.startLocal());
        assertThat(Instant.parse(offer.get("expiresAt").asString())).isAfter(Instant.now());
        assertThat(offered.get("allowed").toString()).contains("acceptance", "decline");
        String firstOffer = offer.get("bookingId").asString();
        assertThat(waitlistStatus(second)).as("the second in line while the first is offered the slot").isEqualTo("WAITING");
        awaitMail(firstEmail, OFFER, "a place you were waiting for has come free", "Held for you until");
        assertThat(mailbox.to(firstEmail, OFFER).getFirst().subject()).contains(asWritten(slot.start()));
        assertThat(mailbox.to(secondEmail, OFFER)).as("offers to the second in line").isEmpty();

        Gateway.Response declined = gateway.post("/api/waitlist/" + first + "/decline", "{}");

        assertThat(declined.status()).as(declined.raw()).isEqualTo(200);
        assertThat(declined.body().get("status").asString()).isEqualTo("DECLINED");
        JsonNode passedOn = awaitWaitlist(second, "OFFERED");
        String secondOffer = passedOn.get("offer").get("bookingId").asString();
        assertThat(secondOffer).isNotEqualTo(firstOffer);
        assertThat(Instant.parse(passedOn.get("offer").get("start").asString())).isEqualTo(slot.start());
        awaitMail(secondEmail, OFFER, "a place you were waiting for has come free");

        Gateway.Response accepted = gateway.post("/api/waitlist/" + second + "/acceptance", "{}");

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
        assertThat(accepted.body().get("bookingId").asString()).isEqualTo(secondOffer);
        assertThat(accepted.location()).endsWith("/api/bookings/" + secondOffer);
        JsonNode booked = awaitStatus(secondOffer, "CONFIRMED");
        assertThat(startOf(booked)).isEqualTo(slot.start());
        assertThat(booked.get("technique").asString()).isEqualTo("HOT_STONE");
        assertThat(booked.get("customer").get("email").asString()).isEqualTo(secondEmail);
        assertThat(booked.get("waitlistId").asString()).isEqualTo(second);
        awaitMail(secondEmail, CONFIRMATION, "Your booking is confirmed.", "Hot stone therapy, 75 minutes");

        JsonNode secondEntry = gateway.get("/api/waitlist/" + second).body();
        assertThat(secondEntry.get("status").asString()).isEqualTo("BOOKED");
        assertThat(secondEntry.get("bookingId").asString()).isEqualTo(secondOffer);
        assertThat(waitlistStatus(first)).isEqualTo("DECLINED");
        assertThat(mailbox.to(firstEmail, OFFER)).as("offers to the first in line").hasSize(1);
        assertThat(mailbox.to(firstEmail, CANCELLATION.or(CONFIRMATION))).as("other messages to the one who declined").isEmpty();
        assertThat(slotAt(slot.start(), day, "HOT_STONE", 75)).as("the slot, taken again").isEmpty();
    }

    @Test
    void aCourseOfThreeWeeklySessionsIsBookedWithOneTherapistAndSummedUpInOneMessage() {
        LocalDate firstDate = today().plusDays(19);
        Slot slot = firstFree("SWEDISH", 60, firstDate);
        String email = "course-" + UUID.randomUUID() + "@example.com";

        Gateway.Response created = gateway.post("/api/courses", """
                {"branchId": "%s", "technique": "SWEDISH", "durationMinutes": 60, "sessions": 3,
                 "weekdays": ["%s"], "timeLocal": "%s", "firstDate": "%s",
                 "customer": {"name": "Tom Reyes", "email": "%s", "language": "en"},
                 "intake": {"conditions": [], "injuries": [], "pregnant": false, "allergies": []}}"""
                .formatted(BRANCH, firstDate.getDayOfWeek(), slot.localTime(), firstDate, email),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String courseId = created.body().get("id").asString();
        assertThat(created.location()).endsWith("/api/courses/" + courseId);
        JsonNode course = await().atMost(DECISION).pollInterval(Duration.ofMillis(500))
                .until(() -> gateway.get("/api/courses/" + courseId).body(), view -> "DECIDED".equals(view.get("status").asString()));
        List<JsonNode> sessions = new ArrayList<>();
        course.get("sessions").forEach(sessions::add);
        assertThat(sessions).hasSize(3);
        assertThat(sessions).extracting(session -> LocalDateTime.parse(session.get("startLocal").asString())).containsExactly(
                firstDate.atTime(slot.localTime()), firstDate.plusWeeks(1).atTime(slot.localTime()),
                firstDate.plusWeeks(2).atTime(slot.localTime()));
        assertThat(sessions).extracting(session -> session.get("status").asString()).containsOnly("CONFIRMED");
        assertThat(sessions).extracting(session -> session.get("therapist").get("id").asString()).as("one therapist throughout")
                .containsOnly(sessions.getFirst().get("therapist").get("id").asString());
        for (JsonNode session : sessions) {
            JsonNode booking = gateway.booking(session.get("bookingId").asString());
            assertThat(booking.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(booking.get("courseId").asString()).isEqualTo(courseId);
        }

        String therapistName = sessions.getFirst().get("therapist").get("name").asString();
        awaitMail(email, COURSE_SUMMARY, "1. " + asWritten(startOf(sessions.get(0))) + ": booked, with " + therapistName,
                "2. " + asWritten(startOf(sessions.get(1))) + ": booked, with " + therapistName,
                "3. " + asWritten(startOf(sessions.get(2))) + ": booked, with " + therapistName);
        assertThat(mailbox.to(email, COURSE_SUMMARY).getFirst().subject()).endsWith(": 3 of 3 sessions booked");
        assertThat(mailbox.to(email, CONFIRMATION)).as("one confirmation per session besides the summary").isEmpty();
    }

    // ---------------------------------------------------------------- finding times

    /** A free start time and who could give a session then, the one a booking would get first. */
    record Slot(Instant start, LocalDateTime startLocal, List<String> offeredBy) {

        LocalTime localTime() {
            return startLocal.toLocalTime();
        }
    }

    /** A time on {@code day} at which only one or two therapists could give a Swedish massage. */
    record Scarce(LocalDate day, Slot slot) {
    }

    private static List<Slot> slots(JsonNode availability) {
        List<Slot> slots = new ArrayList<>();
        availability.get("slots").forEach(slot -> {
            List<String> offeredBy = new ArrayList<>();
            slot.get("offeredBy").forEach(therapist -> offeredBy.add(therapist.get("id").asString()));
            slots.add(new Slot(Instant.parse(slot.get("start").asString()), LocalDateTime.parse(slot.get("startLocal").asString()),
                    offeredBy));
        });
        return slots;
    }

    private static Slot firstFree(String technique, int minutes, LocalDate day) {
        return slots(gateway.availability(BRANCH, technique, minutes, day)).stream().findFirst()
                .orElseThrow(() -> new AssertionError("Nothing free for " + technique + " " + minutes + " at " + BRANCH + " on " + day));
    }

    private static Optional<Slot> slotAt(Instant start, LocalDate day) {
        return slotAt(start, day, "SWEDISH", 60);
    }

    private static Optional<Slot> slotAt(Instant start, LocalDate day, String technique, int minutes) {
        return slots(gateway.availability(BRANCH, technique, minutes, day)).stream().filter(slot -> slot.start().equals(start)).findFirst();
    }

    private static List<Instant> freeStartsOf(String therapistId, String technique, int minutes, LocalDate day) {
        return slots(gateway.availability(BRANCH, technique, minutes, day, "therapistId=" + therapistId)).stream().map(Slot::start).toList();
    }

    /** The latest time, on the first of a few days of their own, at which at most two therapists could give a Swedish massage. */
    private static Scarce scarceTime() {
        List<String> looked = new ArrayList<>();
        for (int offset : List.of(17, 20, 21)) {
            LocalDate day = today().plusDays(offset);
            List<Slot> scarce = slots(gateway.availability(BRANCH, "SWEDISH", 60, day)).stream()
                    .filter(slot -> slot.offeredBy().size() <= 2).toList();
            if (!scarce.isEmpty()) {
                return new Scarce(day, scarce.getLast());
            }
            looked.add(day + " (" + day.getDayOfWeek() + ")");
        }
        throw new AssertionError("No time when at most two therapists are free at " + BRANCH + " on " + looked);
    }

    // ---------------------------------------------------------------- acting as the customer

    private static String book(BookingRequests request) {
        Gateway.Response accepted = gateway.postBooking(request.json());
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        return accepted.body().get("id").asString();
    }

    private static String joinWaitlist(String name, String email, LocalDate day, LocalTime earliest, LocalTime latest) {
        Gateway.Response created = gateway.post("/api/waitlist", """
                {"branchId": "%s", "technique": "HOT_STONE", "durationMinutes": 75, "from": "%s", "to": "%s",
                 "earliest": "%s", "latest": "%s",
                 "customer": {"name": "%s", "email": "%s", "language": "en"}}""".formatted(BRANCH, day, day, earliest, latest, name, email),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("status").asString()).isEqualTo("WAITING");
        String id = created.body().get("id").asString();
        assertThat(created.location()).endsWith("/api/waitlist/" + id);
        return id;
    }

    private static String cancellation(String bookingId) {
        return "/api/bookings/" + bookingId + "/cancellation";
    }

    private static String reschedule(String bookingId) {
        return "/api/bookings/" + bookingId + "/reschedule";
    }

    // ---------------------------------------------------------------- reading the platform

    private static JsonNode awaitStatus(String id, String status) {
        return await().atMost(DECISION).pollInterval(Duration.ofMillis(300))
                .until(() -> gateway.booking(id), booking -> status.equals(booking.get("status").asString()));
    }

    private static JsonNode awaitWaitlist(String id, String status) {
        return await().atMost(DECISION).pollInterval(Duration.ofMillis(300))
                .until(() -> gateway.get("/api/waitlist/" + id).body(), entry -> status.equals(entry.get("status").asString()));
    }

    private static String waitlistStatus(String id) {
        return gateway.get("/api/waitlist/" + id).body().get("status").asString();
    }

    /** Waits for therapist-service to announce the booking's time free, then every SlotReleased it published for the booking. */
    private static List<JsonNode> awaitSlotReleases(String bookingId) {
        await().atMost(DECISION).pollInterval(Duration.ofMillis(500)).until(() -> topics.read("sabai.assignments",
                r -> isSlotReleased(r, bookingId), 1, Duration.ofSeconds(1)), released -> !released.isEmpty());
        return slotReleases(bookingId);
    }

    /** Every SlotReleased therapist-service published for the booking, read until a quiet moment passes without another. */
    private static List<JsonNode> slotReleases(String bookingId) {
        return topics.read("sabai.assignments", r -> isSlotReleased(r, bookingId), 2, QUIET).stream().map(Topics::json).toList();
    }

    private static boolean isSlotReleased(ConsumerRecord<String, byte[]> record, String bookingId) {
        return bookingId.equals(Topics.header(record, "ce_subject")) && SLOT_RELEASED.equals(Topics.header(record, "ce_type"));
    }

    /** Waits for the one message of its kind to the customer, saying all that it should. */
    private static void awaitMail(String email, Predicate<Mailbox.Mail> kind, String... saying) {
        await().atMost(DECISION).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(mailbox.to(email, kind))
                .singleElement().extracting(Mailbox.Mail::body, STRING).contains(saying));
    }

    private static Predicate<Mailbox.Mail> subject(String prefix) {
        return mail -> mail.subject().startsWith(prefix);
    }

    private static String therapistOf(JsonNode booking) {
        JsonNode therapist = booking.get("therapist");
        return therapist == null || therapist.isNull() ? null : therapist.get("id").asString();
    }

    private static Instant startOf(JsonNode bookingOrSession) {
        return Instant.parse(bookingOrSession.get("start").asString());
    }

    private static long priceOf(JsonNode branch, String technique, int minutes) {
        for (JsonNode offer : branch.get("techniques")) {
            if (technique.equals(offer.get("technique").asString())) {
                for (JsonNode price : offer.get("prices")) {
                    if (price.get("durationMinutes").asInt() == minutes) {
                        return price.get("amountMinor").asLong();
                    }
                }
            }
        }
        throw new AssertionError(branch.get("id").asString() + " has no price for " + technique + " " + minutes);
    }

    /** Pence as a British customer reads them: £33, £12.50. */
    private static String pounds(long pence) {
        return pence % 100 == 0 ? "£" + pence / 100 : "£%d.%02d".formatted(pence / 100, pence % 100);
    }

    private static String asWritten(Instant start) {
        return AS_WRITTEN.format(start.atZone(ZONE));
    }

    private static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    private static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZONE);
    }
}
