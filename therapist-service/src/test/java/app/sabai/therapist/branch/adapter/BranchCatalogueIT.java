package app.sabai.therapist.branch.adapter;

import app.sabai.contracts.Topic;
import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.TestRecords;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.demo.DemoChain;
import app.sabai.therapist.demo.adapter.DemoSeeder;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.roster.adapter.Rosters;
import app.sabai.therapist.staff.Therapist;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BranchCatalogueIT extends ServiceIntegrationTest {

    @Autowired
    DemoSeeder seeder;
    @Autowired
    Rosters rosters;

    @Test
    void theDemoBranchesAreOnTheCompactedBranchesTopic() {
        for (Branch branch : DemoChain.branches()) {
            ConsumerRecord<String, byte[]> record = TestRecords.find(Topic.BRANCHES.topicName(), r -> branch.id().equals(r.key()),
                    DECISION_TIMEOUT).orElseThrow();
            assertThat(TestRecords.header(record, CloudEventHeaders.TYPE)).isEqualTo("sabai.branches.BranchCatalogued.v1");
            assertThat(TestRecords.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(branch.id());
            assertThat(TestRecords.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/sabai/therapist-service");
            BranchCatalogued catalogued = valueOf(record, BranchCatalogued.class);
            assertThat(catalogued.zone()).isEqualTo(branch.zone());
            assertThat(catalogued.openingHours()).hasSize(7);
            assertThat(catalogued.techniques()).isNotEmpty();
            assertThat(catalogued.mobile()).isEqualTo(branch.mobile());
        }
        BranchCatalogued mobile = valueOf(TestRecords.find(Topic.BRANCHES.topicName(), r -> DemoChain.MERSEYSIDE_MOBILE.equals(r.key()),
                DECISION_TIMEOUT).orElseThrow(), BranchCatalogued.class);
        assertThat(mobile.serviceArea().postcodeDistricts()).contains("L1", "CH41", "WA16", "CW10");
        assertThat(mobile.travelMinutes()).isEqualTo(30);
    }

    @Test
    void aBranchIsPublishedWhenNewOrChangedAndNotWhenSavedUnchanged() {
        String id = freshId("branch");
        Branch original = Fixtures.salon(id).changeover(15).build();
        Branch changed = Fixtures.salon(id).changeover(10).build();

        assertThat(catalogue.save(original)).isTrue();
        assertThat(catalogue.save(original)).isFalse();
        assertThat(catalogue.save(changed)).isTrue();
        assertThat(catalogue.save(changed)).isFalse();

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> assertThat(
                mongo.findById(id, Document.class, BranchCatalogue.COLLECTION).getList("outbox", Document.class, List.of())).isEmpty());
        List<ConsumerRecord<String, byte[]>> published = TestRecords.all(Topic.BRANCHES.topicName(), r -> id.equals(r.key()), Duration.ofSeconds(3));
        assertThat(published).extracting(r -> valueOf(r, BranchCatalogued.class).changeoverMinutes()).containsExactly(15, 10);
        assertThat(catalogue.find(id)).hasValueSatisfying(stored -> {
            assertThat(stored).isEqualTo(changed);
            assertThat(stored.offers(Technique.TOK_SEN)).isTrue();
        });
    }

    /** What another instance saves reaches this one as its event: until then the branch read before is kept. */
    @Test
    void aBranchReadOnceIsKeptUntilItsChangeIsHeard() {
        String id = freshId("branch");
        Branch original = Fixtures.salon(id).changeover(15).build();
        Branch elsewhere = Fixtures.salon(id).changeover(5).build();
        catalogue.save(original);
        // A read that raced any branch's event (this save's own, say) is not kept: read until one is.
        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> {
            assertThat(catalogue.find(id)).contains(original);
            assertThat(catalogue.holds(id)).as("kept in memory").isTrue();
        });

        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().set("changeoverMinutes", 5), BranchCatalogue.COLLECTION);
        assertThat(catalogue.find(id).orElseThrow().changeoverMinutes()).as("read from memory, not again from the store").isEqualTo(15);

        TestRecords.publish(Topic.BRANCHES.topicName(), elsewhere.catalogued(UUID.randomUUID(), Instant.now()));

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> assertThat(catalogue.find(id)).contains(elsewhere));
    }

    /**
     * The chain's list is kept in memory as each branch is, and read again once a change of any branch is heard. Any
     * branch's event, such as one an earlier test published, rightly makes the list be read again, so the check that it
     * was kept is tried afresh (with a new branch) until no such event fell between its two reads.
     */
    @Test
    void theListOfEveryBranchIsKeptUntilAChangeIsHeard() {
        AtomicReference<String> tried = new AtomicReference<>();
        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> {
            String id = freshId("branch");
            tried.set(id);
            Branch original = Fixtures.salon(id).changeover(15).build();
            catalogue.save(original);
            // its own event, heard meanwhile, keeps a read in flight from being kept: until the list is kept
            await().atMost(DECISION_TIMEOUT).until(() -> catalogue.all() == catalogue.all());
            assertThat(catalogue.all()).contains(original);

            mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().set("changeoverMinutes", 5), BranchCatalogue.COLLECTION);
            assertThat(catalogue.all()).as("read from memory, not again from the store").contains(original);
        });
        String id = tried.get();
        Branch original = Fixtures.salon(id).changeover(15).build();
        Branch elsewhere = Fixtures.salon(id).changeover(5).build();

        TestRecords.publish(Topic.BRANCHES.topicName(), elsewhere.catalogued(UUID.randomUUID(), Instant.now()));

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> assertThat(catalogue.all()).contains(elsewhere).doesNotContain(original));
        Branch savedHere = Fixtures.salon(id).changeover(20).build();
        catalogue.save(savedHere);
        assertThat(catalogue.all()).as("a change saved here, at once").contains(savedHere);
    }

    @Test
    void aBranchSavedHereIsReadAfreshAtOnce() {
        String id = freshId("branch");
        catalogue.save(Fixtures.salon(id).changeover(15).build());
        assertThat(catalogue.find(id).orElseThrow().changeoverMinutes()).isEqualTo(15);

        Branch changed = Fixtures.salon(id).changeover(20).build();
        catalogue.save(changed);

        assertThat(catalogue.find(id)).contains(changed);
    }

    @Test
    void loadingTheDemoAgainChangesNothingAndEveryDemoBranchHasStaffOnEveryOpenDay() {
        long therapistsBefore = mongo.count(new Query(), "therapists");

        DemoSeeder.Seeded again = seeder.seed();

        assertThat(again).isEqualTo(new DemoSeeder.Seeded(0, 0, 0));
        assertThat(mongo.count(new Query(), "therapists")).isEqualTo(therapistsBefore);
        for (Branch branch : DemoChain.branches()) {
            LocalDate today = LocalDate.now(clock.withZone(branch.zone()));
            List<String> team = DemoChain.therapists().stream().filter(therapist -> therapist.worksAt(branch.id())).map(Therapist::id).toList();
            for (int day = 0; day < 28; day++) {
                LocalDate date = today.plusDays(day);
                long onShift = rosters.byIds(team.stream().map(id -> Shift.idOf(id, date)).toList()).values().stream()
                        .filter(shift -> shift.branchId().equals(branch.id())).count();
                assertThat(onShift).as(branch.id() + " " + date).isGreaterThanOrEqualTo(3);
            }
        }
    }
}
