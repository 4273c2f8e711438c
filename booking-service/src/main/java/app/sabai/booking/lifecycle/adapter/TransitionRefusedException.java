package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.BookingChange;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/** A command the booking's status does not allow: 409 naming the status and what is possible instead; nothing changes. */
public class TransitionRefusedException extends RuntimeException {

    public static final URI TRANSITION_NOT_ALLOWED = URI.create("https://sabai.app/problems/transition-not-allowed");

    private final BookingChange.NotAllowed refusal;

    public TransitionRefusedException(BookingChange.NotAllowed refusal) {
        super(refusal.detail());
        this.refusal = refusal;
    }

    public BookingChange.NotAllowed refusal() {
        return refusal;
    }

    /** 409 naming the booking's status ({@code bookingStatus}) and the commands possible instead ({@code allowed}). */
    public ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, getMessage());
        problem.setType(TRANSITION_NOT_ALLOWED);
        problem.setTitle("Not possible in the booking's status");
        problem.setProperty("bookingStatus", refusal.status());
        problem.setProperty("allowed", refusal.allowed());
        return problem;
    }
}
