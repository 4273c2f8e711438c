package app.sabai.therapist.roster.adapter;

import app.sabai.therapist.roster.RosterRequests;
import app.sabai.therapist.roster.RosterView;
import app.sabai.therapist.roster.StrandedBookings;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** Staff read and change the roster of a therapist of their branch. */
@RestController
class RosterController {

    private static final String ROSTER = "/api/branches/{branchId}/therapists/{therapistId}/roster";

    private final RosterService rosters;

    RosterController(RosterService rosters) {
        this.rosters = rosters;
    }

    /** The weekly pattern, the changes to come, and the shifts of the dates asked for (the next four weeks by default). */
    @GetMapping(ROSTER)
    RosterView roster(@PathVariable String branchId, @PathVariable String therapistId,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return rosters.view(branchId, therapistId, from, to);
    }

    @PutMapping(ROSTER + "/weekly")
    RosterView weekly(@PathVariable String branchId, @PathVariable String therapistId,
                      @RequestBody(required = false) RosterRequests.Weekly request) {
        return rosters.setWeekly(branchId, therapistId, request);
    }

    @PutMapping(ROSTER + "/days/{date}")
    RosterView day(@PathVariable String branchId, @PathVariable String therapistId,
                   @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                   @RequestBody(required = false) RosterRequests.Day request) {
        return rosters.setDay(branchId, therapistId, date, request);
    }

    /** Back to the weekly pattern on that date. */
    @DeleteMapping(ROSTER + "/days/{date}")
    RosterView clearDay(@PathVariable String branchId, @PathVariable String therapistId,
                        @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                        @RequestParam(required = false) StrandedBookings stranded) {
        return rosters.clearDay(branchId, therapistId, date, stranded);
    }
}
