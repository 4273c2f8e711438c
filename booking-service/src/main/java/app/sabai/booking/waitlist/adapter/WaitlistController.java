package app.sabai.booking.waitlist.adapter;

import app.sabai.booking.idempotency.adapter.IdempotencyFilter;
import app.sabai.booking.lifecycle.adapter.TransitionRefusedException;
import app.sabai.booking.request.WaitlistRequest;
import app.sabai.booking.waitlist.WaitlistView;
import app.sabai.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
 * The waitlist. {@code POST /api/waitlist}: 201 with the entry (WAITING) and its URL. {@code GET /api/waitlist/{id}}.
 * {@code POST /api/waitlist/{id}/acceptance}: 201 {@code {"bookingId"}} with the booking's URL (the offer's booking is
 * CONFIRMED). {@code POST /api/waitlist/{id}/decline}: 200 with the entry (DECLINED). {@code DELETE /api/waitlist/{id}}:
 * 200 with the entry (CANCELLED). A command the entry's status does not allow is 409 naming the status
 * ({@code waitlistStatus}) and what is possible instead ({@code allowed}). An {@code Idempotency-Key} on a POST is honoured
 * by {@code IdempotencyFilter}. An entry is its customer's, and its branch's staff's ({@code BookingAccess}); to anyone else it does not exist.
 */
@RestController
class WaitlistController {

    static final URI NOT_IN_STATUS = URI.create("https://sabai.app/problems/waitlist-status");

    private final WaitlistRequests waitlist;

    WaitlistController(WaitlistRequests waitlist) {
        this.waitlist = waitlist;
    }

    /** The answer to an acceptance: the booking the offer became. */
    record Accepted(String bookingId) {
    }

    @PostMapping("/api/waitlist")
    ResponseEntity<WaitlistView> create(@RequestBody WaitlistRequest body, HttpServletRequest request, Caller caller) {
        WaitlistView entry = waitlist.create(body, key(request), caller);
        return ResponseEntity.created(URI.create("/api/waitlist/" + entry.id())).body(entry);
    }

    /** The signed-in customer's waitlist entries, newest first. */
    @GetMapping("/api/me/waitlist")
    List<WaitlistView> mine(Caller caller) {
        return waitlist.entriesOf(caller.subject()).stream().sorted(Comparator.comparing(WaitlistView::createdAt).reversed()).toList();
    }

    @GetMapping("/api/waitlist/{waitlistId}")
    WaitlistView entry(@PathVariable String waitlistId, Caller caller) {
        return waitlist.view(waitlistId, caller);
    }

    @PostMapping("/api/waitlist/{waitlistId}/acceptance")
    ResponseEntity<Accepted> accept(@PathVariable String waitlistId, HttpServletRequest request, Caller caller) {
        waitlist.checkAccess(waitlistId, caller, true);
        String bookingId = waitlist.accept(waitlistId, key(request));
        return ResponseEntity.created(URI.create("/api/bookings/" + bookingId)).body(new Accepted(bookingId));
    }

    @PostMapping("/api/waitlist/{waitlistId}/decline")
    WaitlistView decline(@PathVariable String waitlistId, HttpServletRequest request, Caller caller) {
        waitlist.checkAccess(waitlistId, caller, true);
        return waitlist.decline(waitlistId, key(request));
    }

    @DeleteMapping("/api/waitlist/{waitlistId}")
    WaitlistView cancel(@PathVariable String waitlistId, Caller caller) {
        waitlist.checkAccess(waitlistId, caller, true);
        return waitlist.cancel(waitlistId);
    }

    @ExceptionHandler(WaitlistRefusedException.class)
    ProblemDetail refused(WaitlistRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(NOT_IN_STATUS);
        problem.setTitle("Not possible in the waitlist entry's status");
        problem.setProperty("waitlistStatus", e.status());
        problem.setProperty("allowed", e.allowed());
        return problem;
    }

    @ExceptionHandler(TransitionRefusedException.class)
    ProblemDetail transitionRefused(TransitionRefusedException e) {
        return e.problem();
    }

    private static Optional<String> key(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(IdempotencyFilter.COMMAND_KEY));
    }
}
