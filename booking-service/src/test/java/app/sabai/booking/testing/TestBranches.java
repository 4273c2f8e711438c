package app.sabai.booking.testing;

import app.sabai.contracts.Topic;
import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.branches.Price;
import app.sabai.contracts.branches.ServiceArea;
import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.contracts.values.Money;
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

/**
 * Catalogue entries for tests: a fresh branch id each time, open 09:00–21:00 every day, in London, with prices in
 * pounds and the standard policy (free until 24 hours before, 50% late, 100% no-show). A 60-minute Thai massage
 * costs £60.00, so a late change costs £30.00; prenatal massage is sold without a price.
 */
public final class TestBranches {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    public static final LocalTime OPENS = LocalTime.of(9, 0);
    public static final LocalTime CLOSES = LocalTime.of(21, 0);

    private TestBranches() {
    }

    public static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static final Money THAI_60_PRICE = new Money(6000, "GBP");

    public static BranchCatalogued aBranch(String branchId) {
        return new BranchCatalogued(UUID.randomUUID(), Instant.now(), branchId, "Test branch " + branchId, LONDON,
                "1 Bold Street, Liverpool", everyDay(OPENS, CLOSES), priced(), 10, false, null, 0, List.of(), null, "GBP", null);
    }

    /** The same branch catalogued again a minute later under another name: a newer entry. */
    public static BranchCatalogued renamed(BranchCatalogued entry, String name) {
        return new BranchCatalogued(UUID.randomUUID(), entry.occurredAt().plus(Duration.ofMinutes(1)), entry.branchId(), name,
                entry.zone(), entry.address(), entry.openingHours(), entry.techniques(), entry.changeoverMinutes(), entry.mobile(),
                entry.serviceArea(), entry.travelMinutes(), entry.closedDates(), entry.location(), entry.currency(), entry.policy());
    }

    /** Open round the clock every day, in {@code zone}, priced in {@code currency}, with {@code policy} (null: the standard one). */
    public static BranchCatalogued anAlwaysOpenBranch(String branchId, ZoneId zone, String currency, CancellationPolicy policy) {
        return new BranchCatalogued(UUID.randomUUID(), Instant.now(), branchId, "Always open " + branchId, zone,
                "1 Main Street", everyDay(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT), priced(), 10, false, null, 0, List.of(), null,
                currency, policy);
    }

    private static List<TechniqueOffer> priced() {
        return List.of(new TechniqueOffer(Technique.THAI, List.of(60, 90, 120),
                        List.of(new Price(60, 6000), new Price(90, 8500), new Price(120, 11000))),
                new TechniqueOffer(Technique.SWEDISH, List.of(30, 60, 90),
                        List.of(new Price(30, 3000), new Price(60, 5500), new Price(90, 7500))),
                new TechniqueOffer(Technique.DEEP_TISSUE, List.of(60, 90), List.of(new Price(60, 6500), new Price(90, 8999))),
                new TechniqueOffer(Technique.PRENATAL, List.of(60)));
    }

    public static BranchCatalogued aMobileBranch(String branchId) {
        return new BranchCatalogued(UUID.randomUUID(), Instant.now(), branchId, "Mobile " + branchId, LONDON, null, everyDay(OPENS, CLOSES),
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

    private static List<OpeningHours> everyDay(LocalTime opens, LocalTime closes) {
        return Arrays.stream(DayOfWeek.values()).map(day -> new OpeningHours(day, opens, closes)).toList();
    }
}
