package app.sabai.booking.request.adapter;

import app.sabai.booking.request.BookingRequest;
import app.sabai.booking.view.BookingView;
import app.sabai.support.security.Caller;
import app.sabai.support.web.FieldProblem;
import app.sabai.support.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code POST /api/bookings}: 202 with the booking and its URL; the decision follows asynchronously. */
@RestController
class BookingController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final URI KEY_REUSED = URI.create("https://sabai.app/problems/idempotency-key-reused");
    private static final Pattern VALID_KEY = Pattern.compile("^[\\x21-\\x7E]{1,200}$");

    private final BookingRequests requests;

    BookingController(BookingRequests requests) {
        this.requests = requests;
    }

    @PostMapping("/api/bookings")
    ResponseEntity<BookingView> request(@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                        @RequestBody BookingRequest request, Caller caller) {
        if (idempotencyKey != null && !VALID_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException(IDEMPOTENCY_KEY, "must be 1 to 200 visible ASCII characters, such as a UUID");
        }
        BookingView booking = requests.request(request, Optional.ofNullable(idempotencyKey), caller);
        return ResponseEntity.accepted().location(URI.create("/api/bookings/" + booking.id())).body(booking);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setType(KEY_REUSED);
        problem.setTitle("Idempotency-Key reused");
        problem.setProperty("errors", List.of(new FieldProblem(IDEMPOTENCY_KEY, e.getMessage())));
        return problem;
    }
}
