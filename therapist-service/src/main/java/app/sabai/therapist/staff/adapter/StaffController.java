package app.sabai.therapist.staff.adapter;

import app.sabai.therapist.staff.StaffChange;
import app.sabai.therapist.staff.TherapistRequest;
import app.sabai.therapist.staff.TherapistView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** The therapists of a branch: listed for everyone, managed by its staff. */
@RestController
class StaffController {

    private final StaffService staff;

    StaffController(StaffService staff) {
        this.staff = staff;
    }

    /** Home staff and colleagues covering the branch; those who left only when asked for. */
    @GetMapping("/api/branches/{branchId}/therapists")
    List<TherapistView> therapists(@PathVariable String branchId, @RequestParam(defaultValue = "false") boolean includeInactive) {
        return staff.atBranch(branchId, includeInactive);
    }

    @GetMapping("/api/branches/{branchId}/therapists/{therapistId}")
    TherapistView therapist(@PathVariable String branchId, @PathVariable String therapistId) {
        return staff.one(branchId, therapistId);
    }

    /** A new therapist whose home is this branch; 201 with where to find them. They work once they have a roster. */
    @PostMapping("/api/branches/{branchId}/therapists")
    ResponseEntity<TherapistView> create(@PathVariable String branchId, @RequestBody(required = false) TherapistRequest request) {
        TherapistView created = staff.create(branchId, request);
        return ResponseEntity.created(URI.create("/api/branches/" + branchId + "/therapists/" + created.id())).body(created);
    }

    /** The whole profile; bookings the change makes them unfit for are re-planned and listed. */
    @PutMapping("/api/branches/{branchId}/therapists/{therapistId}")
    StaffChange update(@PathVariable String branchId, @PathVariable String therapistId,
                       @RequestBody(required = false) TherapistRequest request) {
        return staff.update(branchId, therapistId, request);
    }

    /** The therapist leaves: kept on record, takes no bookings, and their future bookings are re-planned and listed. */
    @DeleteMapping("/api/branches/{branchId}/therapists/{therapistId}")
    StaffChange deactivate(@PathVariable String branchId, @PathVariable String therapistId) {
        return staff.deactivate(branchId, therapistId);
    }
}
