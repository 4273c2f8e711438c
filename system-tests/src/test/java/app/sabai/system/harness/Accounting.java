package app.sabai.system.harness;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** The terminal decisions on a request, with the booking status each leaves in booking-service's store. */
    public static final Map<String, String> DECISIONS = Map.of(CONFIRMED, "CONFIRMED", REJECTED, "REJECTED",
            NEEDS_ATTENTION, "NEEDS_ATTENTION");

    private static final int EXAMPLES = 5;

    private Accounting() {
    }

    /** One decision record on {@code sabai.bookings}: its {@code ce_subject}, {@code ce_type} and {@code ce_id}. */
    public record DecisionEvent(String bookingId, String type, String eventId) {
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
     * @param decisions   every decision record on {@code sabai.bookings}, redeliveries included
     * @param statuses    every booking in booking-service's store, by id
     * @param sessions    every entry of every day document (a session filed on two days appears twice)
     * @param messageIds  the {@code Message-ID} of every email in the mailbox, one per message received
     * @param deadLetters every record of every {@code -dlt} topic
     * @param planted     the keys of the poison records put on the topics on purpose: each must reach a dead-letter
     *                    topic (once for each group that reads it, or again after a replay), and nothing else may
     * @param lag         records not yet processed by each of the services' consumer groups
     */
    public record Facts(Set<String> accepted, List<DecisionEvent> decisions, Map<String, String> statuses,
                        List<Session> sessions, List<String> messageIds, List<DeadLetter> deadLetters, Set<String> planted,
                        Map<String, Long> lag) {
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

        // Every accepted request decided exactly once: distinct event ids, so that a redelivery is not a second decision.
        Map<String, Map<String, String>> decisionsByBooking = new HashMap<>();
        long redeliveries = 0;
        for (DecisionEvent event : facts.decisions()) {
            String previous = decisionsByBooking.computeIfAbsent(event.bookingId(), id -> new LinkedHashMap<>())
                    .put(event.eventId(), event.type());
            if (previous != null) {
                redeliveries++;
            }
        }
        counts.put("decision records on sabai.bookings", (long) facts.decisions().size());
        counts.put("  of which redelivered (same ce_id again)", redeliveries);
        for (String type : List.of(CONFIRMED, REJECTED, NEEDS_ATTENTION)) {
            counts.put("  bookings decided " + DECISIONS.get(type), decisionsByBooking.values().stream()
                    .filter(events -> events.containsValue(type)).count());
        }
        List<String> undecided = accepted.stream().filter(id -> !decisionsByBooking.containsKey(id)).sorted().toList();
        List<String> decidedTwice = decisionsByBooking.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .map(entry -> entry.getKey() + " " + entry.getValue().values()).sorted().toList();
        List<String> decidedUnknown = decisionsByBooking.keySet().stream().filter(id -> !accepted.contains(id)).sorted().toList();
        problem(problems, counts, "accepted without a decision", undecided);
        problem(problems, counts, "decided more than once (distinct ce_id)", decidedTwice);
        problem(problems, counts, "decisions on ids never answered 202", decidedUnknown);

        // The booking as booking-service holds it agrees with its decision.
        Map<String, String> statuses = facts.statuses();
        counts.put("bookings stored", (long) statuses.size());
        problem(problems, counts, "accepted but not stored", accepted.stream().filter(id -> !statuses.containsKey(id)).sorted().toList());
        problem(problems, counts, "stored but never answered 202",
                statuses.keySet().stream().filter(id -> !accepted.contains(id)).sorted().toList());
        List<String> disagreeing = new ArrayList<>();
        decisionsByBooking.forEach((id, events) -> {
            String status = statuses.get(id);
            if (events.size() == 1 && status != null && !status.equals(DECISIONS.get(events.values().iterator().next()))) {
                disagreeing.add(id + " decided " + events.values().iterator().next() + " but stored " + status);
            }
        });
        problem(problems, counts, "stored status differs from the decision", sorted(disagreeing));

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
            long attempts = held.stream().map(Session::attempt).distinct().count();
            if (therapists != 1 || attempts > 1) {
                notOneSession.add(id + " holds " + therapists + " therapist session(s) over " + attempts + " attempt(s)");
            }
        }
        problem(problems, counts, "confirmed without exactly one session", sorted(notOneSession));
        problem(problems, counts, "sessions held by a booking not confirmed", byBooking.entrySet().stream()
                .filter(entry -> !confirmed.contains(entry.getKey()))
                .map(entry -> entry.getKey() + " (" + statuses.getOrDefault(entry.getKey(), "not stored") + ") holds "
                        + entry.getValue().size()).sorted().toList());

        // Every confirmed customer told once: one confirmation Message-ID per booking. The same Message-ID twice is a
        // send repeated after a crash left it unknown whether it had gone (at least once, by design), counted apart.
        Map<String, Long> deliveries = facts.messageIds().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, Set<String>> confirmations = new HashMap<>();
        deliveries.keySet().forEach(messageId -> {
            String[] parts = decode(messageId);
            if (parts != null && parts[1].equals("confirmation")) {
                confirmations.computeIfAbsent(parts[0], id -> new HashSet<>()).add(messageId);
            }
        });
        counts.put("emails received", (long) facts.messageIds().size());
        counts.put("  confirmations (distinct Message-ID)", confirmations.values().stream().mapToLong(Set::size).sum());
        counts.put("  delivered again under the same Message-ID",
                deliveries.values().stream().mapToLong(n -> n - 1).sum());
        problem(problems, counts, "confirmed without a confirmation email",
                confirmed.stream().filter(id -> !confirmations.containsKey(id)).sorted().toList());
        problem(problems, counts, "more than one confirmation for a booking", confirmations.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1).map(entry -> entry.getKey() + " " + entry.getValue()).sorted().toList());
        problem(problems, counts, "confirmation for a booking not confirmed",
                confirmations.keySet().stream().filter(id -> !confirmed.contains(id)).sorted().toList());

        counts.put("records in dead-letter topics", (long) facts.deadLetters().size());
        counts.put("  of which poison planted on purpose", facts.deadLetters().stream()
                .filter(letter -> facts.planted().contains(letter.key())).count());
        problem(problems, counts, "dead letters not planted", facts.deadLetters().stream()
                .filter(letter -> !facts.planted().contains(letter.key())).map(letter -> letter.topic() + " " + letter.key()).sorted().toList());
        Set<String> deadLettered = facts.deadLetters().stream().map(DeadLetter::key).collect(Collectors.toSet());
        problem(problems, counts, "planted poison never dead-lettered", facts.planted().stream()
                .filter(key -> !deadLettered.contains(key)).sorted().toList());
        counts.put("consumer lag of the services' groups", facts.lag().values().stream().mapToLong(Long::longValue).sum());
        problem(problems, counts, "consumer groups behind", entries(facts.lag()));
        return new Report(counts, List.copyOf(problems));
    }

    /**
     * A {@code Message-ID} of notification-service ({@code <bookingId%3Aconfirmation@domain>}, see its {@code MessageIds})
     * as booking id and kind of message; null for any other.
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
