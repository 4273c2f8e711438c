package app.sabai.therapist.staff.adapter;

import app.sabai.support.web.NotFoundException;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.staff.TherapistView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
class StaffController {

    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;

    StaffController(BranchCatalogue catalogue, TherapistDirectory directory) {
        this.catalogue = catalogue;
        this.directory = directory;
    }

    /** Home staff and colleagues covering the branch. */
    @GetMapping("/api/branches/{branchId}/therapists")
    List<TherapistView> therapists(@PathVariable String branchId) {
        catalogue.find(branchId).orElseThrow(() -> new NotFoundException("branch", branchId));
        return directory.atBranch(branchId).stream().map(TherapistView::of).toList();
    }
}
