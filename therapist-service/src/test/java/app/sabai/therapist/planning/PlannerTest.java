package app.sabai.therapist.planning;

import app.sabai.contracts.values.CandidateVerdict;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.branch.RoomKind;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PlannerTest {

    static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);
    final Branch salon = Fixtures.salon("salon").build();
    final Therapist anna = Fixtures.therapist("anna", "salon").build();

    SessionRequest request(Technique technique, Snapshots snapshots, String from, String to) {
        return SessionRequest.of(technique, snapshots.local(TUESDAY, from, to));
    }

    @Test
    void aQualifiedTherapistOnShiftWithAFreeRoomOfTheRightKindMakesTheSessionFeasible() {
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00");

        Plan plan = Planner.plan(snapshots.build(), request(Technique.THAI, snapshots, "10:00", "11:00"));

        assertThat(plan).isInstanceOfSatisfying(Plan.Feasible.class, feasible -> {
            assertThat(feasible.best().therapist().id()).isEqualTo("anna");
            assertThat(feasible.rooms()).extracting(Room::kind).containsExactly(RoomKind.MAT);
            assertThat(feasible.units()).isEmpty();
            assertThat(feasible.blocked()).isEqualTo(snapshots.local(TUESDAY, "10:00", "11:15"));
        });
    }

    @Test
    void tableTechniquesPreferTableRoomsAndUseTheDoubleRoomLast() {
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00");

        Plan plan = Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "10:00", "11:00"));

        assertThat(((Plan.Feasible) plan).rooms()).extracting(Room::id).containsExactly("table-1", "table-2", "double-1");
    }

    @Test
    void hotStoneNeedsAFreeStoneHeater() {
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00");
        assertThat(((Plan.Feasible) Planner.plan(snapshots.build(), request(Technique.HOT_STONE, snapshots, "10:00", "11:15"))).units())
                .extracting(unit -> unit.id()).containsExactly("heater-1");

        snapshots.unitBusy("heater-1", TUESDAY, "10:30", "12:00");
        Plan plan = Planner.plan(snapshots.build(), request(Technique.HOT_STONE, snapshots, "10:00", "11:15"));

        assertThat(plan).isInstanceOfSatisfying(Plan.Infeasible.class, infeasible -> {
            assertThat(infeasible.reason()).isEqualTo(RejectionReason.NO_EQUIPMENT_AVAILABLE);
            assertThat(infeasible.detail()).contains("stone heater");
            assertThat(infeasible.verdicts()).singleElement().satisfies(v -> assertThat(v.eligible()).isTrue());
        });
    }

    @Test
    void tokSenNeedsTheHammerSetAndABranchWithoutOneCannotGiveIt() {
        Branch noHammers = Fixtures.salon("salon").equipment().build();
        Snapshots snapshots = Snapshots.at(noHammers).onShift(anna, TUESDAY, "09:00", "17:00");

        Plan plan = Planner.plan(snapshots.build(), request(Technique.TOK_SEN, snapshots, "10:00", "11:00"));

        assertThat(plan).isInstanceOfSatisfying(Plan.Infeasible.class, infeasible -> {
            assertThat(infeasible.reason()).isEqualTo(RejectionReason.NO_EQUIPMENT_AVAILABLE);
            assertThat(infeasible.detail()).contains("has no Tok Sen hammer set");
        });
    }

    @Test
    void everyRoomOfTheKindTakenMeansNoRoomAvailable() {
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00").roomBusy("mat-1", TUESDAY, "09:00", "12:00");

        Plan plan = Planner.plan(snapshots.build(), request(Technique.THAI, snapshots, "10:00", "11:00"));

        assertThat(plan).isInstanceOfSatisfying(Plan.Infeasible.class,
                infeasible -> assertThat(infeasible.reason()).isEqualTo(RejectionReason.NO_ROOM_AVAILABLE));
    }

    @Test
    void aSearchGetsTheSamePlanWhereTheSessionCanBeHadAndNothingWhereItCannot() {
        Therapist ben = Fixtures.therapist("ben", "salon").build();
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00").onShift(ben, TUESDAY, "12:00", "20:00")
                .therapistBusy(anna, TUESDAY, "10:00", "11:00").unitBusy("heater-1", TUESDAY, "13:00", "15:00")
                .roomBusy("mat-1", TUESDAY, "15:00", "17:00");
        PlanningSnapshot snapshot = snapshots.build();
        List<Plan> plans = new ArrayList<>();

        for (Technique technique : List.of(Technique.HOT_STONE, Technique.THAI)) {
            SessionRequest template = request(technique, snapshots, "09:00", "10:00");
            for (Instant start : SlotSearch.starts(salon, TUESDAY, Duration.ofHours(1))) {
                SessionRequest request = template.at(Interval.of(start, Duration.ofHours(1)));
                Plan plan = Planner.plan(snapshot, request);
                Optional<Plan.Feasible> found = Planner.feasible(snapshot, request);
                if (plan instanceof Plan.Feasible planned) {
                    assertThat(found).as(technique + " at " + start).get().satisfies(feasible -> {
                        assertThat(feasible).usingRecursiveComparison().ignoringFields("excluded").isEqualTo(planned);
                        assertThat(feasible.verdicts()).isEqualTo(planned.verdicts());
                    });
                } else {
                    assertThat(found).as(technique + " at " + start).isEmpty();
                }
                plans.add(plan);
            }
        }

        assertThat(plans).hasAtLeastOneElementOfType(Plan.Feasible.class)
                .filteredOn(Plan.Infeasible.class::isInstance).extracting(plan -> ((Plan.Infeasible) plan).reason())
                .contains(RejectionReason.NO_THERAPIST_AVAILABLE, RejectionReason.NO_EQUIPMENT_AVAILABLE, RejectionReason.NO_ROOM_AVAILABLE);
    }

    @Test
    void aBranchThatDoesNotOfferTheTechniqueHasNobodyQualified() {
        Branch swedishOnly = Fixtures.salon("salon").offering(Technique.SWEDISH).build();
        Snapshots snapshots = Snapshots.at(swedishOnly).onShift(anna, TUESDAY, "09:00", "17:00");

        Plan plan = Planner.plan(snapshots.build(), request(Technique.THAI, snapshots, "10:00", "11:00"));

        assertThat(plan).isInstanceOfSatisfying(Plan.Infeasible.class, infeasible -> {
            assertThat(infeasible.reason()).isEqualTo(RejectionReason.NO_QUALIFIED_THERAPIST);
            assertThat(infeasible.detail()).contains("does not offer THAI");
        });
    }

    @Nested
    class OpeningHours {

        @Test
        void aSessionRunningPastClosingIsOutsideOpeningHours() {
            Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "13:00", "21:00");

            Plan plan = Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "20:30", "21:30"));

            assertThat(plan).isInstanceOfSatisfying(Plan.Infeasible.class, infeasible -> {
                assertThat(infeasible.reason()).isEqualTo(RejectionReason.OUTSIDE_OPENING_HOURS);
                assertThat(infeasible.detail()).contains("09:00–21:00", "20:30–21:30");
            });
        }

        @Test
        void aSessionEndingAtClosingFits() {
            Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "13:00", "21:00");

            assertThat(Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "20:00", "21:00")))
                    .isInstanceOf(Plan.Feasible.class);
        }

        @Test
        void aClosedDayIsOutsideOpeningHours() {
            Branch closedTuesdays = Fixtures.salon("salon").closedOn(DayOfWeek.TUESDAY).build();
            Snapshots snapshots = Snapshots.at(closedTuesdays).onShift(anna, TUESDAY, "09:00", "17:00");

            Plan plan = Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "10:00", "11:00"));

            assertThat(plan).isInstanceOfSatisfying(Plan.Infeasible.class, infeasible -> {
                assertThat(infeasible.reason()).isEqualTo(RejectionReason.OUTSIDE_OPENING_HOURS);
                assertThat(infeasible.detail()).contains("closed on tuesdays");
            });
        }

        @Test
        void openingHoursAreLocalOnTheDayTheClocksGoForward() {
            LocalDate springForward = LocalDate.of(2026, 3, 29);
            Snapshots snapshots = Snapshots.at(salon).onShift(anna, springForward, "09:00", "17:00");
            Interval nineLocal = snapshots.local(springForward, "09:00", "10:00");

            assertThat(nineLocal.start()).isEqualTo("2026-03-29T08:00:00Z");
            assertThat(Planner.plan(snapshots.build(), SessionRequest.of(Technique.SWEDISH, nineLocal))).isInstanceOf(Plan.Feasible.class);
            assertThat(Planner.plan(snapshots.build(), SessionRequest.of(Technique.SWEDISH,
                    nineLocal.shiftTo(nineLocal.start().minusSeconds(3600))))).isInstanceOfSatisfying(Plan.Infeasible.class,
                    infeasible -> assertThat(infeasible.reason()).isEqualTo(RejectionReason.OUTSIDE_OPENING_HOURS));
        }
    }

    @Nested
    class HardRules {

        @Test
        void eachRuleNamesWhoItExcludedAndWhy() {
            Therapist elsewhere = Fixtures.therapist("elsewhere", "other-branch").build();
            Therapist untrained = Fixtures.therapist("untrained", "salon").skills(Technique.SPORTS).build();
            Therapist junior = Fixtures.therapist("junior", "salon").prenatal().build();
            Therapist uncertified = Fixtures.therapist("uncertified", "salon").senior().build();
            Therapist offToday = Fixtures.therapist("off-today", "salon").senior().prenatal().build();
            Therapist lateShift = Fixtures.therapist("late-shift", "salon").senior().prenatal().build();
            Therapist atOtherBranch = Fixtures.therapist("at-other-branch", "salon").covering("other-branch").senior().prenatal().build();
            Therapist busy = Fixtures.therapist("busy", "salon").senior().prenatal().build();
            Therapist free = Fixtures.therapist("free", "salon").senior().prenatal().build();
            Snapshots snapshots = Snapshots.at(salon)
                    .onShift(elsewhere, TUESDAY, "09:00", "17:00")
                    .onShift(untrained, TUESDAY, "09:00", "17:00")
                    .onShift(junior, TUESDAY, "09:00", "17:00")
                    .onShift(uncertified, TUESDAY, "09:00", "17:00")
                    .withoutShift(offToday)
                    .onShift(lateShift, TUESDAY, "13:00", "21:00")
                    .onShiftAt(atOtherBranch, "other-branch", TUESDAY, "09:00", "17:00")
                    .onShift(busy, TUESDAY, "09:00", "17:00").therapistBusy(busy, TUESDAY, "09:30", "10:15")
                    .onShift(free, TUESDAY, "09:00", "17:00");
            SessionRequest request = new SessionRequest(null, Technique.SWEDISH, snapshots.local(TUESDAY, "10:00", "11:00"),
                    new CareRequirements(true, true, false, List.of(), List.of()), null, null);

            Plan plan = Planner.plan(snapshots.build(), request);

            assertThat(plan).isInstanceOf(Plan.Feasible.class);
            assertThat(plan.verdicts()).extracting(CandidateVerdict::therapistId, CandidateVerdict::excludedBy).containsExactlyInAnyOrder(
                    tuple("free", null),
                    tuple("elsewhere", "WORKS_AT_BRANCH"),
                    tuple("untrained", "HAS_SKILL"),
                    tuple("uncertified", "PRENATAL_CERTIFIED"),
                    tuple("junior", "SENIOR_LEVEL"),
                    tuple("off-today", "ON_SHIFT"),
                    tuple("late-shift", "ON_SHIFT"),
                    tuple("at-other-branch", "ON_SHIFT"),
                    tuple("busy", "NO_OVERLAP"));
            assertThat(plan.verdicts()).filteredOn(v -> "free".equals(v.therapistId())).singleElement()
                    .satisfies(v -> assertThat(v.rank()).isEqualTo(1));
            assertThat(plan.verdicts()).filteredOn(v -> "late-shift".equals(v.therapistId())).singleElement()
                    .satisfies(v -> assertThat(v.detail()).contains("13:00–21:00 does not cover 10:00–11:00"));
            assertThat(plan.verdicts()).filteredOn(v -> "busy".equals(v.therapistId())).singleElement()
                    .satisfies(v -> assertThat(v.detail()).contains("busy 09:30–10:15"));
        }

        @Test
        void nobodyTrainedMeansNoQualifiedTherapist() {
            Snapshots snapshots = Snapshots.at(salon).onShift(Fixtures.therapist("sam", "salon").skills(Technique.SPORTS).build(),
                    TUESDAY, "09:00", "17:00");

            Plan plan = Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "10:00", "11:00"));

            assertThat(plan).isInstanceOfSatisfying(Plan.Infeasible.class,
                    infeasible -> assertThat(infeasible.reason()).isEqualTo(RejectionReason.NO_QUALIFIED_THERAPIST));
        }

        @Test
        void qualifiedButBusyOrOffShiftMeansNoTherapistAvailable() {
            Therapist off = Fixtures.therapist("off", "salon").build();
            Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00")
                    .therapistBusy(anna, TUESDAY, "10:00", "11:15").withoutShift(off);

            Plan plan = Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "10:30", "11:30"));

            assertThat(plan).isInstanceOfSatisfying(Plan.Infeasible.class, infeasible -> {
                assertThat(infeasible.reason()).isEqualTo(RejectionReason.NO_THERAPIST_AVAILABLE);
                assertThat(infeasible.verdicts()).extracting(CandidateVerdict::excludedBy).containsExactlyInAnyOrder("NO_OVERLAP", "ON_SHIFT");
            });
        }
    }

    @Nested
    class ChangeoverAndTravel {

        @Test
        void theChangeoverAfterABookedSessionKeepsTheTherapistBusy() {
            // A 10:00–11:00 session holds its therapist until 11:15 with a 15-minute changeover.
            Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00").therapistBusy(anna, TUESDAY, "10:00", "11:15");

            assertThat(Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "11:00", "12:00")))
                    .isInstanceOf(Plan.Infeasible.class);
            assertThat(Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "11:15", "12:15")))
                    .isInstanceOf(Plan.Feasible.class);
        }

        @Test
        void theNewSessionNeedsItsOwnChangeoverBeforeTheNextBookedOne() {
            Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00").therapistBusy(anna, TUESDAY, "12:00", "13:15");

            assertThat(Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "11:00", "11:50")))
                    .isInstanceOf(Plan.Infeasible.class);
            assertThat(Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "10:45", "11:45")))
                    .isInstanceOf(Plan.Feasible.class);
        }

        @Test
        void whatTheSameBookingHoldsFromAnEarlierAttemptIsNotInItsWay() {
            Interval session = Snapshots.at(salon).local(TUESDAY, "10:00", "11:00");
            BookedSession earlierAttempt = BookedSession.of("booking-1", 1, "salon", salon.blockedFor(session), session);
            PlanningSnapshot snapshot = new PlanningSnapshot(salon, List.of(anna),
                    Map.of(Shift.idOf("anna", TUESDAY),
                            Shift.of("anna", "salon", TUESDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))),
                    new Occupancy(Map.of(Resource.therapist("anna"), List.of(earlierAttempt),
                            Resource.room("salon", "mat-1"), List.of(earlierAttempt))));

            Plan sameBooking = Planner.plan(snapshot, new SessionRequest("booking-1", Technique.THAI, session, null, null, null));
            Plan otherBooking = Planner.plan(snapshot, new SessionRequest("booking-2", Technique.THAI, session, null, null, null));

            assertThat(sameBooking).isInstanceOf(Plan.Feasible.class);
            assertThat(otherBooking).isInstanceOfSatisfying(Plan.Infeasible.class,
                    infeasible -> assertThat(infeasible.reason()).isEqualTo(RejectionReason.NO_THERAPIST_AVAILABLE));
        }

        @Test
        void roomsNeedTheirChangeoverToo() {
            Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00").roomBusy("mat-1", TUESDAY, "09:00", "10:15");

            assertThat(Planner.plan(snapshots.build(), request(Technique.THAI, snapshots, "10:00", "11:00"))).isInstanceOf(Plan.Infeasible.class);
            assertThat(Planner.plan(snapshots.build(), request(Technique.THAI, snapshots, "10:15", "11:15"))).isInstanceOf(Plan.Feasible.class);
        }

        @Test
        void aHomeVisitBlocksTravelBeforeAndPackingUpPlusTravelAfter() {
            Branch mobile = Fixtures.salon("mobile").mobile(30).changeover(10).build();
            Therapist gemma = Fixtures.therapist("gemma", "mobile").build();
            // A visit 10:00–11:00 blocks 09:30–11:40.
            Snapshots snapshots = Snapshots.at(mobile).onShift(gemma, TUESDAY, "08:00", "20:00").therapistBusy(gemma, TUESDAY, "09:30", "11:40");

            Plan tooSoon = Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "12:00", "13:00"));
            Plan inTime = Planner.plan(snapshots.build(), request(Technique.SWEDISH, snapshots, "12:10", "13:10"));

            assertThat(tooSoon).isInstanceOf(Plan.Infeasible.class);
            assertThat(inTime).isInstanceOfSatisfying(Plan.Feasible.class, feasible -> {
                assertThat(feasible.blocked()).isEqualTo(snapshots.local(TUESDAY, "11:40", "13:50"));
                assertThat(feasible.rooms()).isEmpty();
                assertThat(feasible.equipmentKind()).isEmpty();
            });
        }

        @Test
        void aHomeVisitNeedsNoRoomOrEquipment() {
            Branch mobile = Fixtures.salon("mobile").mobile(30).build();
            Snapshots snapshots = Snapshots.at(mobile).onShift(Fixtures.therapist("gemma", "mobile").build(), TUESDAY, "08:00", "20:00");

            assertThat(Planner.plan(snapshots.build(), SessionRequest.of(Technique.HOT_STONE,
                    snapshots.local(TUESDAY, "10:00", "11:15")))).isInstanceOf(Plan.Feasible.class);
        }
    }

    @Test
    void shiftsAndSessionsAreReadInTheBranchZone() {
        Branch bangkok = Fixtures.salon("bkk").zone(ZoneId.of("Asia/Bangkok")).build();
        Snapshots snapshots = Snapshots.at(bangkok).onShift(Fixtures.therapist("ploy", "bkk").build(), TUESDAY, "09:00", "17:00");
        Interval tenBangkok = snapshots.local(TUESDAY, "10:00", "11:00");

        assertThat(tenBangkok.start()).isEqualTo("2026-12-01T03:00:00Z");
        assertThat(Planner.plan(snapshots.build(), SessionRequest.of(Technique.SWEDISH, tenBangkok))).isInstanceOf(Plan.Feasible.class);
    }
}
