package app.sabai.therapist.availability;

import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code GET /api/availability?branchId=…}: the start times at one branch, over one or several local dates,
 * at which the session can be booked. {@code date} is the first date (as when only one was asked for).
 */
public record AvailabilityView(
        String branchId,
        String branchName,
        LocalDate date,
        LocalDate from,
        LocalDate to,
        ZoneId zone,
        Technique technique,
        int durationMinutes,
        List<Slot> slots) {

    /**
     * {@code therapists}: how many qualified therapists are free then (a room and the equipment are free too);
     * {@code offeredBy}: who they are, the one a booking would get first.
     */
    public record Slot(Instant start, LocalDateTime startLocal, Instant end, int therapists, List<TherapistRef> offeredBy) {
    }

    public record TherapistRef(String id, String name) {
    }
}
