package app.sabai.booking.catalogue;

import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.Technique;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BranchTest {

    @Test
    void aTreatmentCostsItsPriceInTheBranchsCurrency() {
        Branch branch = Branch.from(TestBranches.aBranch("priced"));

        assertThat(branch.priceOf(Technique.THAI, 60)).contains(new Money(6000, "GBP"));
        assertThat(branch.priceOf(Technique.DEEP_TISSUE, 90)).contains(new Money(8999, "GBP"));
        assertThat(branch.priceOf(Technique.PRENATAL, 60)).as("sold without a price").isEmpty();
        assertThat(branch.priceOf(Technique.THAI, 45)).as("not sold").isEmpty();
        assertThat(branch.priceOf(Technique.TOK_SEN, 60)).as("not offered").isEmpty();
    }

    @Test
    void withoutACurrencyNothingHasAPriceAndWithoutAPolicyTheStandardOneApplies() {
        BranchCatalogued old = TestBranches.aBranch("old");
        Branch branch = Branch.from(new BranchCatalogued(UUID.randomUUID(), old.occurredAt(), "old", old.name(), old.zone(), old.address(),
                old.openingHours(), old.techniques(), 10, false, null, 0));

        assertThat(branch.priceOf(Technique.THAI, 60)).isEmpty();
        assertThat(branch.policy()).isEqualTo(CancellationPolicy.standard());
    }

    @Test
    void aBranchsOwnPolicyIsKept() {
        CancellationPolicy strict = new CancellationPolicy(48, 100, 100);

        Branch branch = Branch.from(TestBranches.anAlwaysOpenBranch("strict", ZoneId.of("America/New_York"), "USD", strict));

        assertThat(branch.policy()).isEqualTo(strict);
        assertThat(branch.priceOf(Technique.SWEDISH, 30)).contains(new Money(3000, "USD"));
    }
}
