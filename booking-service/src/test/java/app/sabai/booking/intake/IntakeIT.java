package app.sabai.booking.intake;

import app.sabai.booking.intake.adapter.CustomerFile;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.support.testing.Race;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.StoreCounters;
import app.sabai.support.testing.TestCallers;
import app.sabai.support.web.ConflictException;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static app.sabai.booking.testing.RequestBodies.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SabaiServiceTest
class IntakeIT {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    CustomerFile customers;
    @LocalServerPort
    int port;

    BookingApi api;
    String branchId;

    @BeforeEach
    void aBranchInTheCatalogue() {
        api = new BookingApi(port);
        branchId = TestBranches.freshId("intake");
        TestBranches.catalogue(mongo, TestBranches.aBranch(branchId));
    }

    @Test
    void aDeclinedIntakeIsARejectedBookingWithAReasonToActOn() {
        HttpResponse<String> response = api.post(aBooking(branchId).with("intake.conditions", list("LIMB_NUMBNESS")));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode booking = BookingApi.json(response);
        String id = booking.get("id").asString();
        assertThat(booking.get("status").asString()).isEqualTo("REJECTED");
        assertThat(booking.get("rejection").get("reason").asString()).isEqualTo("INTAKE_DECLINED");
        assertThat(booking.get("rejection").get("detail").asString()).contains("medical evaluation");
        assertThat(api.booking(id).get("status").asString()).isEqualTo("REJECTED");

        BookingRejected rejected = BookingEvents.await(BookingRejected.class, id);
        assertThat(rejected.reason()).isEqualTo(RejectionReason.INTAKE_DECLINED);
        assertThat(rejected.detail()).contains("medical evaluation");
        assertThat(rejected.key()).isEqualTo(branchId);
        assertThat(BookingEvents.all(BookingRequested.class, id, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void theScreeningDemandsTravelWithTheRequest() {
        String id = BookingApi.json(api.post(aBooking(branchId).with("intake.conditions", list("SCIATICA"))
                .with("intake.allergies", list("ALMOND")).with("technique", "SWEDISH"))).get("id").asString();

        CareRequirements requirements = BookingEvents.await(BookingRequested.class, id).requirements();

        assertThat(requirements.seniorTherapist()).isTrue();
        assertThat(requirements.notesForTherapist()).anySatisfy(note -> assertThat(note).contains("almond", "use another oil"));
        assertThat(api.as(TestCallers.staff(branchId)).booking(id).get("careNotes").size()).isEqualTo(2);
        assertThat(api.as(TestCallers.ops()).booking(id).has("careNotes")).as("what the intake said is not for operations").isFalse();
    }

    @Test
    void aBookingIsListedWithItsIntakeInOneWriteAndAnIntakeRecordedLaterStays() {
        String email = "file-" + UUID.randomUUID() + "@example.com";
        Instant earlier = Instant.parse("2026-11-01T09:00:00Z");
        Intake almond = Intakes.anIntake().allergicTo(Oil.ALMOND).build();
        Intake coconut = Intakes.anIntake().allergicTo(Oil.COCONUT).build();
        String customerId = customers.idOf(email);

        customers.keepIntakeAndAddBooking(email, customerId, coconut, earlier.plusSeconds(60), "booking-1");
        customers.keepIntakeAndAddBooking(email, customerId, almond, earlier, "booking-2");
        customers.keepIntakeAndAddBooking(email, customerId, almond, earlier, "booking-2");

        Document file = mongo.findById(email, Document.class, "customers");
        assertThat(file.getList("bookingIds", String.class)).containsExactly("booking-1", "booking-2");
        assertThat(file.get("intake", Document.class).getList("allergies", String.class)).as("the intake recorded later")
                .containsExactly("COCONUT");
        assertThat(file.getDate("intakeRecordedAt").toInstant()).isEqualTo(earlier.plusSeconds(60));
    }

    @Test
    void aFileMadeForABookingTakesItsIdTheBookingAndTheIntakeAndALaterBookingIsListedOnIt() {
        String email = "made-" + UUID.randomUUID() + "@example.com";
        Instant recorded = Instant.parse("2026-11-01T09:00:00Z");
        Intake coconut = Intakes.anIntake().allergicTo(Oil.COCONUT).build();

        String customerId = customers.listBooking(email, Optional.empty(), "booking-1", Optional.of(coconut), recorded);
        assertThat(mongo.findById(email, Document.class, "customers")).as("the file as made, and nothing of the write's conditions")
                .containsOnlyKeys("_id", "customerId", "bookingIds", "intake", "intakeRecordedAt");
        String again = customers.listBooking(email.toUpperCase(), Optional.empty(), "booking-2", Optional.empty(), recorded.plusSeconds(60));
        customers.listBooking(email, Optional.empty(), "booking-3", Optional.of(Intakes.anIntake().allergicTo(Oil.ALMOND).build()),
                recorded.minusSeconds(60));

        assertThat(again).isEqualTo(customerId);
        Document file = mongo.findById(email, Document.class, "customers");
        assertThat(file.getString("customerId")).isEqualTo(customerId);
        assertThat(file.getList("bookingIds", String.class)).containsExactly("booking-1", "booking-2", "booking-3");
        assertThat(file.get("intake", Document.class).getList("allergies", String.class)).as("the intake recorded later")
                .containsExactly("COCONUT");
        assertThat(customers.byId(customerId).map(CustomerFile.CustomerBookings::email)).contains(email);
    }

    @Test
    void concurrentFirstBookingsOnOneEmailShareOneFileAndEachIsListed() throws Exception {
        String email = "race-" + UUID.randomUUID() + "@example.com";
        Instant recorded = Instant.parse("2026-11-01T09:00:00Z");
        int bookings = 8;
        List<Callable<String>> firstBookings = IntStream.range(0, bookings).<Callable<String>>mapToObj(i -> () ->
                customers.listBooking(email, Optional.empty(), "booking-" + i,
                        Optional.of(Intakes.anIntake().allergicTo(Oil.COCONUT).build()), recorded.plusSeconds(i))).toList();

        Set<String> answered = new HashSet<>(Race.atOnce(firstBookings));
        assertThat(answered).as("one id for the email, whoever made the file").hasSize(1);
        String customerId = answered.iterator().next();
        Document file = mongo.findById(email, Document.class, "customers");
        assertThat(file.getString("customerId")).isEqualTo(customerId);
        assertThat(file.getList("bookingIds", String.class)).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, bookings).mapToObj(i -> "booking-" + i).toList());
        assertThat(customers.byId(customerId).map(CustomerFile.CustomerBookings::email)).as("found by its id").contains(email);
    }

    @Test
    void aSignedInCustomersFirstBookingMakesTheirFileUnderTheirOwnId() {
        String customer = "customer-" + UUID.randomUUID();
        String email = "own-" + UUID.randomUUID() + "@example.com";
        Instant recorded = Instant.parse("2026-11-01T09:00:00Z");

        String customerId = customers.listBooking(email, Optional.of(customer), "booking-1", Optional.empty(), recorded);
        String again = customers.listBooking(email, Optional.of(customer), "booking-2",
                Optional.of(Intakes.anIntake().allergicTo(Oil.ALMOND).build()), recorded.plusSeconds(60));

        assertThat(customerId).isEqualTo(customer);
        assertThat(again).isEqualTo(customer);
        Document file = mongo.findById(email, Document.class, "customers");
        assertThat(file).containsOnlyKeys("_id", "customerId", "bookingIds", "intake", "intakeRecordedAt");
        assertThat(file.getString("customerId")).isEqualTo(customer);
        assertThat(file.getList("bookingIds", String.class)).containsExactly("booking-1", "booking-2");
    }

    @Test
    void aSignedInCustomerCannotListABookingOnAnotherCustomersFile() {
        String email = "theirs-" + UUID.randomUUID() + "@example.com";
        Instant recorded = Instant.parse("2026-11-01T09:00:00Z");
        String owner = customers.listBooking(email, Optional.empty(), "booking-1", Optional.empty(), recorded);
        Document before = mongo.findById(email, Document.class, "customers");
        String intruder = "intruder-" + UUID.randomUUID();

        assertThatThrownBy(() -> customers.listBooking(email, Optional.of(intruder), "booking-2",
                Optional.of(Intakes.anIntake().allergicTo(Oil.ALMOND).build()), recorded.plusSeconds(60)))
                .isInstanceOf(ConflictException.class);

        assertThat(mongo.findById(email, Document.class, "customers")).isEqualTo(before);
        assertThat(before.getString("customerId")).isEqualTo(owner);
        assertThat(customers.byId(intruder)).as("nothing written for the refused").isEmpty();
    }

    @Test
    void aSignedInCustomersIdStaysOnTheOneFileItWasGiven() {
        String customer = "customer-" + UUID.randomUUID();
        String first = "first-" + UUID.randomUUID() + "@example.com";
        String other = "other-" + UUID.randomUUID() + "@example.com";
        Instant recorded = Instant.parse("2026-11-01T09:00:00Z");
        customers.listBooking(first, Optional.of(customer), "booking-1", Optional.empty(), recorded);

        assertThatThrownBy(() -> customers.listBooking(other, Optional.of(customer), "booking-2", Optional.empty(), recorded))
                .isInstanceOf(ConflictException.class).hasMessageContaining("another email");

        assertThat(mongo.findById(other, Document.class, "customers")).as("no file made for the other email").isNull();
        assertThat(customers.byId(customer)).map(CustomerFile.CustomerBookings::bookingIds).contains(List.of("booking-1"));
    }

    @Test
    void aFileWithAnIdTakesABookingInOneCommandAndSoIsANewFileMade() {
        int files = 20;
        Instant recorded = Instant.parse("2026-11-01T09:00:00Z");
        List<String> emails = IntStream.range(0, files).mapToObj(i -> "count-" + i + "-" + UUID.randomUUID() + "@example.com").toList();

        long beforeNew = commands();
        emails.forEach(email -> customers.listBooking(email, Optional.empty(), "booking-1",
                Optional.of(Intakes.anIntake().allergicTo(Oil.COCONUT).build()), recorded));
        long madeNew = commands() - beforeNew;
        emails.forEach(email -> customers.listBooking(email, Optional.empty(), "booking-2",
                Optional.of(Intakes.anIntake().allergicTo(Oil.ALMOND).build()), recorded.plusSeconds(60)));
        emails.forEach(email -> customers.listBooking(email, Optional.empty(), "booking-3", Optional.empty(), recorded.plusSeconds(120)));
        long listedOnFiles = commands() - beforeNew - madeNew;

        // One per new file and one per listing, with room for what the service's own loops send meanwhile. A new file
        // took two before its listing was an upsert, three before the files were found through their index.
        assertThat(madeNew).as("commands for %d new files", files).isBetween((long) files, files + 8L);
        assertThat(listedOnFiles).as("commands for %d listings on files with an id", 2 * files).isBetween(2L * files, 2L * files + 8);
        for (String email : emails) {
            Document file = mongo.findById(email, Document.class, "customers");
            assertThat(file.getList("bookingIds", String.class)).containsExactly("booking-1", "booking-2", "booking-3");
            assertThat(file.get("intake", Document.class).getList("allergies", String.class)).containsExactly("ALMOND");
        }
    }

    private long commands() {
        return StoreCounters.commands(mongo, "find", "findAndModify", "update", "insert", "delete");
    }

    @Test
    void onlyTheFilesOwnerChangesItsIntakeOrItsBookings() {
        String email = "owned-" + UUID.randomUUID() + "@example.com";
        Instant recorded = Instant.parse("2026-11-01T09:00:00Z");
        String customerId = customers.idOf(email);
        customers.keepIntake(email, customerId, Intakes.anIntake().allergicTo(Oil.COCONUT).build(), recorded);
        Document before = mongo.findById(email, Document.class, "customers");

        Intake almond = Intakes.anIntake().allergicTo(Oil.ALMOND).build();
        customers.keepIntake(email, "someone-else", almond, recorded.plusSeconds(60));
        customers.keepIntakeAndAddBooking(email, "someone-else", almond, recorded.plusSeconds(60), "booking-1");
        String noFile = "no-file-" + UUID.randomUUID() + "@example.com";
        customers.keepIntake(noFile, customerId, almond, recorded);

        assertThat(mongo.findById(email, Document.class, "customers")).isEqualTo(before);
        assertThat(mongo.findById(noFile, Document.class, "customers")).as("a file made by a write without its owner").isNull();
    }

    @Test
    void theLatestIntakeOnFileServesTheNextBookings() {
        RequestBodies pregnant = aBooking(branchId).with("technique", "PRENATAL")
                .with("intake.pregnant", true).with("intake.pregnancyWeek", 20);
        String email = pregnant.email();
        JsonNode firstBooking = BookingApi.json(api.post(pregnant));
        String first = firstBooking.get("id").asString();
        String customerId = firstBooking.get("customerId").asString();
        assertThat(BookingEvents.await(BookingRequested.class, first).requirements().prenatalCertified()).isTrue();

        String second = BookingApi.json(api.post(aBooking(branchId).with("technique", "SWEDISH")
                .with("customer.email", email).without("intake").with("customerId", customerId))).get("id").asString();
        assertThat(BookingEvents.await(BookingRequested.class, second).requirements().prenatalCertified()).isTrue();

        api.post(aBooking(branchId).with("technique", "SWEDISH").with("customer.email", email));
        String fourth = BookingApi.json(api.post(aBooking(branchId).with("technique", "DEEP_TISSUE")
                .with("customer.email", email.toUpperCase()).without("intake").with("customerId", customerId))).get("id").asString();
        assertThat(BookingEvents.await(BookingRequested.class, fourth).requirements().prenatalCertified()).isFalse();
    }
}
