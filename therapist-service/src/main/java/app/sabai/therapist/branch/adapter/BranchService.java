package app.sabai.therapist.branch.adapter;

import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.branches.GeoPoint;
import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.branches.Price;
import app.sabai.contracts.branches.ServiceArea;
import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.support.web.ConflictException;
import app.sabai.support.web.FieldProblem;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.support.web.NotFoundException;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.AssignmentStatus;
import app.sabai.therapist.assignment.ReplanOutcome;
import app.sabai.therapist.assignment.adapter.Assignments;
import app.sabai.therapist.assignment.adapter.ReassignmentService;
import app.sabai.therapist.assignment.adapter.Replanner;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.BranchChange;
import app.sabai.therapist.branch.BranchRequest;
import app.sabai.therapist.branch.BranchView;
import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Planner;
import app.sabai.therapist.roster.Stranding;
import app.sabai.therapist.roster.adapter.StrandingRefused;
import app.sabai.therapist.schedule.adapter.Reservations;
import app.sabai.therapist.schedule.adapter.SnapshotLoader;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import app.sabai.therapist.time.Interval;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creates and changes branches. Every change is published ({@code BranchCatalogued}) so that the services
 * that keep a copy of the catalogue stay right. A change that would leave booked sessions outside the new
 * hours, without the room or equipment unit they hold, or in another zone, is refused naming them; a
 * treatment the branch stops offering leaves its bookings needing staff, as when nobody can take over.
 */
@Service
public class BranchService {

