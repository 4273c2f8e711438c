package app.sabai.booking.request;

import java.util.List;

/**
 * The body of {@code POST /api/bookings} as the client sent it. Enumerations, times and dates stay text
 * here so that validation can name every field at fault in one answer, with the accepted values.
 */
public record BookingRequest(
        String branchId,
        String technique,
        Integer durationMinutes,
        String start,
        String startLocal,
        CustomerForm customer,
        PreferencesForm preferences,
        List<String> bodyAreas,
        HomeVisitForm homeVisit,
        IntakeForm intake) {

    public record CustomerForm(String name, String email, String phone, String language) {
    }

    public record PreferencesForm(String therapistId, String therapistGender, String pressure) {
    }

    public record HomeVisitForm(String address, String postcode) {
    }

    /** The intake as sent; {@code allergies} are oils, {@code recentSurgery.date} an ISO date. */
    public record IntakeForm(
            List<String> conditions,
            List<InjuryForm> injuries,
            Boolean pregnant,
            Integer pregnancyWeek,
            Boolean breastfeeding,
            SurgeryForm recentSurgery,
            List<String> allergies,
            String medication,
            Integer age) {
    }

    public record InjuryForm(String area, Boolean acute, String description) {
    }

    public record SurgeryForm(String date, Boolean medicalClearance) {
    }
}
