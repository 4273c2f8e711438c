package app.sabai.booking.catalogue.adapter;

import app.sabai.booking.catalogue.Branch;
import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.BranchEvent;
import app.sabai.support.kafka.EventView;
import org.springframework.stereotype.Component;

/**
 * Reads the compacted {@code sabai.branches} topic from the beginning on every start (an in-memory view,
 * {@link EventView}), so the catalogue is complete even when this service's database was lost.
 */
@Component
class BranchCatalogueListener implements EventView<BranchEvent> {

    private final BranchCatalogue catalogue;

    BranchCatalogueListener(BranchCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Class<BranchEvent> events() {
        return BranchEvent.class;
    }

    @Override
    public From from() {
        return From.BEGINNING;
    }

    @Override
    public void heard(BranchEvent event) {
        switch (event) {
            case BranchCatalogued catalogued -> catalogue.keep(Branch.from(catalogued));
        }
    }
}
