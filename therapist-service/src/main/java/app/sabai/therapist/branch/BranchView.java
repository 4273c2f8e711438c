package app.sabai.therapist.branch;

import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.branches.GeoPoint;
import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.branches.ServiceArea;
import app.sabai.contracts.branches.TechniqueOffer;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** A branch as customers and staff read it. */
public record BranchView(
        String id,
        String name,
        ZoneId zone,
        String address,
        boolean mobile,
        List<OpeningHours> openingHours,
        List<TechniqueOffer> techniques,
        int changeoverMinutes,
        ServiceArea serviceArea,
        int travelMinutes,
        List<Room> rooms,
        List<EquipmentUnit> equipment,
        List<LocalDate> closedDates,
        GeoPoint location,
        String currency,
        CancellationPolicy policy) {

    public static BranchView of(Branch branch) {
        return new BranchView(branch.id(), branch.name(), branch.zone(), branch.address(), branch.mobile(), branch.openingHours(),
                branch.techniques(), branch.changeoverMinutes(), branch.serviceArea(), branch.travelMinutes(), branch.rooms(),
                branch.equipment(), branch.closedDates(), branch.location(), branch.currency(), branch.policy());
    }
}
