package app.sabai.contracts.branches;

import app.sabai.contracts.SabaiEvent;

/** Events of the compacted {@code sabai.branches} topic: the latest record per branch is its catalogue entry. */
public sealed interface BranchEvent extends SabaiEvent permits BranchCatalogued {

    String branchId();

    @Override
    default String key() {
        return branchId();
    }

    @Override
    default String subject() {
        return branchId();
    }
}