    static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,39}$");

    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final Reservations reservations;
    private final Assignments assignments;
    private final Replanner replanner;
    private final Clock clock;

    BranchService(BranchCatalogue catalogue, TherapistDirectory directory, Reservations reservations, Assignments assignments,
                  Replanner replanner, Clock clock) {
        this.catalogue = catalogue;
        this.directory = directory;
        this.reservations = reservations;
        this.assignments = assignments;
        this.replanner = replanner;
        this.clock = clock;
    }

    public BranchView create(BranchRequest request) {
        if (request == null || request.id() == null || !ID.matcher(request.id().strip()).matches()) {
            throw new InvalidRequestException("id", "is required: 2 to 40 lower-case letters, digits or dashes, such as manchester-deansgate");
        }
        String id = request.id().strip();
        if (catalogue.find(id).isPresent()) {
            throw new ConflictException("id", "there is already a branch '" + id + "'");
        }
        Branch branch = validated(id, request);
        catalogue.save(branch);
        return BranchView.of(branch);
    }

    public BranchChange update(String branchId, BranchRequest request) {
        Branch current = catalogue.find(branchId).orElseThrow(() -> new NotFoundException("branch", branchId));
        if (request == null) {
            throw new InvalidRequestException("body", "is required: the whole catalogue entry of the branch");
        }
        if (request.id() != null && !request.id().isBlank() && !request.id().strip().equals(branchId)) {
            throw new InvalidRequestException("id", "cannot change; it is " + branchId);
        }
        Branch changed = validated(branchId, request);
        List<AssignmentRecord> booked = futureBookings(current);
        List<Stranding.BookedAt> stranded = new ArrayList<>();
        String field = null;
        List<AssignmentRecord> noLongerOffered = new ArrayList<>();
        for (AssignmentRecord record : booked) {
            boolean offered = changed.offer(record.technique())
                    .filter(offer -> record.durationMinutes() == null || offer.durationsMinutes().contains(record.durationMinutes())).isPresent();
            Optional<String> strandedBy = strandedBy(current, changed, record);
            if (!offered) {
                noLongerOffered.add(record);
            } else if (strandedBy.isPresent()) {
                stranded.add(new Stranding.BookedAt(record.id(), branchId, current.zone(), record.session()));
                field = field == null ? strandedBy.get() : field;
            }
        }
        if (!stranded.isEmpty()) {
            throw new StrandingRefused(field, stranded, switch (field) {
                case "rooms" -> "the room they hold";
                case "equipment" -> "the equipment they hold";
                case "zone", "mobile" -> "the times and place they were booked for";
                default -> "opening hours to take place in";
            }, false);
        }
        catalogue.save(changed);
        return new BranchChange(BranchView.of(changed), noLongerOffered.isEmpty() ? List.of() : needStaff(changed, noLongerOffered));
    }

    /** The branch no longer offers these: each booking is re-planned, which cannot place it here, so staff take it over. */
    private List<ReplanOutcome> needStaff(Branch branch, List<AssignmentRecord> records) {
        Map<String, List<String>> byTherapist = new LinkedHashMap<>();
        records.stream().filter(record -> record.status() == AssignmentStatus.ASSIGNED && record.therapistId().isPresent())
                .forEach(record -> byTherapist.computeIfAbsent(record.therapistId().get(), id -> new ArrayList<>()).add(record.id()));
        Instant now = clock.instant();
        Interval ahead = new Interval(now, now.plus(Replanner.HORIZON));
        List<ReplanOutcome> outcomes = new ArrayList<>();
        byTherapist.forEach((therapistId, bookingIds) -> outcomes.addAll(replanner.replan(therapistId, ahead,
                new ReassignmentService.Cause(branch.name() + " no longer offers it", null), List.of(), affected -> { },
                record -> bookingIds.contains(record.id())).outcomes()));
        return outcomes;
    }

    /** The part of the change (as a field of the request) that leaves the booking unable to be given as held, if any. */
    private static Optional<String> strandedBy(Branch before, Branch after, AssignmentRecord record) {
        if (!before.zone().equals(after.zone())) {
            return Optional.of("zone");
        }
        if (before.mobile() != after.mobile()) {
            return Optional.of("mobile");
        }
        if (Planner.outsideOpeningHours(after, record.session()).isPresent()) {
            return Optional.of(after.closedOn(after.localDateOf(record.start())) ? "closedDates" : "openingHours");
        }
        AssignmentRecord.Reservation reservation = record.reservation();
        if (reservation == null) {
            return Optional.empty();
        }
        if (reservation.roomId() != null && after.rooms().stream().noneMatch(room -> room.id().equals(reservation.roomId()))) {
            return Optional.of("rooms");
        }
        if (reservation.equipmentIds().stream().anyMatch(unitId -> after.equipment().stream().noneMatch(unit -> unit.id().equals(unitId)))) {
            return Optional.of("equipment");
        }
        return Optional.empty();
    }

    /** Bookings at the branch from now on, read from its rooms, units and therapists over the booking horizon. */
    private List<AssignmentRecord> futureBookings(Branch branch) {
        Instant now = clock.instant();
        Interval ahead = new Interval(now, now.plus(Replanner.HORIZON));
        Set<String> ids = new HashSet<>();
        reservations.occupancy(SnapshotLoader.resources(branch, directory.everyoneAt(branch.id())), ahead).byResource().values()
                .forEach(sessions -> sessions.stream()
                        .filter(session -> !session.isAbsence() && branch.id().equals(session.branchId()) && session.sessionStart().isAfter(now))
                        .map(BookedSession::bookingId).forEach(ids::add));
        return assignments.findAll(ids).stream()
                .filter(record -> record.status() == AssignmentStatus.ASSIGNED || record.status() == AssignmentStatus.UNASSIGNED)
                .toList();
    }

    private Branch validated(String id, BranchRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 120) {
            problems.add(new FieldProblem("name", "is required, at most 120 characters"));
        }
        ZoneId zone = null;
        try {
            zone = request.zone() == null ? null : ZoneId.of(request.zone().strip());
        } catch (DateTimeException unknown) {
            // reported below
        }
        if (zone == null) {
            problems.add(new FieldProblem("zone", "must be a time zone such as Europe/London or Asia/Bangkok"));
        }
        GeoPoint location = request.location();
        if (location != null && (Math.abs(location.latitude()) > 90 || Math.abs(location.longitude()) > 180)) {
            problems.add(new FieldProblem("location", "latitude must be within ±90 and longitude within ±180 degrees"));
        }
        List<OpeningHours> hours = request.openingHours() == null ? List.of() : request.openingHours();
        Set<DayOfWeek> days = new HashSet<>();
        for (int i = 0; i < hours.size(); i++) {
            OpeningHours day = hours.get(i);
            String at = "openingHours[" + i + "]";
            if (day == null || day.day() == null || day.opens() == null || day.closes() == null) {
                problems.add(new FieldProblem(at, "needs day, opens and closes (local times such as 09:00)"));
            } else if (!days.add(day.day())) {
                problems.add(new FieldProblem(at + ".day", day.day() + " is listed twice"));
            } else if (!day.closes().isAfter(day.opens())) {
                problems.add(new FieldProblem(at + ".closes", "must be after opens"));
            }
        }
        if (hours.isEmpty()) {
            problems.add(new FieldProblem("openingHours", "name at least one day the branch opens"));
        }
        int changeover = request.changeoverMinutes() == null ? 15 : request.changeoverMinutes();
        if (changeover < 0 || changeover > 120) {
            problems.add(new FieldProblem("changeoverMinutes", "must be between 0 and 120"));
        }
        boolean mobile = Boolean.TRUE.equals(request.mobile());
        List<Room> rooms = rooms(request.rooms(), problems);
        List<EquipmentUnit> units = units(request.equipment(), problems);
        List<TechniqueOffer> techniques = request.techniques() == null ? List.of() : request.techniques();
        Set<Object> offered = new HashSet<>();
        for (int i = 0; i < techniques.size(); i++) {
            TechniqueOffer offer = techniques.get(i);
            String at = "techniques[" + i + "]";
            if (offer == null || offer.technique() == null) {
                problems.add(new FieldProblem(at + ".technique", "is required (a technique code such as SWEDISH)"));
            } else if (!offered.add(offer.technique())) {
                problems.add(new FieldProblem(at + ".technique", offer.technique() + " is listed twice"));
            } else if (offer.durationsMinutes().isEmpty() || offer.durationsMinutes().stream()
                    .anyMatch(minutes -> minutes == null || minutes < 15 || minutes > 240 || minutes % 15 != 0)) {
                problems.add(new FieldProblem(at + ".durationsMinutes", "name session lengths of 15 to 240 minutes, in quarter hours"));
            }
        }
        if (techniques.isEmpty()) {
            problems.add(new FieldProblem("techniques", "name at least one treatment the branch offers"));
        }
        ServiceArea area = request.serviceArea();
        int travel = request.travelMinutes() == null ? 0 : request.travelMinutes();
        if (mobile) {
            if (area == null || area.postcodeDistricts().isEmpty()) {
                problems.add(new FieldProblem("serviceArea", "a mobile service needs the postcode districts it visits"));
            }
            if (!rooms.isEmpty() || !units.isEmpty()) {
                problems.add(new FieldProblem("rooms", "a mobile service has no rooms or equipment units; the therapist carries the kit"));
            }
            if (travel < 0 || travel > 180) {
                problems.add(new FieldProblem("travelMinutes", "must be between 0 and 180"));
            }
        } else {
            if (rooms.isEmpty() && request.rooms() != null) {
                problems.add(new FieldProblem("rooms", "a salon needs at least one room"));
            } else if (request.rooms() == null) {
                problems.add(new FieldProblem("rooms", "is required for a salon"));
            }
            if (travel != 0) {
                problems.add(new FieldProblem("travelMinutes", "only a mobile service travels"));
            }
        }
        String currency = request.currency() == null ? null : request.currency().strip().toUpperCase(Locale.ROOT);
        if (currency != null && Currency.getAvailableCurrencies().stream().noneMatch(known -> known.getCurrencyCode().equals(currency))) {
            problems.add(new FieldProblem("currency", "must be an ISO 4217 currency code such as GBP, THB or USD"));
        }
        for (int i = 0; i < techniques.size(); i++) {
            TechniqueOffer offer = techniques.get(i);
            if (offer == null || offer.prices().isEmpty()) {
                continue;
            }
            if (currency == null) {
                problems.add(new FieldProblem("currency", "is required when treatments have prices"));
            }
            for (int j = 0; j < offer.prices().size(); j++) {
                Price price = offer.prices().get(j);
                String at = "techniques[" + i + "].prices[" + j + "]";
                if (price == null || !offer.durationsMinutes().contains(price.durationMinutes())) {
                    problems.add(new FieldProblem(at + ".durationMinutes", "must be one of the lengths the treatment is sold for"));
                } else if (price.amountMinor() < 0) {
                    problems.add(new FieldProblem(at + ".amountMinor", "must not be negative"));
                }
            }
        }
        CancellationPolicy policy = request.policy() == null ? CancellationPolicy.standard() : request.policy();
        if (policy.freeUntilHours() < 0 || policy.freeUntilHours() > 168) {
            problems.add(new FieldProblem("policy.freeUntilHours", "must be between 0 and 168 hours"));
        }
        if (policy.lateFeePercent() < 0 || policy.lateFeePercent() > 100) {
            problems.add(new FieldProblem("policy.lateFeePercent", "must be between 0 and 100"));
        }
        if (policy.noShowFeePercent() < 0 || policy.noShowFeePercent() > 100) {
            problems.add(new FieldProblem("policy.noShowFeePercent", "must be between 0 and 100"));
        }
        if (request.closedDates() != null && request.closedDates().contains(null)) {
            problems.add(new FieldProblem("closedDates", "must not contain null"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new Branch(id, name, zone, request.address() == null ? null : request.address().strip(), hours, changeover, rooms, units,
                techniques, mobile, mobile ? area : null, mobile ? travel : 0,
                request.closedDates() == null ? List.of() : request.closedDates().stream().filter(Objects::nonNull).toList(), location,
                currency, policy);
    }

    private static List<Room> rooms(List<BranchRequest.RoomRequest> requested, List<FieldProblem> problems) {
        List<Room> rooms = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<BranchRequest.RoomRequest> list = requested == null ? List.of() : requested;
        for (int i = 0; i < list.size(); i++) {
            BranchRequest.RoomRequest room = list.get(i);
            String at = "rooms[" + i + "]";
            if (room == null || room.id() == null || !ID.matcher(room.id()).matches()) {
                problems.add(new FieldProblem(at + ".id", "is required: lower-case letters, digits or dashes"));
            } else if (!ids.add(room.id())) {
                problems.add(new FieldProblem(at + ".id", room.id() + " is listed twice"));
            } else if (room.kind() == null) {
                problems.add(new FieldProblem(at + ".kind", "is required: TABLE, MAT or DOUBLE"));
            } else {
                rooms.add(new Room(room.id(), room.name() == null || room.name().isBlank() ? room.id() : room.name().strip(), room.kind()));
            }
        }
        return rooms;
    }

    private static List<EquipmentUnit> units(List<BranchRequest.UnitRequest> requested, List<FieldProblem> problems) {
        List<EquipmentUnit> units = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<BranchRequest.UnitRequest> list = requested == null ? List.of() : requested;
        for (int i = 0; i < list.size(); i++) {
            BranchRequest.UnitRequest unit = list.get(i);
            String at = "equipment[" + i + "]";
            if (unit == null || unit.id() == null || !ID.matcher(unit.id()).matches()) {
                problems.add(new FieldProblem(at + ".id", "is required: lower-case letters, digits or dashes"));
            } else if (!ids.add(unit.id())) {
                problems.add(new FieldProblem(at + ".id", unit.id() + " is listed twice"));
            } else if (unit.kind() == null) {
                problems.add(new FieldProblem(at + ".kind", "is required: STONE_HEATER or HAMMER_SET"));
            } else {
                units.add(new EquipmentUnit(unit.id(), unit.name() == null || unit.name().isBlank() ? unit.id() : unit.name().strip(), unit.kind()));
            }
        }
        return units;
    }
}
