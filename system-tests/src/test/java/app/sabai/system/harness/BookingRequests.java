package app.sabai.system.harness;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** Booking requests with sensible defaults ("mothers"), changed one field at a time. */
public final class BookingRequests {

    private String branchId = "liverpool";
    private String technique = "SWEDISH";
    private int durationMinutes = 60;
    private String startLocal;
    private String customerName = "Malee Srisuk";
    private String email = "guest-" + UUID.randomUUID() + "@example.com";
    private String language = "en";
    private String preferredTherapistId;
    private String intake = """
            {"conditions": [], "injuries": [], "pregnant": false, "breastfeeding": false, "allergies": []}""";

    private BookingRequests() {
    }

    public static BookingRequests booking() {
        return new BookingRequests().at(LocalDate.now().plusDays(3), LocalTime.of(11, 0));
    }

    public BookingRequests branch(String branchId) {
        this.branchId = branchId;
        return this;
    }

    public BookingRequests technique(String technique, int durationMinutes) {
        this.technique = technique;
        this.durationMinutes = durationMinutes;
        return this;
    }

    public BookingRequests at(LocalDate date, LocalTime time) {
        this.startLocal = date.atTime(time).toString();
        return this;
    }

    public BookingRequests customer(String name, String email) {
        this.customerName = name;
        this.email = email;
        return this;
    }

    /** The therapist the customer asks for: ranked first whenever free and qualified. */
    public BookingRequests preferring(String therapistId) {
        this.preferredTherapistId = therapistId;
        return this;
    }

    public String email() {
        return email;
    }

    public String json() {
        String preferred = preferredTherapistId == null ? "" : "\"therapistId\": \"" + preferredTherapistId + "\", ";
        return """
                {"branchId": "%s", "technique": "%s", "durationMinutes": %d, "startLocal": "%s",
                 "customer": {"name": "%s", "email": "%s", "phone": "+441515550100", "language": "%s"},
                 "preferences": {%s"therapistGender": "ANY", "pressure": "MEDIUM"},
                 "bodyAreas": ["UPPER_BACK"],
                 "intake": %s}""".formatted(branchId, technique, durationMinutes, startLocal, customerName, email, language, preferred, intake);
    }
}
