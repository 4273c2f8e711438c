package app.sabai.booking.course.adapter;

import app.sabai.booking.catalogue.adapter.BranchCatalogue;
import app.sabai.booking.course.Course;
import app.sabai.booking.course.CourseSession;
import app.sabai.booking.course.CourseStatus;
import app.sabai.booking.course.CourseView;
import app.sabai.booking.idempotency.IdempotencyDays;
import app.sabai.booking.intake.Intake;
import app.sabai.booking.intake.IntakeScreening;
import app.sabai.booking.intake.adapter.CustomerFile;
import app.sabai.booking.intake.adapter.IntakeProperties;
import app.sabai.booking.intake.adapter.OnBehalf;
import app.sabai.booking.lifecycle.Booking;
import app.sabai.booking.lifecycle.IdempotencyRecord;
import app.sabai.booking.lifecycle.OpenedBooking;
import app.sabai.booking.lifecycle.adapter.BookingAccess;
import app.sabai.booking.lifecycle.adapter.BookingCommands;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.request.BookingRequest;
import app.sabai.booking.request.CancellationRequest;
import app.sabai.booking.request.ChangeRequests;
import app.sabai.booking.request.CourseRequest;
import app.sabai.booking.request.CourseRequestValidator;
import app.sabai.booking.request.CourseValidation;
import app.sabai.booking.request.ValidCourse;
import app.sabai.booking.request.adapter.CrashPoint;
import app.sabai.booking.view.BookingView;
import app.sabai.support.security.Caller;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.support.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Courses: takes a course request (validated and screened session by session like a booking, with one intake), stores the
 * course and then each session as a booking with the course's id, each with its {@code BookingRequested}; answers where
 * a course stands; cancels a course's future sessions, each a customer's cancellation under the branch's policy.
 * <p>
 * The course is stored before its sessions, so every decision about a session finds its course. With an
 * {@code Idempotency-Key} the course's id (and each session's) follows from the key, so a retry after a failure or crash
 * part-way (the key is given up on a failure, taken over after a crash) finds what was written and adds only what is missing.
 */
@Service
public class CourseRequests {

    /** Why a course ends when its customer's data is erased. */
    public static final String ERASED = "the customer closed their account";

    static final String COURSE_STORED = "course-stored";
    static final String SESSION_STORED = "course-session-stored";

    private static final Logger log = LoggerFactory.getLogger(CourseRequests.class);
    private static final String COURSE_CANCELLED = "course cancelled";
    private static final int ATTEMPTS = 5;

    private final BranchCatalogue catalogue;
    private final CustomerFile customers;
    private final Bookings bookings;
    private final Courses courses;
    private final BookingCommands commands;
    private final CourseRequestValidator validator = new CourseRequestValidator();
    private final IntakeScreening screening;
    private final Clock clock;
    private final JsonMapper json;
    private final CrashPoint crashPoint;

    CourseRequests(BranchCatalogue catalogue, CustomerFile customers, Bookings bookings, Courses courses,
                   BookingCommands commands, IntakeProperties intake, Clock clock, JsonMapper json, CrashPoint crashPoint) {
        this.catalogue = catalogue;
        this.customers = customers;
        this.bookings = bookings;
        this.courses = courses;
        this.commands = commands;
        this.screening = new IntakeScreening(intake.surgeryWeeks());
        this.clock = clock;
        this.json = json;
        this.crashPoint = crashPoint;
    }

    CourseView create(CourseRequest sent, Optional<String> idempotencyKey, Caller caller) {
        OnBehalf behalf = OnBehalf.of(caller, sent.branchId(), sent.customer());
        CourseRequest request = sent.onBehalfOf(behalf.customer(), behalf.customerIdOr(sent.customerId()));
        Instant now = now();
        Optional<Intake> intakeOnFile = Optional.ofNullable(request.customer())
                .map(BookingRequest.CustomerForm::email)
                .filter(email -> request.intake() == null)
                .flatMap(email -> customers.intakeOf(email, request.customerId()));
        ValidCourse valid = switch (validator.validate(request, catalogue.find(request.branchId()), intakeOnFile, now)) {
            case CourseValidation.Valid v -> v.course();
            case CourseValidation.Invalid invalid -> throw new InvalidRequestException(invalid.problems());
        };

        String courseId = idOf(idempotencyKey, now);
        String email = valid.customerEmail();
        String customerId = customers.idOf(email, behalf.signedInCustomer());
        if (valid.intakeSent()) {
            customers.keepIntake(email, customerId, valid.intake(), now);
        }
        List<OpenedBooking> sessions = new ArrayList<>();
        for (int i = 0; i < valid.sessions().size(); i++) {
            sessions.add(OpenedBooking.open(nameUuid("course/" + courseId + "/session/" + i), customerId, valid.sessions().get(i),
                    screening.screen(valid.session(i), valid.intake()), now, Booking.Links.course(courseId)));
        }
        Course.Changed opened = Course.open(courseId, sessions.stream().map(OpenedBooking::booking).toList(), valid.weekdays(),
                valid.timeLocal(), valid.firstDate(), now);

        // Listed first: a crash after this leaves ids that resolve to nothing, never a session nobody finds.
        for (OpenedBooking session : sessions) {
            customers.addBooking(email, session.booking().id());
        }
        boolean retried = false;
        try {
            courses.insert(opened.course(), opened.events());
        } catch (DuplicateKeyException storedBefore) {
            log.info("Course {} was stored by an earlier attempt of the same request: adding what it lacks", courseId);
            retried = true;
        }
        crashPoint.reached(COURSE_STORED);
        for (OpenedBooking session : sessions) {
            Booking booking = session.booking();
            try {
                bookings.insert(booking, new IdempotencyRecord(booking.id(), "course/" + courseId,
                        json.writeValueAsString(BookingView.of(booking))), List.of(session.event()));
            } catch (DuplicateKeyException storedBefore) {
                log.info("Session {} of course {} was stored by an earlier attempt", booking.id(), courseId);
            }
            crashPoint.reached(SESSION_STORED);
        }
        if (retried) {
            return view(courseId);
        }
        return CourseView.of(opened.course(), sessions.stream().map(OpenedBooking::booking)
                .collect(Collectors.toMap(Booking::id, Function.identity())));
    }

