package app.sabai.therapist.schedule.adapter;

import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Occupancy;
import app.sabai.therapist.planning.Plan;
import app.sabai.therapist.planning.Planner;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.planning.SessionRequest;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A request's fresh snapshot reads what could serve it, and plans as one that read everything; day documents read back as filed. */
class SnapshotLoaderIT extends ServiceIntegrationTest {

    @Autowired
    SnapshotLoader snapshots;

    @Test
    void aRequestsSnapshotReadsOnlyTheTherapistsFitForItAndTheRoomsAndUnitsItCouldUse() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        Therapist thaiOnly = Fixtures.therapist(freshId("thai"), branch.id()).skills(Technique.THAI).build();
        seed(branch, List.of(anna, thaiOnly), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 3);
        List<Resource> everything = List.of(Resource.therapist(anna.id()), Resource.therapist(thaiOnly.id()),
                Resource.room(branch.id(), "table-1"), Resource.room(branch.id(), "mat-1"), Resource.equipment(branch.id(), "heater-1"));
        everything.forEach(resource -> StoredDays.fileInTheStoreOnly(mongo, resource, session(branch, day, "10:00")));
        SessionRequest swedish = new SessionRequest(freshId("booking"), Technique.SWEDISH,
                new Interval(at(branch, day, "10:30"), at(branch, day, "11:30")), null, null, null);

        PlanningSnapshot forTheRequest = snapshots.loadFor(swedish, branch, List.of(anna, thaiOnly), day);
        PlanningSnapshot whole = snapshots.load(branch, List.of(anna, thaiOnly), List.of(day));

        assertThat(everything).allSatisfy(resource -> assertThat(whole.occupancy().sessions(resource)).as("all read: " + resource).hasSize(1));
        assertThat(forTheRequest.occupancy().sessions(Resource.therapist(anna.id()))).hasSize(1);
        assertThat(forTheRequest.occupancy().sessions(Resource.room(branch.id(), "table-1"))).hasSize(1);
        assertThat(forTheRequest.occupancy().sessions(Resource.therapist(thaiOnly.id()))).as("not trained in Swedish").isEmpty();
        assertThat(forTheRequest.occupancy().sessions(Resource.room(branch.id(), "mat-1"))).as("no Swedish on a mat").isEmpty();
        assertThat(forTheRequest.occupancy().sessions(Resource.equipment(branch.id(), "heater-1"))).as("Swedish needs no stones").isEmpty();
        Plan fromWhatCouldServe = Planner.plan(forTheRequest, swedish);
        Plan fromEverything = Planner.plan(whole, swedish);
        assertThat(fromWhatCouldServe).isInstanceOfSatisfying(Plan.Infeasible.class, refused -> {
            assertThat(refused.reason()).isEqualTo(RejectionReason.NO_THERAPIST_AVAILABLE);
            assertThat(refused.verdicts()).isEqualTo(((Plan.Infeasible) fromEverything).verdicts());
            assertThat(refused.detail()).isEqualTo(((Plan.Infeasible) fromEverything).detail());
        });
    }

    @Test
    void aRequestsSnapshotReadsTheDaysOpeningHoursAndTheRequestNotTheHoursAroundThem() {
        // In UTC, so that each local date is the day document of one UTC date whatever the time of year.
        Branch branch = Fixtures.salon(freshId("salon")).zone(ZoneOffset.UTC).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 3);
        Resource annasDay = Resource.therapist(anna.id());
        StoredDays.fileInTheStoreOnly(mongo, annasDay, session(branch, day.minusDays(1), "20:00"));
        StoredDays.fileInTheStoreOnly(mongo, annasDay, session(branch, day, "10:00"));
        StoredDays.fileInTheStoreOnly(mongo, annasDay, session(branch, day.plusDays(1), "01:00"));
        SessionRequest atEleven = new SessionRequest(freshId("booking"), Technique.SWEDISH,
                new Interval(at(branch, day, "11:00"), at(branch, day, "12:00")), null, null, null);
        SessionRequest pastMidnight = atEleven.at(new Interval(at(branch, day, "23:30"), at(branch, day.plusDays(1), "00:30")));

        assertThat(snapshots.load(branch, List.of(anna), List.of(day)).occupancy().sessions(annasDay))
                .as("the day and six hours either side").hasSize(3);
        assertThat(snapshots.loadFor(atEleven, branch, List.of(anna), day).occupancy().sessions(annasDay))
                .as("09:00 to 21:15, the day's hours and their changeover").hasSize(1);
        assertThat(snapshots.loadFor(pastMidnight, branch, List.of(anna), day).occupancy().sessions(annasDay))
                .as("a request past closing, as far as its own changeover").hasSize(2);
    }

    @Test
    void aDaysSessionsAndAbsencesReadBackAsTheyWereFiledAndAsTheMappingConverterReadsThem() {
        Resource anna = Resource.therapist(freshId("anna"));
        Instant midnight = LocalDate.now(clock).plusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant ten = midnight.plus(Duration.ofHours(10)).plusNanos(123_456_789);
        BookedSession session = BookedSession.of(freshId("booking"), 2, "salon", new Interval(ten, ten.plus(Duration.ofMinutes(75))),
                new Interval(ten, ten.plus(Duration.ofHours(1))));
        BookedSession absence = BookedSession.absence(freshId("absence"), "SICK", "salon",
                new Interval(ten.plus(Duration.ofHours(2)), ten.plus(Duration.ofHours(4))));
        assertThat(reservations.reserve(anna, session)).isTrue();
        reservations.block(anna, absence);
        Resource nobodyYet = Resource.therapist(freshId("ben"));
        String emptyDay = Reservations.dayIds(nobodyYet, new Interval(midnight, ten)).getFirst();
        mongo.insert(new Document("_id", emptyDay), "therapist_days");

        Interval day = new Interval(midnight, midnight.plus(Duration.ofDays(1)));
        Occupancy read = reservations.occupancy(List.of(anna, nobodyYet), day);

        assertThat(read.sessions(anna)).containsExactly(DayViews.asStored(session), DayViews.asStored(absence));
        assertThat(read.sessions(nobodyYet)).isEmpty();
        for (String dayId : List.of(Reservations.dayIds(anna, day).getFirst(), emptyDay)) {
            Document stored = mongo.findById(dayId, Document.class, "therapist_days");
            assertThat(DaySheet.of(stored)).isEqualTo(mongo.getConverter().read(DaySheet.class, stored));
        }
    }

    @Test
    void aSessionFiledBeforeSessionTimesWereKeptReadsAsTheMappingConverterReadsIt() {
        Date start = new Date(1_795_000_000_000L);
        Document filedLongAgo = new Document("_id", "anna@2026-11-18").append(Reservations.SESSIONS, List.of(
                new Document("bookingId", "booking-1").append("attempt", 1).append("branchId", "salon")
                        .append("start", start).append("end", new Date(start.getTime() + 4_500_000))));

        DaySheet read = DaySheet.of(filedLongAgo);

        assertThat(read).isEqualTo(mongo.getConverter().read(DaySheet.class, filedLongAgo));
        assertThat(read.sessions()).singleElement().satisfies(session -> {
            assertThat(session.session()).isEqualTo(session.blocked());
            assertThat(session.isAbsence()).isFalse();
        });
    }

    private static BookedSession session(Branch branch, LocalDate day, String start) {
        Instant from = at(branch, day, start);
        Interval session = new Interval(from, from.plus(Duration.ofHours(1)));
        return BookedSession.of(freshId("held"), 1, branch.id(), branch.blockedFor(session), session);
    }
}
