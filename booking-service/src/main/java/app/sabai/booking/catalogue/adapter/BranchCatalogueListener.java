package app.sabai.booking.catalogue.adapter;

import app.sabai.booking.catalogue.Branch;
import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.BranchEvent;
import app.sabai.support.kafka.ViewGroups;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the compacted {@code sabai.branches} topic from the beginning on every start (a group of its own
 * per start), so the catalogue is complete even when this service's database was lost.
 */
@Component
class BranchCatalogueListener {

    private final BranchCatalogue catalogue;

    BranchCatalogueListener(BranchCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @KafkaListener(topics = "sabai.branches", groupId = "${spring.application.name}-catalogue" + ViewGroups.PER_START,
            properties = "auto.offset.reset=earliest")
    void on(BranchEvent event) {
        switch (event) {
            case BranchCatalogued catalogued -> catalogue.keep(Branch.from(catalogued));
        }
    }
}
