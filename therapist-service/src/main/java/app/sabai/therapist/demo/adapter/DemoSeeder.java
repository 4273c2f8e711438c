package app.sabai.therapist.demo.adapter;

import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.demo.DemoChain;
import app.sabai.therapist.roster.WeeklyShift;
import app.sabai.therapist.roster.adapter.Rosters;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Loads the demo chain at start when {@code sabai.demo.enabled=true}. Safe to repeat: branches are published
 * only when new or changed, a therapist is added only when missing, and a roster only when the therapist has
 * none, so whatever staff changed through the API since stays as they left it.
 */
@Component
@ConditionalOnProperty(name = "sabai.demo.enabled", havingValue = "true")
public class DemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final Rosters rosters;

    DemoSeeder(BranchCatalogue catalogue, TherapistDirectory directory, Rosters rosters) {
        this.catalogue = catalogue;
        this.directory = directory;
        this.rosters = rosters;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed();
    }

    /** What one seeding changed. */
    public record Seeded(int branchesPublished, int therapistsAdded, int rostersAdded) {
    }

    public Seeded seed() {
        int published = (int) DemoChain.branches().stream().filter(branch -> catalogue.find(branch.id()).isEmpty() && catalogue.save(branch))
                .count();
        int therapists = (int) DemoChain.therapists().stream().filter(directory::addIfAbsent).count();
        int rostered = 0;
        for (Map.Entry<String, List<WeeklyShift>> pattern : DemoChain.weeklyPatterns().entrySet()) {
            if (rosters.createIfAbsent(pattern.getKey(), pattern.getValue())) {
                rostered++;
            }
        }
        Seeded seeded = new Seeded(published, therapists, rostered);
        if (published > 0 || therapists > 0 || rostered > 0) {
            log.info("Demo chain loaded: {} branches published, {} therapists and {} rosters added", published, therapists, rostered);
        }
        return seeded;
    }
}