    /**
     * A new course's id: random, or with an {@code Idempotency-Key} one that follows from the key, so a retry of the request
     * after a failure part-way finds the course it began. A course of that id made longer ago than keys are kept was made
     * by an earlier use of the key, which now counts as new: the course gets a random id.
     */
    private String idOf(Optional<String> idempotencyKey, Instant now) {
        if (idempotencyKey.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        String derived = nameUuid("course/" + idempotencyKey.get());
        boolean keyUsedBefore = courses.find(derived).map(stored -> IdempotencyDays.expired(stored.course().createdAt(), now)).orElse(false);
        return keyUsedBefore ? UUID.randomUUID().toString() : derived;
    }

    /** Answers as if the course did not exist unless the caller may see it ({@code change}: change it). */
    void checkAccess(String courseId, Caller caller, boolean change) {
        accessible(courseId, caller, change);
    }

    /** The course as its view, read once, or not found unless the caller may see it. */
    CourseView view(String courseId, Caller caller) {
        Course course = accessible(courseId, caller, false);
        return CourseView.of(course, bookingsOf(course));
    }

    private Course accessible(String courseId, Caller caller, boolean change) {
        return courses.find(courseId).map(Courses.StoredCourse::course)
                .filter(course -> change ? BookingAccess.changes(caller, course.customerId(), course.branchId())
                        : BookingAccess.sees(caller, course.customerId(), course.branchId()))
                .orElseThrow(() -> new NotFoundException("course", courseId));
    }

    /** The customer's courses as they stand now, for their export. */
    public List<CourseView> coursesOf(String customerId) {
        return courses.ofCustomer(customerId).stream().map(course -> CourseView.of(course, bookingsOf(course))).toList();
    }

    /** The customer's data is erased: a course still running is cancelled (its future sessions with it), and every course forgets them. */
    public void forget(String customerId) {
        for (Course course : courses.ofCustomer(customerId)) {
            if (course.status() != CourseStatus.CANCELLED) {
                cancel(course.id(), new CancellationRequest(ERASED), Optional.of("erase/" + course.id()));
            }
        }
        courses.forget(customerId);
    }

    CourseView view(String courseId) {
        Course course = courses.find(courseId).orElseThrow(() -> new NotFoundException("course", courseId)).course();
        return CourseView.of(course, bookingsOf(course));
    }

    /**
     * The course is marked cancelled, then each session still to come is cancelled as the customer's own cancellation,
     * with the fee the branch's policy charges for it; a session that is over, or whose status does not allow it, stays.
     * Sent again (a retry), it cancels what is left and changes nothing else.
     */
    CourseView cancel(String courseId, CancellationRequest request, Optional<String> commandKey) {
        ChangeRequests.cancellationProblem(request).ifPresent(problem -> {
            throw new InvalidRequestException(List.of(problem));
        });
        String reason = ChangeRequests.reasonOf(request);
        Course course = markCancelled(courseId, reason);
        Instant now = now();
        Map<String, Booking> current = bookingsOf(course);
        for (CourseSession session : course.sessions()) {
            Booking booking = current.get(session.bookingId());
            if (booking != null && booking.start().isAfter(now) && !booking.status().isFinal()) {
                commands.cancelIfPossible(booking.id(), reason == null ? COURSE_CANCELLED : reason, commandKey);
            }
        }
        return view(courseId);
    }

    private Course markCancelled(String courseId, String reason) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Courses.StoredCourse stored = courses.find(courseId).orElseThrow(() -> new NotFoundException("course", courseId));
            switch (stored.course().cancel(reason, now())) {
                case Course.Unchanged unchanged -> {
                    return stored.course();
                }
                case Course.Changed changed -> {
                    if (courses.write(stored, changed)) {
                        log.info("Course {} cancelled by its customer", courseId);
                        return changed.course();
                    }
                }
            }
        }
        throw new OptimisticLockingFailureException("Course " + courseId + " kept changing while it was cancelled");
    }

    private Map<String, Booking> bookingsOf(Course course) {
        return bookings.findAll(course.bookingIds()).stream().collect(Collectors.toMap(Booking::id, Function.identity()));
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
