package app.sabai.booking.testing;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JSON bodies as a client would send them: for {@code POST /api/bookings} a valid request for a branch, a week ahead
 * at 10:00 local time, with a fresh customer email; for {@code POST /api/courses} six sessions on Mondays and Thursdays
 * at 11:00 from a week ahead; for {@code POST /api/waitlist} a 60-minute Thai massage any time in the three days from a
 * week ahead. Change one thing with {@link #with}.
 */
public final class RequestBodies {

    private final Map<String, Object> body;

    private RequestBodies(Map<String, Object> body) {
        this.body = body;
    }

    public static RequestBodies aBooking(String branchId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branchId", branchId);
        body.put("technique", "THAI");
        body.put("durationMinutes", 60);
        body.put("startLocal", aWeekAheadAt(LocalTime.of(10, 0)).toString());
        body.put("customer", map("name", "Somchai Jaidee", "email", freshEmail(), "phone", "+447700900123", "language", "en"));
        body.put("preferences", map("therapistId", null, "therapistGender", "ANY", "pressure", "MEDIUM"));
        body.put("bodyAreas", List.of("LOWER_BACK"));
        body.put("intake", map("conditions", List.of(), "injuries", List.of(), "pregnant", false, "breastfeeding", false,
                "allergies", List.of(), "age", 42));
        return new RequestBodies(body);
    }

    public static RequestBodies aCourse(String branchId) {
        RequestBodies course = aBooking(branchId).without("startLocal");
        course.body.put("sessions", 6);
        course.body.put("weekdays", list("MONDAY", "THURSDAY"));
        course.body.put("timeLocal", "11:00");
        course.body.put("firstDate", LocalDate.now(TestBranches.LONDON).plusDays(7).toString());
        return course;
    }

    /** Waiting for a Thai massage of 60 minutes from the start of the day a week ahead to the end of the day two days later. */
    public static RequestBodies aWaitlistEntry(String branchId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branchId", branchId);
        body.put("technique", "THAI");
        body.put("durationMinutes", 60);
        body.put("from", LocalDate.now(TestBranches.LONDON).plusDays(7).toString());
        body.put("to", LocalDate.now(TestBranches.LONDON).plusDays(9).toString());
        body.put("customer", map("name", "Malee Srisuk", "email", freshEmail(), "phone", "+447700900456", "language", "th"));
        return new RequestBodies(body);
    }

    public static RequestBodies aHomeVisit(String mobileBranchId) {
        return aBooking(mobileBranchId)
                .with("technique", "SWEDISH")
                .with("homeVisit", map("address", "1 Hamilton Square, Birkenhead", "postcode", "CH41 5AL"));
    }

    public static LocalDateTime aWeekAheadAt(LocalTime time) {
        return LocalDate.now(TestBranches.LONDON).plusDays(7).atTime(time);
    }

    public static String freshEmail() {
        return "customer-" + UUID.randomUUID() + "@example.com";
    }

    /** Sets a value at a dotted path ({@code customer.email}), creating objects on the way. */
    @SuppressWarnings("unchecked")
    public RequestBodies with(String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], key -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
        return this;
    }

    @SuppressWarnings("unchecked")
    public RequestBodies without(String path) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.get(parts[i]);
        }
        node.remove(parts[parts.length - 1]);
        return this;
    }

    @SuppressWarnings("unchecked")
    public String email() {
        return (String) ((Map<String, Object>) body.get("customer")).get("email");
    }

    public Map<String, Object> asMap() {
        return body;
    }

    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static List<Object> list(Object... values) {
        return new ArrayList<>(List.of(values));
    }
}
