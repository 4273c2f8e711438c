package app.sabai.contracts.branches;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The full catalogue entry of a branch, re-published whenever it changes. A mobile branch has a service
 * area and travel time between visits instead of rooms. {@code closedDates} are local dates on which it
 * does not open whatever its weekly hours say (public holidays). {@code location}, {@code currency} (ISO 4217,
 * of the prices in {@code techniques}) and {@code policy} are null for a branch catalogued before branches
 * had them; a missing policy reads as {@link CancellationPolicy#standard()}.
 */
@EventType("sabai.branches.BranchCatalogued.v1")
public record BranchCatalogued(
        UUID eventId,
        Instant occurredAt,
        String branchId,
        String name,
        ZoneId zone,
        String address,
        List<OpeningHours> openingHours,
        List<TechniqueOffer> techniques,
        int changeoverMinutes,
        boolean mobile,
        ServiceArea serviceArea,
        int travelMinutes,
        List<LocalDate> closedDates,
        GeoPoint location,
        String currency,
        CancellationPolicy policy) implements BranchEvent {

    public BranchCatalogued {
        openingHours = openingHours == null ? List.of() : List.copyOf(openingHours);
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
        closedDates = closedDates == null ? List.of() : List.copyOf(closedDates);
    }

    /** A catalogue entry without closed dates or location, as branches were first catalogued. */
    public BranchCatalogued(UUID eventId, Instant occurredAt, String branchId, String name, ZoneId zone, String address,
                            List<OpeningHours> openingHours, List<TechniqueOffer> techniques, int changeoverMinutes, boolean mobile,
                            ServiceArea serviceArea, int travelMinutes) {
        this(eventId, occurredAt, branchId, name, zone, address, openingHours, techniques, changeoverMinutes, mobile, serviceArea,
                travelMinutes, List.of(), null, null, null);
    }
}
