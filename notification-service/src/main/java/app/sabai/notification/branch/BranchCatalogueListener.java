package app.sabai.notification.branch;

import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.BranchEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class BranchCatalogueListener {

    private final BranchDirectory directory;

    BranchCatalogueListener(BranchDirectory directory) {
        this.directory = directory;
    }

    @KafkaListener(topics = "sabai.branches")
    void on(BranchEvent event) {
        switch (event) {
            case BranchCatalogued catalogued -> directory.record(catalogued);
        }
    }
}
