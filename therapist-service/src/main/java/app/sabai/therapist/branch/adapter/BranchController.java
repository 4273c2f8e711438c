package app.sabai.therapist.branch.adapter;

import app.sabai.support.web.NotFoundException;
import app.sabai.therapist.branch.BranchView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
class BranchController {

    private final BranchCatalogue catalogue;

    BranchController(BranchCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/api/branches")
    List<BranchView> branches() {
        return catalogue.all().stream().map(BranchView::of).toList();
    }

    @GetMapping("/api/branches/{branchId}")
    BranchView branch(@PathVariable String branchId) {
        return catalogue.find(branchId).map(BranchView::of).orElseThrow(() -> new NotFoundException("branch", branchId));
    }
}
