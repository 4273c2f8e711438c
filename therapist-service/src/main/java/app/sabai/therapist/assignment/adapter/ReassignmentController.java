package app.sabai.therapist.assignment.adapter;

import app.sabai.support.web.FieldProblem;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.therapist.assignment.AssignmentView;
import app.sabai.therapist.assignment.Reassignment;
import app.sabai.therapist.assignment.ReassignmentRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Staff move a booking of their branch to another therapist. */
@RestController
class ReassignmentController {

    static final URI REFUSED = URI.create("https://sabai.app/problems/reassignment-refused");
    static final int REASON_LENGTH = 500;

    private final ReassignmentService reassignments;

    ReassignmentController(ReassignmentService reassignments) {
        this.reassignments = reassignments;
    }

    /** 200 with the new assignment and why; 409 naming the rule that refused, with what could be done instead. */
    @PostMapping("/api/branches/{branchId}/bookings/{bookingId}/reassignment")
    ResponseEntity<?> reassign(@PathVariable String branchId, @PathVariable String bookingId,
                               @RequestBody(required = false) ReassignmentRequest body) {
        ReassignmentRequest request = body == null ? new ReassignmentRequest(null, null) : body;
        validate(request);
        return switch (reassignments.reassign(branchId, bookingId, request.therapistId(), request.reason())) {
            case Reassignment.Done done -> ResponseEntity.ok(new Moved(done.changed(), done.assignment()));
            case Reassignment.Refused refused -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(refused, request));
        };
    }

    /** {@code changed} is false when the booking already was with the therapist named. */
    record Moved(boolean changed, AssignmentView assignment) {
    }

    private static ProblemDetail problem(Reassignment.Refused refused, ReassignmentRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.detail());
        problem.setType(REFUSED);
        problem.setTitle("Reassignment refused");
        problem.setProperty("rule", refused.rule());
        problem.setProperty("errors", List.of(new FieldProblem(request.therapistId() == null ? "bookingId" : "therapistId",
                refused.rule() + ": " + refused.detail())));
        problem.setProperty("considered", refused.considered());
        problem.setProperty("otherTherapists", refused.otherTherapists());
        problem.setProperty("alternatives", refused.alternatives());
        return problem;
    }

    private static void validate(ReassignmentRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.therapistId() != null && request.therapistId().isBlank()) {
            problems.add(new FieldProblem("therapistId", "must name a therapist, or be null to let the platform choose"));
        }
        if (request.reason() != null && request.reason().length() > REASON_LENGTH) {
            problems.add(new FieldProblem("reason", "must be at most " + REASON_LENGTH + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
