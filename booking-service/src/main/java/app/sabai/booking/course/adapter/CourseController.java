package app.sabai.booking.course.adapter;

import app.sabai.booking.course.CourseView;
import app.sabai.booking.idempotency.adapter.IdempotencyFilter;
import app.sabai.booking.request.CancellationRequest;
import app.sabai.booking.request.CourseRequest;
import app.sabai.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/courses}: 201 with the course (DECIDING, each session's booking) and its URL; the decisions follow.
 * {@code GET /api/courses/{id}}: each session as it stands now. {@code POST /api/courses/{id}/cancellation} (optional
 * {@code reason}): 200 with the course, its future sessions cancelled. An {@code Idempotency-Key} on either POST is
 * honoured by {@code IdempotencyFilter}. A course is its customer's, and its branch's staff's ({@code BookingAccess}); to anyone else it does not exist.
 */
@RestController
class CourseController {

    private final CourseRequests courses;

    CourseController(CourseRequests courses) {
        this.courses = courses;
    }

    @PostMapping("/api/courses")
    ResponseEntity<CourseView> create(@RequestBody CourseRequest body, HttpServletRequest request, Caller caller) {
        CourseView course = courses.create(body, key(request), caller);
        return ResponseEntity.created(URI.create("/api/courses/" + course.id())).body(course);
    }

    /** The signed-in customer's courses, newest first. */
    @GetMapping("/api/me/courses")
    List<CourseView> mine(Caller caller) {
        return courses.coursesOf(caller.subject()).stream().sorted(Comparator.comparing(CourseView::createdAt).reversed()).toList();
    }

    @GetMapping("/api/courses/{courseId}")
    CourseView course(@PathVariable String courseId, Caller caller) {
        return courses.view(courseId, caller);
    }

    @PostMapping("/api/courses/{courseId}/cancellation")
    CourseView cancel(@PathVariable String courseId, @RequestBody(required = false) CancellationRequest body, HttpServletRequest request,
                      Caller caller) {
        courses.checkAccess(courseId, caller, true);
        return courses.cancel(courseId, body == null ? CancellationRequest.none() : body, key(request));
    }

    private static Optional<String> key(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(IdempotencyFilter.COMMAND_KEY));
    }
}
