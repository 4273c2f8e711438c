package app.sabai.notification.branch;

import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.BranchEvent;
import app.sabai.support.kafka.EventView;
import org.springframework.stereotype.Component;

/**
 * Reads the compacted {@code sabai.branches} topic from the beginning on every start (an in-memory view,
 * {@link EventView}), so every instance knows every branch's name, whichever instance's partitions its bookings are on.
 */
@Component
class BranchCatalogueListener implements EventView<BranchEvent> {

    private final BranchDirectory directory;

    BranchCatalogueListener(BranchDirectory directory) {
        this.directory = directory;
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
            case BranchCatalogued catalogued -> directory.record(catalogued);
        }
    }
}
