package app.sabai.therapist.branch;

import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.branches.GeoPoint;
import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.branches.ServiceArea;
import app.sabai.contracts.branches.TechniqueOffer;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code POST /api/branches} (a new branch; {@code id} required) and {@code PUT /api/branches/{branchId}}
 * (the whole catalogue entry). Opening hours are local times in {@code zone}, one entry per weekday it opens;
 * a mobile branch has a service area and travel minutes instead of rooms and equipment. Prices are per
 * technique and length, in the minor unit of {@code currency}; {@code policy} defaults to free cancellation
 * until 24 hours before, then half the price, and the full price for a no-show.
 */
public record BranchRequest(
        String id,
        String name,
        String zone,
        String address,
        GeoPoint location,
        List<OpeningHours> openingHours,
        List<LocalDate> closedDates,
        Integer changeoverMinutes,
        List<RoomRequest> rooms,
        List<UnitRequest> equipment,
        List<TechniqueOffer> techniques,
        Boolean mobile,
        ServiceArea serviceArea,
        Integer travelMinutes,
        String currency,
        CancellationPolicy policy) {

    public record RoomRequest(String id, String name, RoomKind kind) {
    }

    public record UnitRequest(String id, String name, EquipmentKind kind) {
    }
}
