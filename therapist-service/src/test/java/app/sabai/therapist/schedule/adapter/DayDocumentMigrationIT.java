package app.sabai.therapist.schedule.adapter;

import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Data written by earlier versions (day documents by local date, shifts by date) keeps counting after an upgrade. */
class DayDocumentMigrationIT extends ServiceIntegrationTest {

    @Autowired
    DayDocumentMigration migration;

    @Test
    void sessionsFiledUnderLocalDatesMoveToUtcDayDocumentsAndStillKeepOthersOut() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 3);
        Instant start = at(branch, day, "10:00");
        Instant end = at(branch, day, "11:00");
        Document session = new Document("bookingId", "old-booking-" + branch.id()).append("attempt", 1).append("branchId", branch.id())
                .append("start", Date.from(start)).append("end", Date.from(end.plusSeconds(900)))
                .append("sessionStart", Date.from(start)).append("sessionEnd", Date.from(end));
        mongo.insert(new Document("_id", anna.id() + ":" + day).append("sessions", List.of(session)), "therapist_days");
        mongo.insert(new Document("_id", branch.id() + ":table-1:" + day).append("sessions", List.of(session)), "room_days");
        mongo.insert(new Document("_id", "old-booking-" + branch.id()).append("branchId", branch.id()).append("status", "ASSIGNED")
                .append("attempt", 1).append("reservation", new Document("therapistId", anna.id()).append("roomId", "table-1")
                        .append("equipmentIds", List.of()).append("blockedStart", Date.from(start))
                        .append("blockedEnd", Date.from(end.plusSeconds(900)))), "assignments");
        mongo.insert(new Document("_id", anna.id() + ":" + day.plusDays(1)).append("therapistId", anna.id()).append("branchId", branch.id())
                .append("date", day.plusDays(1).toString()).append("start", "12:00").append("end", "16:00"), "shifts");
        mongo.remove(new Query(Criteria.where("_id").is(DayDocumentMigration.MARKER)), "migrations");

        migration.afterSingletonsInstantiated();
        migration.afterSingletonsInstantiated();

        assertThat(mongo.findById(anna.id() + ":" + day, Document.class, "therapist_days")).isNull();
        assertThat(holdersOf("therapist_days", "old-booking-" + branch.id())).containsExactly(anna.id());
        assertThat(holdersOf("room_days", "old-booking-" + branch.id())).containsExactly(branch.id() + "/table-1");
        assertThat(sessionsOf("therapist_days", "old-booking-" + branch.id())).hasSize(1);
        assertThat(assignmentDocument("old-booking-" + branch.id()).get("reservation", Document.class).getList("holdings", Document.class))
                .extracting(held -> held.getString("kind") + ":" + held.getString("resourceId"))
                .containsExactly("THERAPIST:" + anna.id(), "ROOM:" + branch.id() + "/table-1");
        assertThat(mongo.findById(DayDocumentMigration.MARKER, Document.class, "migrations")).isNotNull();
        assertThat(mongo.findById(anna.id() + ":" + day.plusDays(1), Document.class, "shifts")).isNull();
        assertThat(roster.of(anna.id()).shiftOn(day.plusDays(1))).hasValueSatisfying(shift -> {
            assertThat(shift.start()).isEqualTo(LocalTime.of(12, 0));
            assertThat(shift.end()).isEqualTo(LocalTime.of(16, 0));
        });

        BookingRequested wantsAnna = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:30"), 60);
        assertThat(assignmentDocument(wantsAnna.bookingId()).getString("status")).isEqualTo("REJECTED");
    }
}
