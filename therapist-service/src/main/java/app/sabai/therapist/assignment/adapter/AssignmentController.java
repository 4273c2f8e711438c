package app.sabai.therapist.assignment.adapter;

import app.sabai.support.web.NotFoundException;
import app.sabai.therapist.assignment.AssignmentView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AssignmentController {

    private final Assignments assignments;

    AssignmentController(Assignments assignments) {
        this.assignments = assignments;
    }

    @GetMapping("/api/assignments/{bookingId}")
    AssignmentView assignment(@PathVariable String bookingId) {
        return assignments.find(bookingId).map(AssignmentView::of)
                .orElseThrow(() -> new NotFoundException("assignment for booking", bookingId));
    }
}
