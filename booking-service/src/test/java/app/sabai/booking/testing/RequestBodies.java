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
 * JSON bodies for {@code POST /api/bookings}, as a client would send them: a valid request for a branch,
 * a week ahead at 10:00 local time, with a fresh customer email; change one thing with {@link #with}.
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
