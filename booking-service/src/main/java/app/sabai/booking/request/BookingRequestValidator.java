package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.catalogue.PostcodeDistrict;
import app.sabai.booking.intake.Intake;
import app.sabai.booking.lifecycle.BookingDetails;
import app.sabai.booking.request.BookingRequest.CustomerForm;
import app.sabai.booking.request.BookingRequest.HomeVisitForm;
import app.sabai.booking.request.BookingRequest.PreferencesForm;
import app.sabai.contracts.branches.OpeningHours;
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
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
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

    public static final Duration HORIZON = Duration.ofDays(90);
    static final String DEFAULT_LANGUAGE = "en";
    static final int MAX_NAME_LENGTH = 200;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\-().]");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$");
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * @param branch       the catalogue entry for {@code request.branchId()}, empty when unknown
     * @param intakeOnFile the latest intake kept for the customer's email, empty when none
     */
    public Validation validate(BookingRequest request, Optional<Branch> branch, Optional<Intake> intakeOnFile, Instant now) {
        RequestProblems problems = new RequestProblems();

        Branch knownBranch = branch(request.branchId(), branch, problems);
        Technique technique = required(problems.oneOf(Technique.class, request.technique(), "technique"),
                request.technique(), "technique", Technique.class, problems);
        Optional<TechniqueOffer> offer = Optional.empty();
        if (knownBranch != null && technique != null) {
            offer = knownBranch.offer(technique);
            if (offer.isEmpty()) {
                problems.add("technique", technique + " is not offered at " + knownBranch.displayName() + "; offered there: "
                        + knownBranch.techniques().stream().map(o -> o.technique().name()).collect(Collectors.joining(", ")));
            }
        }
        Integer duration = duration(request.durationMinutes(), offer, knownBranch, problems);

        String startField = request.start() != null && !request.start().isBlank() ? "start" : "startLocal";
        Instant start = start(request, knownBranch, now, problems);
        Instant end = start != null && duration != null ? start.plus(Duration.ofMinutes(duration)) : null;
        if (end != null && knownBranch != null) {
            outsideOpeningHours(knownBranch, start, end).ifPresent(message -> problems.add(startField, message));
        }

        Customer customer = customer(request.customer(), problems);
        Preferences preferences = preferences(request.preferences(), problems);
        List<BodyArea> bodyAreas = bodyAreas(request.bodyAreas(), problems);
        HomeVisit homeVisit = homeVisit(request.homeVisit(), knownBranch, problems);

        Intake intake = null;
        if (request.intake() != null) {
            intake = IntakeFormReader.read(request.intake(), problems, LocalDate.ofInstant(now, ZoneOffset.MAX));
        } else if (intakeOnFile.isPresent()) {
            intake = intakeOnFile.get();
        } else if (customer != null) {
            problems.add("intake", "is required for a first session: there is no intake on file for " + customer.email());
        }

        if (!problems.isEmpty()) {
            return new Validation.Invalid(problems.all());
        }
        BookingDetails details = new BookingDetails(knownBranch.id(), technique, duration, start, end, knownBranch.zone(),
                customer, preferences, bodyAreas, homeVisit);
        return new Validation.Valid(new ValidBooking(knownBranch, details, intake, request.intake() != null));
    }

    private static Branch branch(String branchId, Optional<Branch> branch, RequestProblems problems) {
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

    private static <E extends Enum<E>> E required(Optional<E> value, String text, String field, Class<E> type,
                                                  RequestProblems problems) {
        if (text == null || text.isBlank()) {
            problems.add(field, "is required: one of " + RequestProblems.accepted(type));
        }
        return value.orElse(null);
    }

    private static Integer duration(Integer minutes, Optional<TechniqueOffer> offer, Branch branch, RequestProblems problems) {
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

    private static Instant start(BookingRequest request, Branch branch, Instant now, RequestProblems problems) {
        boolean hasStart = request.start() != null && !request.start().isBlank();
        boolean hasLocal = request.startLocal() != null && !request.startLocal().isBlank();
        if (hasStart && hasLocal) {
            problems.add("start", "give either start (with offset) or startLocal (in the branch's time), not both");
            return null;
        }
        if (!hasStart && !hasLocal) {
            problems.add("start", "is required: an ISO-8601 time with offset, such as 2026-12-01T10:00:00Z,"
                    + " or startLocal in the branch's time, such as 2026-12-01T10:00");
            return null;
        }
        String field = hasStart ? "start" : "startLocal";
        SessionStart.Resolution resolution;
        if (hasStart) {
            resolution = SessionStart.ofInstant(request.start());
        } else if (branch != null) {
            resolution = SessionStart.ofLocal(request.startLocal(), branch.zone());
        } else {
            return null;
        }
        return switch (resolution) {
            case SessionStart.Refused refused -> {
                problems.add(field, refused.message());
                yield null;
            }
            case SessionStart.At at when !at.instant().isAfter(now) -> {
                problems.add(field, "must be in the future");
                yield null;
            }
            case SessionStart.At at when at.instant().isAfter(now.plus(HORIZON)) -> {
                problems.add(field, "must be at most " + HORIZON.toDays() + " days ahead (until "
                        + now.plus(HORIZON).truncatedTo(ChronoUnit.MINUTES) + ")");
                yield null;
            }
            case SessionStart.At at -> at.instant();
        };
    }

    /** Empty when the session lies within one of the branch's opening periods on its local date. */
    static Optional<String> outsideOpeningHours(Branch branch, Instant start, Instant end) {
        LocalDateTime localStart = LocalDateTime.ofInstant(start, branch.zone());
        LocalDateTime localEnd = LocalDateTime.ofInstant(end, branch.zone());
        LocalDate date = localStart.toLocalDate();
        List<OpeningHours> hours = branch.hoursOn(date.getDayOfWeek());
        String day = date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        if (hours.isEmpty()) {
            return Optional.of(branch.displayName() + " is closed on " + day + "s");
        }
        for (OpeningHours period : hours) {
            LocalDateTime opens = date.atTime(period.opens());
            LocalDateTime closes = period.closes().isAfter(period.opens())
                    ? date.atTime(period.closes())
                    : date.plusDays(1).atTime(period.closes());
            if (!localStart.isBefore(opens) && !localEnd.isAfter(closes)) {
                return Optional.empty();
            }
        }
        return Optional.of("the session " + localStart.toLocalTime().format(HOUR_MINUTE) + "–"
                + localEnd.toLocalTime().format(HOUR_MINUTE) + " (" + branch.zone() + ") is outside the opening hours of "
                + branch.displayName() + " on " + day + " " + date + ": " + hours.stream()
                .map(period -> period.opens().format(HOUR_MINUTE) + "–" + closing(period.closes()))
                .collect(Collectors.joining(", ")));
    }

    private static String closing(LocalTime closes) {
        return closes.equals(LocalTime.MIDNIGHT) ? "24:00" : closes.format(HOUR_MINUTE);
    }

    private static Customer customer(CustomerForm form, RequestProblems problems) {
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
        if (problems.concerns("customer")) {
            return null;
        }
        return new Customer(name, email, phone, language);
    }

    private static Preferences preferences(PreferencesForm form, RequestProblems problems) {
        if (form == null) {
            return Preferences.none();
        }
        GenderPreference gender = problems.oneOf(GenderPreference.class, form.therapistGender(), "preferences.therapistGender")
                .orElse(GenderPreference.ANY);
        Pressure pressure = problems.oneOf(Pressure.class, form.pressure(), "preferences.pressure").orElse(Pressure.MEDIUM);
        return new Preferences(trimmed(form.therapistId()), gender, pressure);
    }

    private static List<BodyArea> bodyAreas(List<String> names, RequestProblems problems) {
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

    private static HomeVisit homeVisit(HomeVisitForm form, Branch branch, RequestProblems problems) {
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

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
