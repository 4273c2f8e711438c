package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.idempotency.adapter.IdempotencyFilter;
import app.sabai.booking.lifecycle.adapter.BookingCommands.Channel;
import app.sabai.booking.request.CancellationRequest;
import app.sabai.booking.request.RescheduleRequest;
import app.sabai.booking.view.BookingView;
import app.sabai.support.security.Caller;
import app.sabai.support.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Optional;

/**
 * The commands of a booking's later life. Customers: {@code POST /api/bookings/{id}/cancellation} and
 * {@code …/reschedule}. Staff of the booking's branch (404 for a booking of another branch):
 * {@code POST /api/branches/{branchId}/bookings/{id}/cancellation}, {@code …/reschedule}, {@code …/no-show},
 * {@code …/completion}. A cancellation, no-show or completion answers 200 with the booking; a reschedule 202 (the
 * answer of therapist-service follows). A command the booking's status does not allow is 409, naming the status
 * ({@code bookingStatus}) and the commands possible instead ({@code allowed}); a no-show or completion before the
 * session starts is 409 saying from when ({@code possibleFrom}). An {@code Idempotency-Key} is honoured by
 * {@code IdempotencyFilter}. The security rules ({@code RouteAccess}) let staff onto their branches' paths only.
 */
@RestController
class BookingCommandController {

    static final URI TOO_EARLY = URI.create("https://sabai.app/problems/too-early");

    private final BookingCommands commands;

    BookingCommandController(BookingCommands commands) {
        this.commands = commands;
    }

    @PostMapping("/api/bookings/{bookingId}/cancellation")
    BookingView cancelByCustomer(@PathVariable String bookingId, @RequestBody(required = false) CancellationRequest body,
                                 HttpServletRequest request, Caller caller) {
        return BookingAccess.asSeenBy(caller, commands.cancel(bookingId, customerChannel(caller), orNone(body), key(request)));
    }

    @PostMapping("/api/branches/{branchId}/bookings/{bookingId}/cancellation")
    BookingView cancelByStaff(@PathVariable String branchId, @PathVariable String bookingId,
                              @RequestBody(required = false) CancellationRequest body, HttpServletRequest request, Caller caller) {
        return BookingAccess.asSeenBy(caller, commands.cancel(bookingId, Channel.staffOf(branchId), orNone(body), key(request)));
    }

    @PostMapping("/api/bookings/{bookingId}/reschedule")
    ResponseEntity<BookingView> rescheduleByCustomer(@PathVariable String bookingId, @RequestBody(required = false) RescheduleRequest body,
                                                     HttpServletRequest request, Caller caller) {
        return ResponseEntity.accepted().body(BookingAccess.asSeenBy(caller,
                commands.requestReschedule(bookingId, customerChannel(caller), body, key(request))));
    }

    @PostMapping("/api/branches/{branchId}/bookings/{bookingId}/reschedule")
    ResponseEntity<BookingView> rescheduleByStaff(@PathVariable String branchId, @PathVariable String bookingId,
                                                  @RequestBody(required = false) RescheduleRequest body, HttpServletRequest request,
                                                  Caller caller) {
        return ResponseEntity.accepted().body(BookingAccess.asSeenBy(caller,
                commands.requestReschedule(bookingId, Channel.staffOf(branchId), body, key(request))));
    }

    @PostMapping("/api/branches/{branchId}/bookings/{bookingId}/no-show")
    BookingView noShow(@PathVariable String branchId, @PathVariable String bookingId, HttpServletRequest request, Caller caller) {
        return BookingAccess.asSeenBy(caller, commands.markNoShow(bookingId, Channel.staffOf(branchId), key(request)));
    }

    @PostMapping("/api/branches/{branchId}/bookings/{bookingId}/completion")
    BookingView completion(@PathVariable String branchId, @PathVariable String bookingId, HttpServletRequest request, Caller caller) {
        return BookingAccess.asSeenBy(caller, commands.complete(bookingId, Channel.staffOf(branchId), key(request)));
    }

    @ExceptionHandler(TransitionRefusedException.class)
    ProblemDetail transitionRefused(TransitionRefusedException e) {
        return e.problem();
    }

    @ExceptionHandler(TooEarlyException.class)
    ProblemDetail tooEarly(TooEarlyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(TOO_EARLY);
        problem.setTitle("Not possible before the session starts");
        problem.setProperty("possibleFrom", e.notYet().possibleFrom());
        return problem;
    }

    /** A customer acts on their own bookings; an administrator on anyone's. */
    private static Channel customerChannel(Caller caller) {
        return caller.has(Role.ADMIN) ? Channel.anyCustomer() : Channel.customer(caller.subject());
    }

    private static CancellationRequest orNone(CancellationRequest body) {
        return body == null ? CancellationRequest.none() : body;
    }

    private static Optional<String> key(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(IdempotencyFilter.COMMAND_KEY));
    }
}
