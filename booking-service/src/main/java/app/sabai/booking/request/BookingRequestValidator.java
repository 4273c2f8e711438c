package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.catalogue.PostcodeDistrict;
import app.sabai.booking.intake.Intake;
import app.sabai.booking.lifecycle.BookingDetails;
import app.sabai.booking.request.BookingRequest.CustomerForm;
import app.sabai.booking.request.BookingRequest.HomeVisitForm;
import app.sabai.booking.request.BookingRequest.PreferencesForm;
import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.GenderPreference;
import app.sabai.contracts.values.HomeVisit;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Pressure;
import app.sabai.contracts.values.Technique;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a booking request against the branch catalogue, the calendar and the customer's file, and turns
 * it into a {@link ValidBooking}, or names every field at fault (as JSON paths) with the reason.
 */
public final class BookingRequestValidator {

    public static final Duration HORIZON = SessionTiming.HORIZON;
    /**
     * Said whenever the intake is left out and cannot be taken from the customer's file, whether or not the email
     * has one: the answer must not tell someone who only knows an email that its owner is a customer.
     */
    public static final String INTAKE_REQUIRED = "is required: send the intake, or send customerId (shown on your earlier"
            + " bookings) to use the intake on your file";
    static final String DEFAULT_LANGUAGE = "en";
    static final int MAX_NAME_LENGTH = 200;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\-().]");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$");

    /**
     * @param branch       the catalogue entry for {@code request.branchId()}, empty when unknown
     * @param intakeOnFile the latest intake on the customer's file, given only when the request's {@code customerId}
     *                     names the file of its email; empty otherwise
     */
    public Validation validate(BookingRequest request, Optional<Branch> branch, Optional<Intake> intakeOnFile, Instant now) {
        RequestProblems problems = new RequestProblems();

        Branch knownBranch = branch(request.branchId(), branch, problems);
        Technique technique = technique(request.technique(), problems);
        Integer duration = duration(request.durationMinutes(), offer(knownBranch, technique, problems), knownBranch, problems);

        String startField = SessionTiming.field(request.start());
        Instant start = SessionTiming.start(request.start(), request.startLocal(), knownBranch == null ? null : knownBranch.zone(),
                now, problems);
        Instant end = start != null && duration != null ? start.plus(Duration.ofMinutes(duration)) : null;
        if (end != null && knownBranch != null) {
            outsideOpeningHours(knownBranch, start, end).ifPresent(message -> problems.add(startField, message));
        }

        Customer customer = customer(request.customer(), problems);
        Preferences preferences = preferences(request.preferences(), problems);
        List<BodyArea> bodyAreas = bodyAreas(request.bodyAreas(), problems);
        HomeVisit homeVisit = homeVisit(request.homeVisit(), knownBranch, problems);

        Intake intake = intake(request.intake(), intakeOnFile, true, now, problems);

        if (!problems.isEmpty()) {
            return new Validation.Invalid(problems.all());
        }
        BookingDetails details = new BookingDetails(knownBranch.id(), technique, duration, start, end, knownBranch.zone(),
                customer, preferences, bodyAreas, homeVisit);
        return new Validation.Valid(new ValidBooking(knownBranch, details, intake, request.intake() != null));
    }

    static Technique technique(String text, RequestProblems problems) {
        return required(problems.oneOf(Technique.class, text, "technique"), text, "technique", Technique.class, problems);
    }

    /** What the branch sells of the technique; empty, and a problem noted, when it does not offer it. */
    static Optional<TechniqueOffer> offer(Branch branch, Technique technique, RequestProblems problems) {
        if (branch == null || technique == null) {
            return Optional.empty();
        }
        Optional<TechniqueOffer> offer = branch.offer(technique);
        if (offer.isEmpty()) {
            problems.add("technique", technique + " is not offered at " + branch.displayName() + "; offered there: "
                    + branch.techniques().stream().map(o -> o.technique().name()).collect(Collectors.joining(", ")));
        }
        return offer;
    }

    /**
     * The intake sent, else the one on the customer's file; when neither, a problem if {@code required}, else null (a
     * waitlist entry may be made without one).
     */
    static Intake intake(BookingRequest.IntakeForm form, Optional<Intake> intakeOnFile, boolean required, Instant now,
                         RequestProblems problems) {
        if (form != null) {
            return IntakeFormReader.read(form, problems, LocalDate.ofInstant(now, ZoneOffset.MAX));
        }
        if (intakeOnFile.isPresent()) {
            return intakeOnFile.get();
        }
        if (required) {
            problems.add("intake", INTAKE_REQUIRED);
        }
        return null;
    }

    static Branch branch(String branchId, Optional<Branch> branch, RequestProblems problems) {
        if (branchId == null || branchId.isBlank()) {
            problems.add("branchId", "is required");
            return null;
        }
        if (branch.isEmpty()) {
            problems.add("branchId", "'" + branchId + "' is not a known branch");
            return null;
        }
        return branch.get();
    }

    static <E extends Enum<E>> E required(Optional<E> value, String text, String field, Class<E> type,
                                                  RequestProblems problems) {
        if (text == null) {
            problems.add(field, "is required: one of " + RequestProblems.accepted(type));
        }
        return value.orElse(null);
    }

    static Integer duration(Integer minutes, Optional<TechniqueOffer> offer, Branch branch, RequestProblems problems) {
        if (minutes == null) {
            problems.add("durationMinutes", "is required");
            return null;
        }
        if (offer.isPresent()) {
            List<Integer> sold = offer.get().durationsMinutes();
            if (!sold.contains(minutes)) {
                problems.add("durationMinutes", offer.get().technique() + " at " + branch.displayName() + " is sold as "
                        + sold.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " minutes, not " + minutes);
                return null;
            }
            return minutes;
        }
        if (minutes <= 0) {
            problems.add("durationMinutes", "must be a positive number of minutes");
        }
        return null;
    }

    /** Empty when the session lies within one of the branch's opening periods on its local date. */
    public static Optional<String> outsideOpeningHours(Branch branch, Instant start, Instant end) {
        return SessionTiming.outsideOpeningHours(branch, start, end);
    }

    static Customer customer(CustomerForm form, RequestProblems problems) {
        if (form == null) {
            problems.add("customer", "is required: name, email, and optionally phone and language");
            return null;
        }
        String name = trimmed(form.name());
        if (name == null) {
            problems.add("customer.name", "is required");
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add("customer.name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        String email = trimmed(form.email());
        if (email == null) {
            problems.add("customer.email", "is required");
        } else if (!EMAIL.matcher(email).matches()) {
            problems.add("customer.email", "'" + email + "' is not a valid email address");
        }
        String phone = trimmed(form.phone());
        if (phone != null) {
            phone = PHONE_SEPARATORS.matcher(phone).replaceAll("");
            if (!PHONE.matcher(phone).matches()) {
                problems.add("customer.phone", "'" + form.phone() + "' is not an international phone number, such as +447700900123");
            }
        }
        String language = trimmed(form.language());
        if (language == null) {
            language = DEFAULT_LANGUAGE;
        } else if (!LANGUAGE_TAG.matcher(language).matches()) {
            problems.add("customer.language", "'" + language + "' is not a language tag, such as en or th");
        }
        if (Boolean.TRUE.equals(form.sms()) && phone == null) {
            problems.add("customer.phone", "is required to get messages by SMS (sms is true)");
        }
        if (problems.concerns("customer")) {
            return null;
        }
        return new Customer(name, email, phone, language, form.sms());
    }

    static Preferences preferences(PreferencesForm form, RequestProblems problems) {
        if (form == null) {
            return Preferences.none();
        }
        GenderPreference gender = problems.oneOf(GenderPreference.class, form.therapistGender(), "preferences.therapistGender")
                .orElse(GenderPreference.ANY);
        Pressure pressure = problems.oneOf(Pressure.class, form.pressure(), "preferences.pressure").orElse(Pressure.MEDIUM);
        return new Preferences(trimmed(form.therapistId()), gender, pressure);
    }

    static List<BodyArea> bodyAreas(List<String> names, RequestProblems problems) {
        if (names == null || names.isEmpty()) {
            return List.of(BodyArea.FULL_BODY);
        }
        List<BodyArea> areas = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String field = "bodyAreas[" + i + "]";
            if (names.get(i) == null || names.get(i).isBlank()) {
                problems.add(field, "must be one of " + RequestProblems.accepted(BodyArea.class));
                continue;
            }
            problems.oneOf(BodyArea.class, names.get(i), field).filter(area -> !areas.contains(area)).ifPresent(areas::add);
        }
        return areas;
    }

    static HomeVisit homeVisit(HomeVisitForm form, Branch branch, RequestProblems problems) {
        if (branch == null) {
            return null;
        }
        if (!branch.mobile()) {
            if (form != null) {
                problems.add("homeVisit", branch.displayName() + " is not a mobile service: leave homeVisit out and"
                        + " book a session at the branch, or book with a mobile branch");
            }
            return null;
        }
        if (form == null) {
            problems.add("homeVisit", "is required for a home visit by " + branch.displayName() + ": address and postcode");
            return null;
        }
        String address = trimmed(form.address());
        String postcode = trimmed(form.postcode());
        if (address == null) {
            problems.add("homeVisit.address", "is required");
        }
        if (postcode == null) {
            problems.add("homeVisit.postcode", "is required");
        } else if (!branch.serves(postcode)) {
            problems.add("homeVisit.postcode", "'" + postcode + "' (district " + PostcodeDistrict.of(postcode)
                    + ") is outside the area " + branch.displayName() + " visits"
                    + (branch.serviceArea() == null ? "" : " (" + branch.serviceArea().name() + ": "
                    + String.join(", ", branch.serviceArea().postcodeDistricts()) + ")"));
        }
        return address == null || postcode == null ? null : new HomeVisit(address, postcode.toUpperCase(Locale.ROOT));
    }

    static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
