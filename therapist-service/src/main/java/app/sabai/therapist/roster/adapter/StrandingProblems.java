package app.sabai.therapist.roster.adapter;

import app.sabai.support.web.FieldProblem;
import app.sabai.therapist.time.LocalTimes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;

/** 409 naming every booked session a change would strand. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StrandingProblems {

    static final URI STRANDS_BOOKINGS = URI.create("https://sabai.app/problems/change-strands-bookings");

    @ExceptionHandler(StrandingRefused.class)
    ProblemDetail strands(StrandingRefused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.getMessage());
        problem.setType(STRANDS_BOOKINGS);
        problem.setTitle("The change would strand booked sessions");
        problem.setProperty("errors", List.of(new FieldProblem(refused.field(), refused.getMessage())));
        problem.setProperty("stranded", refused.stranded().stream()
                .map(session -> new Stranded(session.bookingId(), session.branchId(), session.session().start().toString(),
                        LocalTimes.localOf(session.session().start(), session.zone()).toString()))
                .toList());
        return problem;
    }

    record Stranded(String bookingId, String branchId, String start, String startLocal) {
    }
}
