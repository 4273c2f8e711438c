package app.sabai.therapist.branch.adapter;

import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.BranchEvent;
import app.sabai.support.kafka.EventView;
import org.springframework.stereotype.Component;

/**
 * Follows {@code sabai.branches} from now on (with the process's other views, {@link EventView}), so that every instance
 * hears of every branch change (one saved by another instance too) and forgets a copy that differs
 * ({@link BranchCatalogue#heard}). When it follows again it forgets every copy, since a change made before was not heard.
 */
@Component
class BranchChangesListener implements EventView<BranchEvent> {

    private final BranchCatalogue catalogue;

    BranchChangesListener(BranchCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Class<BranchEvent> events() {
        return BranchEvent.class;
    }

    @Override
    public void heard(BranchEvent event) {
        switch (event) {
            case BranchCatalogued catalogued -> catalogue.heard(catalogued);
        }
    }

    @Override
    public void following() {
        catalogue.forgetAll();
    }
}
