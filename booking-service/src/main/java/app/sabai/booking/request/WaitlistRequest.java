package app.sabai.booking.request;

import app.sabai.booking.request.BookingRequest.CustomerForm;
import app.sabai.booking.request.BookingRequest.HomeVisitForm;
import app.sabai.booking.request.BookingRequest.IntakeForm;
import app.sabai.booking.request.BookingRequest.PreferencesForm;

import java.util.List;

/**
 * The body of {@code POST /api/waitlist}: a treatment wanted at a branch whenever a slot comes free between {@code from}
 * and {@code to} (local date-times, or dates, in the branch's zone: a date as {@code from} is the start of that day, as
 * {@code to} its end), optionally only on some {@code weekdays} and starting between {@code earliest} and {@code latest}
 * (local times of day). The intake is optional here: the one sent, else the one on the customer's file when
 * {@code customerId} names it; an offer made without one tells the therapist to take it before the session.
 */
public record WaitlistRequest(
        String branchId,
        String technique,
        Integer durationMinutes,
        String from,
        String to,
        List<String> weekdays,
        String earliest,
        String latest,
        CustomerForm customer,
        String customerId,
        IntakeForm intake,
        PreferencesForm preferences,
        List<String> bodyAreas,
        HomeVisitForm homeVisit) {

    /** The same request on behalf of a signed-in customer: their contact details and their file. */
    public WaitlistRequest onBehalfOf(CustomerForm customer, String customerId) {
        return new WaitlistRequest(branchId, technique, durationMinutes, from, to, weekdays, earliest, latest, customer, customerId,
                intake, preferences, bodyAreas, homeVisit);
    }

}
