package app.sabai.booking.catalogue;

import app.sabai.booking.catalogue.adapter.BranchCatalogue;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.SabaiServiceTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

@SabaiServiceTest
class CatalogueIT {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    BranchCatalogue catalogue;
    @LocalServerPort
    int port;

    @Test
    void theHealthOfTheCatalogueCountsTheKnownBranches() {
        TestBranches.catalogue(mongo, TestBranches.aBranch(TestBranches.freshId("health")));
        BookingApi api = new BookingApi(port);

        HttpResponse<String> response = api.get("/actuator/health/catalogue");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = BookingApi.json(response);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("branches").asLong()).isEqualTo(mongo.count(new Query(), "branches")).isPositive();
        JsonNode whole = BookingApi.json(api.get("/actuator/health"));
        assertThat(whole.path("components").path("catalogue").path("details").path("branches").asLong())
                .as("where the local launcher looks for it").isPositive();
    }

    @Test
    void aNewerEntryReplacesTheBranchAndRequestsFollowIt() {
        String branchId = TestBranches.freshId("update");
        BranchCatalogued first = TestBranches.aBranch(branchId);
        TestBranches.catalogue(mongo, first);
        BranchCatalogued withoutThai = new BranchCatalogued(UUID.randomUUID(), first.occurredAt().plus(Duration.ofMinutes(1)), branchId,
                "Renamed", first.zone(), first.address(), first.openingHours(),
                List.of(new TechniqueOffer(Technique.SWEDISH, List.of(60))), 10, false, null, 0);

        TestBranches.catalogue(mongo, withoutThai);

        assertThat(catalogue.find(branchId)).hasValueSatisfying(branch -> assertThat(branch.name()).isEqualTo("Renamed"));
        HttpResponse<String> thai = new BookingApi(port).post(aBooking(branchId));
        assertThat(thai.statusCode()).isEqualTo(400);
        assertThat(thai.body()).contains("\"field\":\"technique\"", "THAI is not offered");
    }

    @Test
    void requestsReadTheirBranchFromMemoryAndANewerEntryReplacesItThere() {
        String branchId = TestBranches.freshId("memory");
        BranchCatalogued first = TestBranches.aBranch(branchId);
        TestBranches.catalogue(mongo, first);
        assertThat(catalogue.find(branchId)).hasValueSatisfying(branch -> assertThat(branch.name()).isEqualTo(first.name()));

        mongo.remove(new Query(Criteria.where("_id").is(branchId)), "branches");
        assertThat(catalogue.find(branchId)).as("read from memory, not from the store").isPresent();

        BranchCatalogued renamed = TestBranches.renamed(first, "Renamed in memory");
        TestBranches.catalogue(mongo, renamed);
        assertThat(catalogue.find(branchId)).hasValueSatisfying(branch -> assertThat(branch.name()).isEqualTo("Renamed in memory"));
        assertThat(catalogue.keep(Branch.from(first))).as("an older entry is not kept").isFalse();
        assertThat(catalogue.find(branchId)).hasValueSatisfying(branch -> assertThat(branch.name()).isEqualTo("Renamed in memory"));
    }

    @Test
    void anEntryAnotherInstanceStoredFirstStillReplacesTheBranchInMemory() {
        String branchId = TestBranches.freshId("elsewhere");
        BranchCatalogued first = TestBranches.aBranch(branchId);
        TestBranches.catalogue(mongo, first);
        assertThat(catalogue.find(branchId)).hasValueSatisfying(branch -> assertThat(branch.name()).isEqualTo(first.name()));
        BranchCatalogued renamed = TestBranches.renamed(first, "Renamed elsewhere");
        mongo.updateFirst(new Query(Criteria.where("_id").is(branchId)), new Update().set("name", renamed.name())
                .set("cataloguedAt", renamed.occurredAt().truncatedTo(ChronoUnit.MILLIS)), "branches");

        assertThat(catalogue.keep(Branch.from(renamed))).as("stored by the other instance already").isFalse();

        assertThat(catalogue.find(branchId)).hasValueSatisfying(branch -> assertThat(branch.name()).isEqualTo("Renamed elsewhere"));
    }

    @Test
    void anOlderOrRepeatedEntryNeverReplacesANewerOne() {
        String branchId = TestBranches.freshId("order");
        BranchCatalogued newer = TestBranches.aBranch(branchId);
        BranchCatalogued older = new BranchCatalogued(UUID.randomUUID(), newer.occurredAt().minus(Duration.ofHours(1)), branchId, "Older",
                newer.zone(), newer.address(), newer.openingHours(), newer.techniques(), 10, false, null, 0);

        assertThat(catalogue.keep(Branch.from(newer))).isTrue();
        assertThat(catalogue.keep(Branch.from(older))).isFalse();
        assertThat(catalogue.keep(Branch.from(newer))).isFalse();

        Branch stored = catalogue.find(branchId).orElseThrow();
        assertThat(stored.name()).isEqualTo(newer.name());
        assertThat(stored.cataloguedAt()).isEqualTo(newer.occurredAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(stored.openingHours()).isEqualTo(newer.openingHours());
        assertThat(stored.techniques()).isEqualTo(newer.techniques());
        assertThat(stored.zone()).isEqualTo(newer.zone());
        Document raw = mongo.findById(branchId, Document.class, "branches");
        assertThat(raw.getList("openingHours", Document.class).get(0))
                .as("wall-clock times are stored as text, never shifted by a JVM zone")
                .containsEntry("opens", "09:00").containsEntry("closes", "21:00");
        assertThat(raw.getString("zone")).isEqualTo("Europe/London");
    }
}
