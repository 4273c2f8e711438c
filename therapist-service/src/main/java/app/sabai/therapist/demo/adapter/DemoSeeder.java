package app.sabai.therapist.demo.adapter;

import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.demo.DemoChain;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.roster.adapter.ShiftRoster;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Loads the demo chain at start when {@code sabai.demo.enabled=true}, and again every hour so a
 * long-running platform keeps a fortnight of shifts. Safe to repeat: branches are published only when
 * new or changed, therapists are replaced by id, and shifts are added only for dates that have none
 * yet, which extends the rota to today plus thirteen days in each branch's zone.
 */
@Component
@ConditionalOnProperty(name = "sabai.demo.enabled", havingValue = "true")
public class DemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final ShiftRoster roster;
    private final Clock clock;

    DemoSeeder(BranchCatalogue catalogue, TherapistDirectory directory, ShiftRoster roster, Clock clock) {
        this.catalogue = catalogue;
        this.directory = directory;
        this.roster = roster;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed();
    }

    @Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT1H")
    void extendTheRota() {
        seed();
    }

    /** What one seeding changed. */
    public record Seeded(int branchesPublished, int therapists, int shiftsAdded) {
    }

    public Seeded seed() {
        int published = (int) DemoChain.branches().stream().filter(catalogue::save).count();
        DemoChain.therapists().forEach(directory::save);
        int added = 0;
        for (Shift shift : DemoChain.shifts(DemoChain.todayByBranch(clock))) {
            if (roster.addIfAbsent(shift)) {
                added++;
            }
        }
        Seeded seeded = new Seeded(published, DemoChain.therapists().size(), added);
        if (published > 0 || added > 0) {
            log.info("Demo chain loaded: {} branches published (new or changed), {} therapists, {} shifts added",
                    seeded.branchesPublished(), seeded.therapists(), seeded.shiftsAdded());
        }
        return seeded;
    }
}
