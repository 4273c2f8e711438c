package app.sabai.booking.request;

import app.sabai.booking.request.BookingRequest.CustomerForm;
import app.sabai.booking.request.BookingRequest.HomeVisitForm;
import app.sabai.booking.request.BookingRequest.IntakeForm;
import app.sabai.booking.request.BookingRequest.PreferencesForm;

import java.util.List;

/**
 * The body of {@code POST /api/courses}: {@code sessions} sessions (1 to 12) of one treatment, each on one of the
 * {@code weekdays} from {@code firstDate} on, at {@code timeLocal} in the branch's zone, for one customer with one intake
 * (or, with {@code customerId}, the one on their file). A home visit course names its address once. Values stay text
 * here, as in {@link BookingRequest}, so every field at fault is named in one answer.
 */
public record CourseRequest(
        String branchId,
        String technique,
        Integer durationMinutes,
        Integer sessions,
        List<String> weekdays,
        String timeLocal,
        String firstDate,
        CustomerForm customer,
        String customerId,
        IntakeForm intake,
        PreferencesForm preferences,
        List<String> bodyAreas,
        HomeVisitForm homeVisit) {

    /** The same request on behalf of a signed-in customer: their contact details and their file. */
    public CourseRequest onBehalfOf(CustomerForm customer, String customerId) {
        return new CourseRequest(branchId, technique, durationMinutes, sessions, weekdays, timeLocal, firstDate, customer, customerId,
                intake, preferences, bodyAreas, homeVisit);
    }


    public static final int MIN_SESSIONS = 1;
    public static final int MAX_SESSIONS = 12;
}
