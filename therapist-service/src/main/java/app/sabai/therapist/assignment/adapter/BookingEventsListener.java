package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingNoShow;
import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.bookings.BookingRescheduleRequested;
import app.sabai.contracts.bookings.BookingRescheduled;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.bookings.CourseDecided;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes {@code sabai.bookings}: every requested booking gets its one assignment decision. */
@Component
class BookingEventsListener {

    private final AssignmentService assignments;

    BookingEventsListener(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @KafkaListener(topics = "sabai.bookings")
    void on(BookingEvent event) {
        switch (event) {
            case BookingRequested requested -> assignments.handle(requested);
            // Outcomes of our own decisions as booking-service applied them: nothing more to do here.
            case BookingConfirmed confirmed -> { }
            case BookingRejected rejected -> { }
            case BookingNeedsAttention needsAttention -> { }
            // Releasing and moving reservations for these arrives with cancellation and rescheduling.
            case BookingCancelled cancelled -> { }
            case BookingRescheduleRequested rescheduleRequested -> { }
            case BookingRescheduled rescheduled -> { }
            case BookingCompleted completed -> { }
            case BookingNoShow noShow -> { }
            case BookingTherapistChanged changed -> { }
            case BookingOffered offered -> { }
            case CourseDecided decided -> { }
        }
    }
}
