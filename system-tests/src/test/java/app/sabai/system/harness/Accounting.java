package app.sabai.system.harness;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What went in compared with what came out, after a load: the promises of ARCHITECTURE §5 as counts. What it is
 * given ({@link Facts}) is read from the platform by {@link Ledger}; this part is plain arithmetic over plain
 * records, so a test can feed it a planted fault and see it reported. {@link Report#problems()} names every broken
 * promise with a few examples; the counts say how much was checked.
 */
public final class Accounting {

    public static final String CONFIRMED = "sabai.bookings.BookingConfirmed.v1";
    public static final String REJECTED = "sabai.bookings.BookingRejected.v1";
    public static final String NEEDS_ATTENTION = "sabai.bookings.BookingNeedsAttention.v1";
    public static final String CANCELLED = "sabai.bookings.BookingCancelled.v1";
    public static final String RESCHEDULED = "sabai.bookings.BookingRescheduled.v1";
    public static final String THERAPIST_CHANGED = "sabai.bookings.BookingTherapistChanged.v1";
    /**
     * The events of a booking's life that leave it in a status, with that status. A reschedule asked for is not among
     * them: one that is refused publishes nothing, and the booking is back where it was.
     */
    public static final Map<String, String> STATUS_AFTER = Map.of(CONFIRMED, "CONFIRMED", REJECTED, "REJECTED",
            NEEDS_ATTENTION, "NEEDS_ATTENTION", CANCELLED, "CANCELLED", RESCHEDULED, "CONFIRMED", THERAPIST_CHANGED, "CONFIRMED",
            "sabai.bookings.BookingCompleted.v1", "COMPLETED", "sabai.bookings.BookingNoShow.v1", "NO_SHOW");

    private static final int EXAMPLES = 5;
    /**
     * How near its due time a reminder's fate is left open: one due less than this before the count may still be on its
     * way, and one whose confirmation arrived less than this before it was due may have been planned after its time
     * had passed, and rightly never sent.
     */
    private static final Duration REMINDER_MARGIN = Duration.ofSeconds(20);

    private Accounting() {
    }

    /**
     * One record of a booking's life on {@code sabai.bookings} (a type of {@link #STATUS_AFTER}): its {@code ce_subject},
     * {@code ce_type} and {@code ce_id}.
     */
    public record LifeEvent(String bookingId, String type, String eventId) {
    }

    /**
     * One entry of a therapist, room or equipment day document, as stored: {@code start}/{@code end} are the blocked
     * interval (changeover included). An absence has no booking id.
     */
    public record Session(String kind, String resourceId, String bookingId, String absenceId, int attempt, Instant start,
                          Instant end) {

        String owner() {
            return bookingId != null ? "booking " + bookingId : "absence " + absenceId;
        }

        boolean overlaps(Session other) {
            return start.isBefore(other.end) && other.start.isBefore(end);
        }
    }

    /** One record of a {@code -dlt} topic, by its key. */
    public record DeadLetter(String topic, String key) {
    }

    /**
     * Everything read after the platform settled.
     *
     * @param accepted    the ids the clients were answered 202 with
     * @param events      every record of a booking's life on {@code sabai.bookings}, in the topic's order (a booking's
     *                    records share a partition), redeliveries included
     * @param statuses    every booking in booking-service's store, by id
     * @param sessions    every entry of every day document (a session filed on two days appears twice)
     * @param messageIds  the {@code Message-ID} of every email in the mailbox, one per message received
     * @param received    when each {@code Message-ID} was first received
     * @param deadLetters every record of every {@code -dlt} topic
     * @param planted     the keys of the poison records put on the topics on purpose: each must reach a dead-letter
     *                    topic (once for each group that reads it, or again after a replay), and nothing else may
     * @param lag         records not yet processed by each of the services' consumer groups
     * @param starts      when each stored booking starts
     * @param leads       the reminders' lead times notification-service ran with
     * @param readAt      when this was read: a reminder due by then (and planned well before) must have been sent
     */
    public record Facts(Set<String> accepted, List<LifeEvent> events, Map<String, String> statuses,
                        List<Session> sessions, List<String> messageIds, Map<String, Instant> received,
                        List<DeadLetter> deadLetters, Set<String> planted,
                        Map<String, Long> lag, Map<String, Instant> starts, List<Duration> leads, Instant readAt) {
    }

    /** The counts, in the order printed, and what broke. */
    public record Report(Map<String, Long> counts, List<String> problems) {

        public long count(String name) {
            Long value = counts.get(name);
            if (value == null) {
                throw new IllegalArgumentException("No count named " + name + ": " + counts.keySet());
            }
            return value;
        }

        public boolean holds() {
            return problems.isEmpty();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            counts.forEach((name, value) -> text.append(String.format("  %-58s %8d%n", name, value)));
            if (problems.isEmpty()) {
                text.append("  every promise held\n");
            } else {
                problems.forEach(problem -> text.append("  BROKEN: ").append(problem).append('\n'));
            }
            return text.toString();
        }
    }

    public static Report check(Facts facts) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> accepted = facts.accepted();
        counts.put("requests answered 202", (long) accepted.size());

        // Every accepted request decided exactly once: confirmed or rejected, counted by distinct event id so that a
        // redelivery is no second decision. A request that waited too long for its decision needs attention until the
        // decision comes, or for good.
        Map<String, Map<String, String>> lives = new HashMap<>();
        long redeliveries = 0;
        for (LifeEvent event : facts.events()) {
            String previous = lives.computeIfAbsent(event.bookingId(), id -> new LinkedHashMap<>()).put(event.eventId(), event.type());
            if (previous != null) {
                redeliveries++;
            }
        }
        counts.put("records of bookings' lives on sabai.bookings", (long) facts.events().size());
        counts.put("  of which redelivered (same ce_id again)", redeliveries);
        Map<String, String> decisions = new HashMap<>();
        List<String> decidedTwice = new ArrayList<>();
        lives.forEach((id, life) -> {
            List<String> decided = life.values().stream().filter(type -> type.equals(CONFIRMED) || type.equals(REJECTED)).toList();
            if (decided.size() > 1) {
                decidedTwice.add(id + " " + decided);
            }
            if (!decided.isEmpty()) {
                decisions.put(id, decided.getFirst());
            } else if (life.containsValue(NEEDS_ATTENTION)) {
                decisions.put(id, NEEDS_ATTENTION);
            }
        });
        for (String type : List.of(CONFIRMED, REJECTED, NEEDS_ATTENTION)) {
            counts.put("  bookings decided " + STATUS_AFTER.get(type), decisions.values().stream().filter(type::equals).count());
        }
        problem(problems, counts, "accepted without a decision",
                accepted.stream().filter(id -> !decisions.containsKey(id)).sorted().toList());
        problem(problems, counts, "decided more than once (distinct ce_id)", sorted(decidedTwice));
        problem(problems, counts, "decisions on ids never answered 202",
                decisions.keySet().stream().filter(id -> !accepted.contains(id)).sorted().toList());

        // What happened to a confirmed booking later: staff operations and changes of plan.
        Map<String, String> later = new LinkedHashMap<>();
        later.put(CANCELLED, "  later cancelled");
        later.put(RESCHEDULED, "  later rescheduled");
        later.put(THERAPIST_CHANGED, "  later given another therapist");
        later.forEach((type, name) -> counts.put(name, lives.values().stream().filter(life -> life.containsValue(type)).count()));
        counts.put("  later lost their therapist (needs attention)", lives.values().stream().filter(life -> {
            List<String> types = List.copyOf(life.values());
            return types.contains(CONFIRMED) && types.lastIndexOf(NEEDS_ATTENTION) > types.indexOf(CONFIRMED);
        }).count());

        // The booking as booking-service holds it is where the last event of its life left it.
        Map<String, String> statuses = facts.statuses();
        counts.put("bookings stored", (long) statuses.size());
        problem(problems, counts, "accepted but not stored", accepted.stream().filter(id -> !statuses.containsKey(id)).sorted().toList());
        problem(problems, counts, "stored but never answered 202",
                statuses.keySet().stream().filter(id -> !accepted.contains(id)).sorted().toList());
        List<String> disagreeing = new ArrayList<>();
        lives.forEach((id, life) -> {
            String status = statuses.get(id);
            String last = List.copyOf(life.values()).getLast();
            if (status != null && !status.equals(STATUS_AFTER.get(last))) {
                disagreeing.add(id + " last " + last.replace("sabai.bookings.", "") + " but stored " + status);
            }
        });
        problem(problems, counts, "stored status differs from the booking's last event", sorted(disagreeing));

        // No resource held by two overlapping sessions; each confirmed booking holds one, every other none.
        List<Session> sessions = facts.sessions().stream().distinct().toList();
        counts.put("sessions in the day documents", (long) sessions.size());
        problem(problems, counts, "overlapping sessions of one therapist, room or unit", overlaps(sessions));
        Map<String, List<Session>> byBooking = sessions.stream().filter(session -> session.bookingId() != null)
                .collect(Collectors.groupingBy(Session::bookingId));
        Set<String> confirmed = statuses.entrySet().stream().filter(entry -> entry.getValue().equals("CONFIRMED"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        List<String> notOneSession = new ArrayList<>();
        for (String id : confirmed) {
            List<Session> held = byBooking.getOrDefault(id, List.of());
            long therapists = held.stream().filter(session -> session.kind().equals("therapist")).count();
            long rooms = held.stream().filter(session -> session.kind().equals("room")).count();
            // A move keeps what the new plan shares with the old (a room), under the attempt that first held it.
            if (therapists != 1 || rooms > 1) {
                notOneSession.add(id + " holds " + therapists + " therapist and " + rooms + " room session(s)");
            }
        }
        problem(problems, counts, "confirmed without exactly one session", sorted(notOneSession));
        // A booking that lost its therapist keeps its room and equipment for staff to find another; nothing else keeps any.
        problem(problems, counts, "sessions held by a booking neither confirmed nor needing attention", byBooking.entrySet().stream()
                .filter(entry -> !confirmed.contains(entry.getKey()) && !"NEEDS_ATTENTION".equals(statuses.get(entry.getKey())))
                .map(entry -> entry.getKey() + " (" + statuses.getOrDefault(entry.getKey(), "not stored") + ") holds "
                        + entry.getValue().size()).sorted().toList());
        problem(problems, counts, "therapist session held by a booking that needs attention", byBooking.entrySet().stream()
                .filter(entry -> "NEEDS_ATTENTION".equals(statuses.get(entry.getKey())))
                .filter(entry -> entry.getValue().stream().anyMatch(session -> session.kind().equals("therapist")))
                .map(Map.Entry::getKey).sorted().toList());

        // Every confirmed customer told once: one confirmation Message-ID per booking. The same Message-ID twice is a
        // send repeated after a crash left it unknown whether it had gone (at least once, by design), counted apart.
        Map<String, Long> deliveries = facts.messageIds().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, Set<String>> confirmations = new HashMap<>();
        Map<String, Set<String>> reminders = new HashMap<>();
        deliveries.keySet().forEach(messageId -> {
            String[] parts = decode(messageId);
            if (parts != null && parts[1].equals("confirmation")) {
                confirmations.computeIfAbsent(parts[0], id -> new HashSet<>()).add(messageId);
            } else if (parts != null && parts[1].startsWith("P")) {
                reminders.computeIfAbsent(parts[0] + " " + Duration.parse(parts[1]), id -> new HashSet<>()).add(messageId);
            }
        });
        counts.put("emails received", (long) facts.messageIds().size());
        counts.put("  confirmations (distinct Message-ID)", confirmations.values().stream().mapToLong(Set::size).sum());
        counts.put("  reminders (distinct Message-ID)", reminders.values().stream().mapToLong(Set::size).sum());
        counts.put("  delivered again under the same Message-ID",
                deliveries.values().stream().mapToLong(n -> n - 1).sum());
        // A confirmation tells of the request's decision: a booking confirmed and later cancelled was told of it too.
        Set<String> decidedConfirmed = decisions.entrySet().stream().filter(entry -> entry.getValue().equals(CONFIRMED))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        problem(problems, counts, "confirmed without a confirmation email",
                decidedConfirmed.stream().filter(id -> !confirmations.containsKey(id)).sorted().toList());
        problem(problems, counts, "more than one confirmation for a booking", confirmations.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1).map(entry -> entry.getKey() + " " + entry.getValue()).sorted().toList());
        problem(problems, counts, "confirmation for a booking not confirmed",
                confirmations.keySet().stream().filter(id -> !decidedConfirmed.contains(id)).sorted().toList());

        // Every reminder due by the count is sent, once: for each booking whose life is its confirmation alone (a move
        // or a cancellation replans or withdraws its reminders), and each lead time notification-service ran with.
        // notification-service plans a booking's reminders as it writes the confirmation, and sends that right after:
        // a reminder is owed when the confirmation arrived well before it was due (one whose time had passed when the
        // booking was heard of, after an outage, is rightly never sent).
        List<String> remindersDue = new ArrayList<>();
        lives.forEach((id, life) -> {
            Instant start = facts.starts().get(id);
            Instant toldAt = confirmations.getOrDefault(id, Set.of()).stream().map(facts.received()::get)
                    .filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
            boolean onlyConfirmed = List.copyOf(life.values()).equals(List.of(CONFIRMED)) && "CONFIRMED".equals(statuses.get(id));
            if (start == null || toldAt == null || !onlyConfirmed) {
                return;
            }
            for (Duration lead : facts.leads()) {
                Instant due = start.minus(lead);
                if (due.isBefore(facts.readAt().minus(REMINDER_MARGIN)) && toldAt.isBefore(due.minus(REMINDER_MARGIN))) {
                    remindersDue.add(id + " " + lead);
                }
            }
        });
        counts.put("reminders due by the count", (long) remindersDue.size());
        problem(problems, counts, "reminder due but not sent",
                remindersDue.stream().filter(due -> !reminders.containsKey(due)).sorted().toList());
        problem(problems, counts, "reminder sent more than once (distinct Message-ID)", reminders.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1).map(entry -> entry.getKey() + " " + entry.getValue()).sorted().toList());

        counts.put("records in dead-letter topics", (long) facts.deadLetters().size());
        counts.put("  of which poison planted on purpose", facts.deadLetters().stream()
                .filter(letter -> facts.planted().contains(letter.key())).count());
        problem(problems, counts, "dead letters not planted", facts.deadLetters().stream()
                .filter(letter -> !facts.planted().contains(letter.key())).map(letter -> letter.topic() + " " + letter.key())
                .sorted().toList());
        Set<String> deadLettered = facts.deadLetters().stream().map(DeadLetter::key).collect(Collectors.toSet());
        problem(problems, counts, "planted poison never dead-lettered", facts.planted().stream()
                .filter(key -> !deadLettered.contains(key)).sorted().toList());
        counts.put("consumer lag of the services' groups", facts.lag().values().stream().mapToLong(Long::longValue).sum());
        problem(problems, counts, "consumer groups behind", entries(facts.lag()));
        return new Report(counts, List.copyOf(problems));
    }

    /**
     * A {@code Message-ID} of notification-service ({@code <bookingId%3Aconfirmation@domain>}, see its {@code MessageIds})
     * as booking id and kind of message: a notice's name, or a reminder's lead time ({@code <bookingId%3APT2H@domain>});
     * null for any other.
     */
    static String[] decode(String messageId) {
        String id = messageId.strip();
        if (id.startsWith("<")) {
            id = id.substring(1);
        }
        int at = id.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        String decoded = URLDecoder.decode(id.substring(0, at).replace("+", "%2B"), StandardCharsets.UTF_8);
        String[] parts = decoded.split("[:#]");
        return parts.length < 2 ? null : new String[] {parts[0], parts[1]};
    }

    /** Pairs of sessions of different owners that overlap on one resource, by a sweep over each resource's sessions. */
    static List<String> overlaps(Collection<Session> sessions) {
        Map<String, List<Session>> byResource = new TreeMap<>();
        sessions.forEach(session -> byResource.computeIfAbsent(session.kind() + " " + session.resourceId(), key -> new ArrayList<>()).add(session));
        List<String> found = new ArrayList<>();
        byResource.forEach((resource, held) -> {
            held.sort(Comparator.comparing(Session::start));
            for (int i = 0; i < held.size(); i++) {
                for (int j = i + 1; j < held.size() && held.get(j).start().isBefore(held.get(i).end()); j++) {
                    Session a = held.get(i);
                    Session b = held.get(j);
                    boolean sameOwner = a.bookingId() != null ? a.bookingId().equals(b.bookingId()) : b.bookingId() == null;
                    if (!sameOwner && a.overlaps(b)) {
                        found.add(resource + ": " + a.owner() + " " + a.start() + "–" + a.end() + " and "
                                + b.owner() + " " + b.start() + "–" + b.end());
                    }
                }
            }
        });
        return found;
    }

    private static void problem(List<String> problems, Map<String, Long> counts, String what, List<String> cases) {
        counts.put(what, (long) cases.size());
        if (!cases.isEmpty()) {
            problems.add(cases.size() + " " + what + ": " + String.join("; ", cases.subList(0, Math.min(EXAMPLES, cases.size())))
                    + (cases.size() > EXAMPLES ? "; …" : ""));
        }
    }

    private static List<String> entries(Map<String, Long> values) {
        return values.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .map(entry -> entry.getKey() + "=" + entry.getValue()).sorted().toList();
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
