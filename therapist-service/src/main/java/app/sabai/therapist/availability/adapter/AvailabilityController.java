package app.sabai.therapist.availability.adapter;

import app.sabai.contracts.branches.GeoPoint;
import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Gender;
import app.sabai.contracts.values.GenderPreference;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Pressure;
import app.sabai.contracts.values.Technique;
import app.sabai.support.web.FieldProblem;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.therapist.availability.AvailabilityView;
import app.sabai.therapist.availability.ChainAvailabilityView;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.SessionRequest;
import app.sabai.therapist.planning.SlotSearch;
import app.sabai.therapist.planning.TherapistChoice;
import app.sabai.therapist.schedule.adapter.SnapshotLoader;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import app.sabai.therapist.time.Interval;
import app.sabai.therapist.time.LocalTimes;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Free start times on a 15-minute grid, none in the past, planned exactly as a booking at that time would
 * be: at one branch ({@code branchId}) or across the chain (without it), over one local date ({@code date})
 * or up to {@value #MAX_DAYS} ({@code from}/{@code to}), optionally only with one therapist, a therapist
 * gender, what the intake screening would demand ({@code prenatal}, {@code senior}), or between two local
 * times of day.
 */
@RestController
class AvailabilityController {

    static final int MAX_DAYS = 14;
    static final double DEFAULT_RADIUS_KM = 50;
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;

    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final SnapshotLoader snapshots;
    private final Clock clock;

    AvailabilityController(BranchCatalogue catalogue, TherapistDirectory directory, SnapshotLoader snapshots, Clock clock) {
        this.catalogue = catalogue;
        this.directory = directory;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @GetMapping("/api/availability")
    Object availability(@RequestParam(required = false) String branchId,
                        @RequestParam(required = false) List<String> branchIds,
                        @RequestParam Technique technique,
                        @RequestParam int durationMinutes,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                        @RequestParam(required = false) String therapistId,
                        @RequestParam(required = false) GenderPreference therapistGender,
                        @RequestParam(defaultValue = "false") boolean prenatal,
                        @RequestParam(defaultValue = "false") boolean senior,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime earliest,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime latest,
                        @RequestParam(required = false) String near,
                        @RequestParam(required = false) Double withinKm,
                        @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        List<FieldProblem> problems = new ArrayList<>();
        List<LocalDate> dates = dates(date, from, to, problems);
        if (durationMinutes <= 0) {
            problems.add(new FieldProblem("durationMinutes", "must be a positive number of minutes"));
        }
        if (therapistId != null && (therapistId.isBlank() || directory.find(therapistId).isEmpty())) {
            problems.add(new FieldProblem("therapistId", "there is no therapist '" + therapistId + "'"));
        }
        if (earliest != null && latest != null && latest.isBefore(earliest)) {
            problems.add(new FieldProblem("latest", "must not be before earliest"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        Search search = new Search(technique, Duration.ofMinutes(durationMinutes), dates, therapistId,
                therapistGender == null ? GenderPreference.ANY : therapistGender,
                new CareRequirements(prenatal, senior, false, List.of(), List.of()), earliest, latest);
        if (branchId != null) {
            if (branchIds != null || near != null) {
                problems.add(new FieldProblem("branchId", "give one branchId, or search the chain with branchIds or near"));
            }
            Branch branch = branchId.isBlank() ? null : catalogue.find(branchId).orElse(null);
            if (branch == null) {
                problems.add(new FieldProblem("branchId", branchId.isBlank() ? "is required" : "no branch '" + branchId + "'"));
            } else {
                offered(branch, technique, durationMinutes).ifPresent(problems::add);
            }
            refuseIfAny(problems);
            return atBranch(branch, search);
        }
        Optional<GeoPoint> location = location(near, problems);
        if (withinKm != null && (withinKm <= 0 || withinKm > 20_000)) {
            problems.add(new FieldProblem("withinKm", "must be between 0 and 20000 kilometres"));
        }
        List<Branch> branches = chosen(branchIds, problems);
        refuseIfAny(problems);
        return acrossTheChain(branches, location, withinKm == null ? DEFAULT_RADIUS_KM : withinKm, search, limit);
    }

    /** What is asked, the same at every branch; dates are read in each branch's zone. */
    private record Search(Technique technique, Duration length, List<LocalDate> dates, String therapistId, GenderPreference gender,
                          CareRequirements requirements, LocalTime earliest, LocalTime latest) {

        SessionRequest template(Instant anyStart) {
            TherapistChoice choice = therapistId == null ? new TherapistChoice.Anyone() : new TherapistChoice.Only(therapistId);
            return new SessionRequest(null, technique, Interval.of(anyStart, length), requirements,
                    new Preferences(therapistId, gender, Pressure.MEDIUM), null, choice);
        }

        Predicate<Therapist> wanted() {
            return therapist -> switch (gender) {
                case ANY -> true;
                case FEMALE -> therapist.gender() == Gender.FEMALE;
                case MALE -> therapist.gender() == Gender.MALE;
            };
        }
    }

    private AvailabilityView atBranch(Branch branch, Search search) {
        List<SlotSearch.Offer> offers = offers(branch, search);
        return new AvailabilityView(branch.id(), branch.name(), search.dates().getFirst(), search.dates().getFirst(),
                search.dates().getLast(), branch.zone(), search.technique(), (int) search.length().toMinutes(),
                offers.stream().map(offer -> new AvailabilityView.Slot(offer.session().start(),
                        LocalTimes.localOf(offer.session().start(), branch.zone()), offer.session().end(), offer.candidates().size(),
                        refs(offer))).toList());
    }

    private ChainAvailabilityView acrossTheChain(List<Branch> branches, Optional<GeoPoint> location, double radiusKm, Search search,
                                                 int limit) {
        int minutes = (int) search.length().toMinutes();
        List<ChainAvailabilityView.BranchRef> searched = new ArrayList<>();
        List<ChainAvailabilityView.Slot> slots = new ArrayList<>();
        for (Branch branch : branches) {
            if (offered(branch, search.technique(), minutes).isPresent()) {
                continue;
            }
            Double distance = location.flatMap(here -> Optional.ofNullable(branch.location()).map(there -> round(here.kilometresTo(there))))
                    .orElse(null);
            if (location.isPresent() && (distance == null || distance > radiusKm)) {
                continue;
            }
            searched.add(new ChainAvailabilityView.BranchRef(branch.id(), branch.name(), branch.zone(), branch.mobile(), distance));
            for (SlotSearch.Offer offer : offers(branch, search)) {
                slots.add(new ChainAvailabilityView.Slot(branch.id(), branch.name(), branch.zone(), offer.session().start(),
                        LocalTimes.localOf(offer.session().start(), branch.zone()), offer.session().end(), offer.candidates().size(),
                        refs(offer)));
            }
        }
        searched.sort(Comparator.comparing((ChainAvailabilityView.BranchRef ref) -> ref.distanceKm() == null ? 0 : ref.distanceKm())
                .thenComparing(ChainAvailabilityView.BranchRef::name));
        slots.sort(Comparator.comparing(ChainAvailabilityView.Slot::start).thenComparing(ChainAvailabilityView.Slot::branchId));
        return new ChainAvailabilityView(search.technique(), minutes, search.dates().getFirst(), search.dates().getLast(), searched,
                slots.size() > limit ? slots.subList(0, limit) : slots, slots.size() > limit);
    }

    private List<SlotSearch.Offer> offers(Branch branch, Search search) {
        List<Therapist> therapists = search.therapistId() == null ? directory.atBranch(branch.id())
                : directory.forPlanning(branch.id(), search.therapistId());
        Instant now = clock.instant();
        return SlotSearch.offers(snapshots.fromView(branch, therapists, search.dates()), search.template(now), search.wanted(),
                search.dates(), now, search.earliest(), search.latest());
    }

    private static List<AvailabilityView.TherapistRef> refs(SlotSearch.Offer offer) {
        return offer.candidates().stream()
                .map(candidate -> new AvailabilityView.TherapistRef(candidate.therapist().id(), candidate.therapist().name())).toList();
    }

    /** Empty when the branch sells the technique for that long; otherwise the problem. */
    private static Optional<FieldProblem> offered(Branch branch, Technique technique, int minutes) {
        Optional<TechniqueOffer> offer = branch.offer(technique);
        if (offer.isEmpty()) {
            return Optional.of(new FieldProblem("technique", branch.name() + " does not offer " + technique + "; it offers "
                    + branch.techniques().stream().map(o -> o.technique().name()).collect(Collectors.joining(", "))));
        }
        if (!offer.get().durationsMinutes().contains(minutes)) {
            return Optional.of(new FieldProblem("durationMinutes", technique + " is offered for "
                    + offer.get().durationsMinutes().stream().map(String::valueOf).collect(Collectors.joining(", ")) + " minutes at "
                    + branch.name()));
        }
        return Optional.empty();
    }

    private static List<LocalDate> dates(LocalDate date, LocalDate from, LocalDate to, List<FieldProblem> problems) {
        if (date != null && (from != null || to != null)) {
            problems.add(new FieldProblem("date", "give either date, or from and to"));
            return List.of(date);
        }
        LocalDate first = date != null ? date : from;
        if (first == null) {
            problems.add(new FieldProblem(to == null ? "date" : "from", "is required (a local date such as 2026-12-01)"));
            return List.of(LocalDate.EPOCH);
        }
        LocalDate last = date != null || to == null ? first : to;
        if (last.isBefore(first)) {
            problems.add(new FieldProblem("to", "must not be before from"));
            return List.of(first);
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            problems.add(new FieldProblem("to", "a search covers at most " + MAX_DAYS + " days; to must be before " + first.plusDays(MAX_DAYS)));
            return List.of(first);
        }
        return first.datesUntil(last.plusDays(1)).toList();
    }

    private static Optional<GeoPoint> location(String near, List<FieldProblem> problems) {
        if (near == null) {
            return Optional.empty();
        }
        String[] parts = near.split(",");
        try {
            if (parts.length == 2) {
                double latitude = Double.parseDouble(parts[0].strip());
                double longitude = Double.parseDouble(parts[1].strip());
                if (Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) {
                    return Optional.of(new GeoPoint(latitude, longitude));
                }
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(new FieldProblem("near", "must be latitude,longitude in degrees, such as 53.40,-2.98"));
        return Optional.empty();
    }

    private List<Branch> chosen(List<String> branchIds, List<FieldProblem> problems) {
        List<Branch> all = catalogue.all();
        if (branchIds == null) {
            return all;
        }
        List<String> wanted = branchIds.stream().flatMap(ids -> Arrays.stream(ids.split(","))).map(String::strip)
                .filter(id -> !id.isEmpty()).distinct().toList();
        List<String> unknown = wanted.stream().filter(id -> all.stream().noneMatch(branch -> branch.id().equals(id))).toList();
        if (wanted.isEmpty() || !unknown.isEmpty()) {
            problems.add(new FieldProblem("branchIds", wanted.isEmpty() ? "name at least one branch" : "no branch " + String.join(", ", unknown)));
        }
        return all.stream().filter(branch -> wanted.contains(branch.id())).toList();
    }

    private static void refuseIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static double round(double kilometres) {
        return Math.round(kilometres * 10) / 10.0;
    }
}
