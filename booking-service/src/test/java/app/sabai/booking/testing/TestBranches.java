package app.sabai.booking.testing;

import app.sabai.contracts.Topic;
import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.branches.ServiceArea;
import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.TestRecords;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Catalogue entries for tests: a fresh branch id each time, open 09:00–21:00 every day, in London. */
public final class TestBranches {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    public static final LocalTime OPENS = LocalTime.of(9, 0);
    public static final LocalTime CLOSES = LocalTime.of(21, 0);

    private TestBranches() {
    }

    public static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static BranchCatalogued aBranch(String branchId) {
        return new BranchCatalogued(UUID.randomUUID(), Instant.now(), branchId, "Test branch " + branchId, LONDON,
                "1 Bold Street, Liverpool", everyDay(),
                List.of(new TechniqueOffer(Technique.THAI, List.of(60, 90, 120)),
                        new TechniqueOffer(Technique.SWEDISH, List.of(30, 60, 90)),
                        new TechniqueOffer(Technique.DEEP_TISSUE, List.of(60, 90)),
                        new TechniqueOffer(Technique.PRENATAL, List.of(60))),
                10, false, null, 0);
    }

    public static BranchCatalogued aMobileBranch(String branchId) {
        return new BranchCatalogued(UUID.randomUUID(), Instant.now(), branchId, "Mobile " + branchId, LONDON, null, everyDay(),
                List.of(new TechniqueOffer(Technique.SWEDISH, List.of(60, 90))), 0, true,
                new ServiceArea("Merseyside, the Wirral and North Cheshire", List.of("L1", "CH41", "WA4")), 20);
    }

    /** Publishes the entry on {@code sabai.branches} and waits until the service has it in its catalogue. */
    public static void catalogue(MongoTemplate mongo, BranchCatalogued branch) {
        TestRecords.publish(Topic.BRANCHES.topicName(), branch);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Document stored = mongo.findById(branch.branchId(), Document.class, "branches");
            return stored != null && stored.getDate("cataloguedAt").toInstant().equals(branch.occurredAt().truncatedTo(ChronoUnit.MILLIS));
        });
    }

    private static List<OpeningHours> everyDay() {
        return Arrays.stream(DayOfWeek.values()).map(day -> new OpeningHours(day, OPENS, CLOSES)).toList();
    }
}
