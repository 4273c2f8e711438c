package app.sabai.therapist.staff.adapter;

import app.sabai.contracts.Topic;
import app.sabai.contracts.staff.TherapistProfiled;
import app.sabai.support.testing.TestRecords;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The therapists a decision reads come from memory, and a change saved anywhere reaches that memory. */
class TherapistCacheIT extends ServiceIntegrationTest {

    Branch branch;
    Therapist anna;
    Therapist renamed;

    @BeforeEach
    void aBranchWithAnnaReadOnce() {
        branch = Fixtures.salon(freshId("salon")).build();
        anna = Fixtures.therapist(freshId("anna"), branch.id()).named("Anna").build();
        renamed = Fixtures.therapist(anna.id(), branch.id()).named("Anna Smith").build();
        seed(branch, List.of(anna), "09:00", "17:00");
        // The seed's own TherapistProfiled may be heard while these reads are made; a read that raced it is not kept.
        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> {
            assertThat(directory.atBranch(branch.id())).containsExactly(anna);
            assertThat(directory.find(anna.id())).contains(anna);
            assertThat(directory.holds(branch.id(), anna.id())).as("kept in memory").isTrue();
        });
    }

    /** Another instance's save is simulated as it happens: the store written, then its event on {@code sabai.staff}. */
    @Test
    void aTherapistReadOnceIsKeptUntilTheChangeAnotherInstanceSavedIsHeard() {
        renameInTheStoreOnly("Anna Smith");
        assertThat(directory.atBranch(branch.id())).as("read from memory, not again from the store").containsExactly(anna);

        TestRecords.publish(Topic.STAFF.topicName(), TherapistDirectory.profiled(renamed, UUID.randomUUID(), Instant.now()));

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> {
            assertThat(directory.atBranch(branch.id())).containsExactly(renamed);
            assertThat(directory.find(anna.id())).contains(renamed);
        });
    }

    @Test
    void aTherapistAddedByAnotherInstanceJoinsTheBranchOnceHeard() {
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).named("Ben").build();
        mongo.insert(ben, TherapistDirectory.COLLECTION);
        assertThat(directory.atBranch(branch.id())).containsExactly(anna);

        TestRecords.publish(Topic.STAFF.topicName(), TherapistDirectory.profiled(ben, UUID.randomUUID(), Instant.now()));

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> assertThat(directory.atBranch(branch.id())).containsExactly(anna, ben));
    }

    @Test
    void hearingAProfileThatSaysWhatIsHeldChangesNothingHowEverOftenItComes() {
        TherapistProfiled published = TherapistDirectory.profiled(anna, UUID.randomUUID(), Instant.now());
        directory.heard(published);
        renameInTheStoreOnly("Written without an event");

        directory.heard(published);
        directory.heard(published);

        assertThat(directory.atBranch(branch.id())).containsExactly(anna);
        assertThat(directory.find(anna.id())).contains(anna);
    }

    @Test
    void aTherapistSavedHereIsReadAfreshAtOnce() {
        directory.save(renamed);

        assertThat(directory.atBranch(branch.id())).containsExactly(renamed);
        assertThat(directory.find(anna.id())).contains(renamed);
    }

    private void renameInTheStoreOnly(String name) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(anna.id())), new Update().set("name", name), TherapistDirectory.COLLECTION);
    }
}
