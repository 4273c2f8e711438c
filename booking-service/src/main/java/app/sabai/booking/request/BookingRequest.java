package app.sabai.booking.request;

import java.util.List;

/**
 * The body of {@code POST /api/bookings} as the client sent it. Enumerations, times and dates stay text
 * here so that validation can name every field at fault in one answer, with the accepted values.
 * {@code customerId} (shown on the customer's earlier bookings) lets a returning customer leave the intake out
 * and use the one on their file; knowing the email alone is not enough.
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
        IntakeForm intake,
        String customerId) {

    /** The same request on behalf of a signed-in customer: their contact details and their file. */
    public BookingRequest onBehalfOf(CustomerForm customer, String customerId) {
        return new BookingRequest(branchId, technique, durationMinutes, start, startLocal, customer, preferences, bodyAreas, homeVisit,
                intake, customerId);
    }


    /** {@code sms}: the customer wants messages by SMS too (then a phone is required). */
    public record CustomerForm(String name, String email, String phone, String language, Boolean sms) {
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
