package app.sabai.therapist.branch.adapter;

import app.sabai.support.web.NotFoundException;
import app.sabai.therapist.branch.BranchChange;
import app.sabai.therapist.branch.BranchRequest;
import app.sabai.therapist.branch.BranchView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** The branches of the chain: read by everyone, created and changed by those who manage them. */
@RestController
class BranchController {

    private final BranchCatalogue catalogue;
    private final BranchService branches;

    BranchController(BranchCatalogue catalogue, BranchService branches) {
        this.catalogue = catalogue;
        this.branches = branches;
    }

    @GetMapping("/api/branches")
    List<BranchView> branches() {
        return catalogue.all().stream().map(BranchView::of).toList();
    }

    @GetMapping("/api/branches/{branchId}")
    BranchView branch(@PathVariable String branchId) {
        return catalogue.find(branchId).map(BranchView::of).orElseThrow(() -> new NotFoundException("branch", branchId));
    }

    @PostMapping("/api/branches")
    ResponseEntity<BranchView> create(@RequestBody(required = false) BranchRequest request) {
        BranchView created = branches.create(request);
        return ResponseEntity.created(URI.create("/api/branches/" + created.id())).body(created);
    }

    /** The whole catalogue entry; bookings of a treatment it stops offering are listed with what became of them. */
    @PutMapping("/api/branches/{branchId}")
    BranchChange update(@PathVariable String branchId, @RequestBody(required = false) BranchRequest request) {
        return branches.update(branchId, request);
    }
}
