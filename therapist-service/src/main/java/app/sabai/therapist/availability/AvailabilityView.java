package app.sabai.therapist.availability;

import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** {@code GET /api/availability}: the start times of a date at which the session can be booked. */
public record AvailabilityView(
        String branchId,
        LocalDate date,
        ZoneId zone,
        Technique technique,
        int durationMinutes,
        List<Slot> slots) {

    /** {@code therapists}: how many qualified therapists are free then (a room and the equipment are free too). */
    public record Slot(Instant start, LocalDateTime startLocal, Instant end, int therapists) {
    }
}
