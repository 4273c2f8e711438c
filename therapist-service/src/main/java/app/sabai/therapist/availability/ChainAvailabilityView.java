package app.sabai.therapist.availability;

import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code GET /api/availability} without a branch: where and when the session can be booked across the
 * chain, in time order. {@code branches} are the branches searched (nearest first when a location was
 * given); {@code truncated} is true when more slots were found than {@code limit}.
 */
public record ChainAvailabilityView(
        Technique technique,
        int durationMinutes,
        LocalDate from,
        LocalDate to,
        List<BranchRef> branches,
        List<Slot> slots,
        boolean truncated) {

    public record BranchRef(String id, String name, ZoneId zone, boolean mobile, Double distanceKm) {
    }

    public record Slot(String branchId, String branchName, ZoneId zone, Instant start, LocalDateTime startLocal, Instant end,
                       int therapists, List<AvailabilityView.TherapistRef> offeredBy) {
    }
}
