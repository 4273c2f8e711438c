package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.support.kafka.DeadLetterHook;
import org.springframework.stereotype.Component;

/** A booking request that goes to the dead-letter topic releases whatever its attempts reserved. */
@Component
class AbandonedRequests implements DeadLetterHook {

    private final AssignmentService assignments;

    AbandonedRequests(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @Override
    public void beforeDeadLetter(Object value, Exception cause) {
        if (value instanceof BookingRequested request) {
            assignments.abandoned(request);
        }
    }
}
