package app.sabai.therapist.absence.adapter;

import app.sabai.therapist.absence.Absence;
import app.sabai.therapist.absence.AbsenceRequest;
import app.sabai.therapist.absence.AbsenceView;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;

/** Staff record, list and withdraw the absences of a therapist of their branch. */
@RestController
class AbsenceController {

    private final AbsenceService absences;
    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;

    AbsenceController(AbsenceService absences, BranchCatalogue catalogue, TherapistDirectory directory) {
        this.absences = absences;
        this.catalogue = catalogue;
        this.directory = directory;
    }

    /** 201 with the absence and what became of each booking in it; 200 with the same when it was recorded before. */
    @PostMapping("/api/branches/{branchId}/therapists/{therapistId}/absences")
    ResponseEntity<AbsenceView> record(@PathVariable String branchId, @PathVariable String therapistId,
                                       @RequestBody(required = false) AbsenceRequest request) {
        AbsenceService.Recorded recorded = absences.record(branchId, therapistId, request);
        AbsenceView view = view(branchId, recorded.absence());
        return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/branches/" + branchId + "/therapists/" + therapistId + "/absences/" + view.absenceId()))
                .body(view);
    }

    @GetMapping("/api/branches/{branchId}/therapists/{therapistId}/absences")
    List<AbsenceView> list(@PathVariable String branchId, @PathVariable String therapistId) {
        return absences.of(branchId, therapistId).stream().map(absence -> view(branchId, absence)).toList();
    }

    @GetMapping("/api/branches/{branchId}/therapists/{therapistId}/absences/{absenceId}")
    AbsenceView one(@PathVariable String branchId, @PathVariable String therapistId, @PathVariable String absenceId) {
        return absences.of(branchId, therapistId).stream().filter(absence -> absence.absenceId().equals(absenceId)).findFirst()
                .map(absence -> view(branchId, absence))
                .orElseThrow(() -> new app.sabai.support.web.NotFoundException("absence", absenceId));
    }

    /** Withdraws the absence (bookings moved away stay where they are) and answers with it. */
    @DeleteMapping("/api/branches/{branchId}/therapists/{therapistId}/absences/{absenceId}")
    AbsenceView withdraw(@PathVariable String branchId, @PathVariable String therapistId, @PathVariable String absenceId) {
        return view(branchId, absences.withdraw(branchId, therapistId, absenceId));
    }

    private AbsenceView view(String branchId, Absence absence) {
        ZoneId zone = catalogue.find(branchId).map(Branch::zone).orElse(ZoneId.of("UTC"));
        String name = directory.find(absence.therapistId()).map(Therapist::name).orElse(absence.therapistId());
        return AbsenceView.of(absence, name, zone);
    }
}
