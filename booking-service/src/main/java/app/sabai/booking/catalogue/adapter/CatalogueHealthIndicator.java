package app.sabai.booking.catalogue.adapter;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health contributor {@code catalogue}: how many branches are known, so a launcher can wait for the demo ones. */
@Component
class CatalogueHealthIndicator implements HealthIndicator {

    private final BranchCatalogue catalogue;

    CatalogueHealthIndicator(BranchCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("branches", catalogue.count()).build();
    }
}
