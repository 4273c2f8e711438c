package app.sabai.booking.view.adapter;

import app.sabai.booking.catalogue.adapter.BranchCatalogue;
import app.sabai.booking.lifecycle.adapter.AttentionList;
import app.sabai.booking.view.AttentionItem;
import app.sabai.support.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Staff's reads of their branch (operations may read them too; {@code RouteAccess}). */
@RestController
class AttentionQueries {

    private final BranchCatalogue catalogue;
    private final AttentionList attentionList;

    AttentionQueries(BranchCatalogue catalogue, AttentionList attentionList) {
        this.catalogue = catalogue;
        this.attentionList = attentionList;
    }

    /** The branch's bookings that need staff, soonest session first. */
    @GetMapping("/api/branches/{branchId}/attention")
    List<AttentionItem> attention(@PathVariable String branchId) {
        if (catalogue.find(branchId).isEmpty()) {
            throw new NotFoundException("branch", branchId);
        }
        return attentionList.openCases(branchId).stream().map(AttentionItem::of).toList();
    }
}
