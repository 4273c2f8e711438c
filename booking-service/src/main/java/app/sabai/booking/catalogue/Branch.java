package app.sabai.booking.catalogue;

import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.branches.ServiceArea;
import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.Technique;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A branch as this service knows it from {@code sabai.branches}: what a booking request is checked
 * against, and what its changes of plan cost. {@code currency} (ISO 4217) is that of the prices of its
 * techniques, null when the branch was catalogued without; {@code policy} is the standard one when it has none.
 * {@code cataloguedAt} orders the entries of one branch, so an older one never replaces a newer.
 */
public record Branch(
        String id,
        String name,
        ZoneId zone,
        List<OpeningHours> openingHours,
        List<TechniqueOffer> techniques,
        boolean mobile,
        ServiceArea serviceArea,
        String currency,
        CancellationPolicy policy,
        Instant cataloguedAt) {

    public Branch {
        openingHours = openingHours == null ? List.of() : List.copyOf(openingHours);
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
        policy = policy == null ? CancellationPolicy.standard() : policy;
    }

    public static Branch from(BranchCatalogued catalogued) {
        return new Branch(catalogued.branchId(), catalogued.name(), catalogued.zone(), catalogued.openingHours(),
                catalogued.techniques(), catalogued.mobile(), catalogued.serviceArea(), catalogued.currency(),
                catalogued.policy(), catalogued.occurredAt());
    }

    /** The price of a session of the technique and length, in the branch's currency; empty when it has none. */
    public Optional<Money> priceOf(Technique technique, int durationMinutes) {
        if (currency == null || currency.isBlank()) {
            return Optional.empty();
        }
        return offer(technique).flatMap(offer -> offer.priceOf(durationMinutes)).map(amount -> new Money(amount, currency));
    }

    public Optional<TechniqueOffer> offer(Technique technique) {
        return techniques.stream().filter(offer -> offer.technique() == technique).findFirst();
    }

    public List<OpeningHours> hoursOn(DayOfWeek day) {
        return openingHours.stream().filter(hours -> hours.day() == day).toList();
    }

    /** Whether a home visit to this postcode is inside the mobile branch's service area. */
    public boolean serves(String postcode) {
        if (serviceArea == null || postcode == null) {
            return false;
        }
        String district = PostcodeDistrict.of(postcode);
        return serviceArea.postcodeDistricts().stream().map(PostcodeDistrict::normalise).anyMatch(district::equals);
    }

    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }
}
