package app.sabai.therapist.availability.adapter;

import app.sabai.contracts.branches.TechniqueOffer;
import app.sabai.contracts.values.Technique;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.therapist.availability.AvailabilityView;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.SlotSearch;
import app.sabai.therapist.schedule.adapter.SnapshotLoader;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import app.sabai.therapist.time.LocalTimes;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

@RestController
class AvailabilityController {

    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final SnapshotLoader snapshots;
    private final Clock clock;

    AvailabilityController(BranchCatalogue catalogue, TherapistDirectory directory, SnapshotLoader snapshots, Clock clock) {
        this.catalogue = catalogue;
        this.directory = directory;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /** Free start times on a date (local to the branch), on a 15-minute grid; none in the past. */
    @GetMapping("/api/availability")
    AvailabilityView availability(@RequestParam String branchId, @RequestParam Technique technique,
                                  @RequestParam int durationMinutes,
                                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        Branch branch = validBranch(branchId);
        TechniqueOffer offer = branch.offer(technique).orElseThrow(() -> new InvalidRequestException("technique",
                branch.name() + " does not offer " + technique + "; it offers "
                        + branch.techniques().stream().map(o -> o.technique().name()).collect(Collectors.joining(", "))));
        if (!offer.durationsMinutes().contains(durationMinutes)) {
            throw new InvalidRequestException("durationMinutes", technique + " is offered for "
                    + offer.durationsMinutes().stream().map(String::valueOf).collect(Collectors.joining(", ")) + " minutes at " + branch.name());
        }
        PlanningSnapshot snapshot = snapshots.load(branch, directory.atBranch(branch.id()), List.of(date));
        List<AvailabilityView.Slot> slots = SlotSearch.openSlots(snapshot, technique, Duration.ofMinutes(durationMinutes), date, clock.instant())
                .stream()
                .map(slot -> new AvailabilityView.Slot(slot.session().start(), LocalTimes.localOf(slot.session().start(), branch.zone()),
                        slot.session().end(), slot.therapists()))
                .toList();
        return new AvailabilityView(branch.id(), date, branch.zone(), technique, durationMinutes, slots);
    }

    private Branch validBranch(String branchId) {
        if (branchId.isBlank()) {
            throw new InvalidRequestException("branchId", "is required");
        }
        return catalogue.find(branchId).orElseThrow(() -> new InvalidRequestException("branchId", "no branch '" + branchId + "'"));
    }
}
