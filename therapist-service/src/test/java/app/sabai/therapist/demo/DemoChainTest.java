package app.sabai.therapist.demo;

import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.contracts.values.Gender;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.EquipmentKind;
import app.sabai.therapist.branch.RoomKind;
import app.sabai.therapist.planning.Occupancy;
import app.sabai.therapist.planning.Plan;
import app.sabai.therapist.planning.Planner;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.SessionRequest;
import app.sabai.therapist.planning.SlotSearch;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Certification;
import app.sabai.therapist.staff.Level;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import app.sabai.therapist.time.LocalTimes;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DemoChainTest {

    /** A Monday; the rota repeats weekly, so fourteen days from here cover every weekday twice. */
    static final Clock MONDAY = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    final List<Branch> branches = DemoChain.branches();
    final List<Therapist> therapists = DemoChain.therapists();
    final List<Shift> shifts = DemoChain.shifts(DemoChain.todayByBranch(MONDAY));
    final Map<String, Branch> byId = branches.stream().collect(Collectors.toMap(Branch::id, Function.identity()));

    @Test
    void theBranchIdsAndZonesOthersRelyOn() {
        assertThat(branches).extracting(Branch::id, branch -> branch.zone().getId()).containsExactly(
                tuple("liverpool", "Europe/London"),
                tuple("bangkok-sukhumvit", "Asia/Bangkok"),
                tuple("new-york-soho", "America/New_York"),
                tuple("merseyside-mobile", "Europe/London"));
    }

    @Test
    void salonsHaveRoomsAndEquipmentForWhatTheyOffer() {
        for (Branch branch : branches.stream().filter(b -> !b.mobile()).toList()) {
            assertThat(branch.rooms()).as(branch.id()).hasSizeBetween(4, 6);
            assertThat(branch.changeoverMinutes()).as(branch.id()).isBetween(10, 15);
            assertThat(branch.unitsOf(EquipmentKind.STONE_HEATER)).as(branch.id()).hasSizeBetween(1, 2);
            for (TechniqueOffer offer : branch.techniques()) {
                assertThat(branch.roomsFor(offer.technique())).as(branch.id() + " " + offer.technique()).isNotEmpty();
            }
            if (branch.offers(Technique.THAI)) {
                assertThat(branch.rooms()).as(branch.id()).anySatisfy(room -> assertThat(room.kind()).isEqualTo(RoomKind.MAT));
            }
            if (branch.offers(Technique.TOK_SEN)) {
                assertThat(branch.unitsOf(EquipmentKind.HAMMER_SET)).as(branch.id()).isNotEmpty();
            }
            for (OpeningHours hours : branch.openingHours()) {
                assertThat(hours.opens()).isBefore(hours.closes());
            }
            assertThat(branch.openingHours()).as(branch.id()).hasSize(7);
        }
    }

    @Test
    void theMobileServiceVisitsMerseysideTheWirralAndNorthCheshire() {
        Branch mobile = byId.get(DemoChain.MERSEYSIDE_MOBILE);

        assertThat(mobile.mobile()).isTrue();
        assertThat(mobile.rooms()).isEmpty();
        assertThat(mobile.travelMinutes()).isEqualTo(30);
        assertThat(mobile.serviceArea().postcodeDistricts()).contains("L1", "L40", "CH41", "CH49", "CH60", "CH66", "WA1", "WA16", "CW8", "CW10")
                .doesNotContain("M1", "CH50");
    }

    @Test
    void theTeamsAreLargeVariedAndCoverTheWholeCatalogue() {
        assertThat(therapists).hasSizeGreaterThanOrEqualTo(24);
        assertThat(therapists).extracting(Therapist::id).doesNotHaveDuplicates();
        Map<String, Long> perBranch = therapists.stream().collect(Collectors.groupingBy(Therapist::homeBranchId, Collectors.counting()));
        assertThat(perBranch.get(DemoChain.LIVERPOOL)).isGreaterThanOrEqualTo(6);
        assertThat(perBranch.get(DemoChain.BANGKOK)).isGreaterThanOrEqualTo(6);
        assertThat(perBranch.get(DemoChain.NEW_YORK)).isGreaterThanOrEqualTo(6);
        assertThat(perBranch.get(DemoChain.MERSEYSIDE_MOBILE)).isGreaterThanOrEqualTo(4);
        assertThat(therapists).extracting(Therapist::gender).contains(Gender.FEMALE, Gender.MALE);
        assertThat(therapists).extracting(Therapist::level).contains(Level.JUNIOR, Level.SENIOR);
        assertThat(therapists).filteredOn(t -> t.holds(Certification.PRENATAL)).hasSizeBetween(3, 12);
        assertThat(therapists).filteredOn(t -> !t.coveringBranchIds().isEmpty()).hasSizeBetween(1, 3);
        Set<Technique> skills = therapists.stream().flatMap(t -> t.skills().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Technique.class)));
        assertThat(skills).containsExactlyInAnyOrder(Technique.values());
        for (Branch branch : branches) {
            for (TechniqueOffer offer : branch.techniques()) {
                assertThat(therapists).as(branch.id() + " " + offer.technique())
                        .anySatisfy(t -> assertThat(t.worksAt(branch.id()) && t.skilledIn(offer.technique())).isTrue());
            }
        }
        assertThat(therapists).filteredOn(t -> t.skilledIn(Technique.PRENATAL)).allSatisfy(t -> assertThat(t.holds(Certification.PRENATAL)).isTrue());
    }

    @Test
    void theRotaGivesEveryBranchSeveralTherapistsEveryDayWithinOpeningHours() {
        assertThat(shifts).extracting(Shift::id).doesNotHaveDuplicates();
        for (Shift shift : shifts) {
            Branch branch = byId.get(shift.branchId());
            OpeningHours hours = branch.hoursOn(shift.date()).orElseThrow();
            assertThat(shift.start()).as(shift.id()).isAfterOrEqualTo(hours.opens());
            assertThat(shift.end()).as(shift.id()).isBeforeOrEqualTo(hours.closes());
            assertThat(therapist(shift.therapistId()).worksAt(shift.branchId())).as(shift.id()).isTrue();
        }
        for (Branch branch : branches) {
            LocalDate today = LocalDate.now(MONDAY.withZone(branch.zone()));
            for (int day = 0; day < DemoChain.SHIFT_DAYS; day++) {
                LocalDate date = today.plusDays(day);
                List<Shift> onDuty = shifts.stream().filter(s -> s.branchId().equals(branch.id()) && s.date().equals(date)).toList();
                assertThat(onDuty).as(branch.id() + " on " + date).hasSizeGreaterThanOrEqualTo(3);
                assertThat(onDuty).as(branch.id() + " early and late on " + date)
                        .anySatisfy(s -> assertThat(s.start()).isEqualTo(branch.hoursOn(date).orElseThrow().opens()))
                        .anySatisfy(s -> assertThat(s.end()).isEqualTo(branch.hoursOn(date).orElseThrow().closes()));
            }
        }
    }

    @Test
    void everyOfferedTechniqueCanBeBookedEveryDayAtEveryBranch() {
        for (Branch branch : branches) {
            LocalDate today = LocalDate.now(MONDAY.withZone(branch.zone()));
            for (int day = 0; day < DemoChain.SHIFT_DAYS; day++) {
                LocalDate date = today.plusDays(day);
                for (TechniqueOffer offer : branch.techniques()) {
                    Duration length = Duration.ofMinutes(offer.durationsMinutes().getFirst());
                    boolean someSlot = SlotSearch.starts(branch, date, length).stream()
                            .anyMatch(start -> feasible(branch, offer.technique(), Interval.of(start, length)) > 0);
                    assertThat(someSlot).as(branch.id() + " " + offer.technique() + " on " + date).isTrue();
                }
            }
        }
    }

    /** What the platform's system tests book, on every weekday. */
    @Test
    void theSessionsTheSystemTestsBookAreStaffedEveryDay() {
        for (int day = 0; day < 7; day++) {
            assertThat(feasibleAt(DemoChain.LIVERPOOL, Technique.SWEDISH, day, "11:00", 60)).isGreaterThanOrEqualTo(1);
            assertThat(feasibleAt(DemoChain.LIVERPOOL, Technique.SWEDISH, day, "12:00", 60)).isGreaterThanOrEqualTo(1);
            assertThat(feasibleAt(DemoChain.LIVERPOOL, Technique.SWEDISH, day, "15:00", 60)).isGreaterThanOrEqualTo(1);
            assertThat(feasibleAt(DemoChain.LIVERPOOL, Technique.SWEDISH, day, "16:00", 60)).isGreaterThanOrEqualTo(1);
            assertThat(feasibleAt(DemoChain.LIVERPOOL, Technique.HOT_STONE, day, "14:00", 90)).isGreaterThanOrEqualTo(1);
            assertThat(feasibleAt(DemoChain.NEW_YORK, Technique.SWEDISH, day, "14:00", 60)).isGreaterThanOrEqualTo(2);
            assertThat(feasibleAt(DemoChain.BANGKOK, Technique.THAI, day, "15:00", 60)).isGreaterThanOrEqualTo(2);
            assertThat(feasibleAt(DemoChain.BANGKOK, Technique.THAI, day, "17:00", 60)).isGreaterThanOrEqualTo(2);
        }
    }

    private int feasibleAt(String branchId, Technique technique, int daysFromToday, String localStart, int minutes) {
        Branch branch = byId.get(branchId);
        LocalDate date = LocalDate.now(MONDAY.withZone(branch.zone())).plusDays(daysFromToday);
        Instant start = LocalTimes.boundary(date, LocalTime.parse(localStart), branch.zone());
        return feasible(branch, technique, Interval.of(start, Duration.ofMinutes(minutes)));
    }

    private int feasible(Branch branch, Technique technique, Interval session) {
        PlanningSnapshot snapshot = new PlanningSnapshot(branch,
                therapists.stream().filter(t -> t.worksAt(branch.id())).toList(),
                shifts.stream().collect(Collectors.toMap(Shift::id, Function.identity())),
                Occupancy.empty());
        return Planner.plan(snapshot, SessionRequest.of(technique, session)) instanceof Plan.Feasible feasible
                ? feasible.candidates().size() : 0;
    }

    private Therapist therapist(String id) {
        return therapists.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }
}
