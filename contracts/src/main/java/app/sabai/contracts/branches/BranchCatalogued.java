package app.sabai.contracts.branches;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The full catalogue entry of a branch, re-published whenever it changes. A mobile branch has a service
 * area and travel time between visits instead of rooms.
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
        int travelMinutes) implements BranchEvent {

    public BranchCatalogued {
        openingHours = openingHours == null ? List.of() : List.copyOf(openingHours);
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
    }
}
