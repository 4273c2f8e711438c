package app.sabai.booking.view;

import app.sabai.booking.lifecycle.AttentionCase;
import app.sabai.booking.view.BookingView.TherapistView;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A booking on its branch's attention list ({@code GET /api/branches/{branchId}/attention}): the session,
 * how to reach the customer, why it needs staff, the therapist it lost and the nearest free times to offer.
 * {@code startLocal} is in the branch's zone.
 */
public record AttentionItem(
        String bookingId,
        Technique technique,
        int durationMinutes,
        Instant start,
        Instant end,
        ZoneId zone,
        LocalDateTime startLocal,
        Customer customer,
        String reason,
        List<Alternative> alternatives,
        Instant since,
        TherapistView lostTherapist) {

    public static AttentionItem of(AttentionCase attentionCase) {
        return new AttentionItem(attentionCase.id(), attentionCase.technique(), attentionCase.durationMinutes(),
                attentionCase.start(), attentionCase.end(), attentionCase.zone(),
                LocalDateTime.ofInstant(attentionCase.start(), attentionCase.zone()), attentionCase.customer(),
                attentionCase.reason(), attentionCase.alternatives(), attentionCase.since(),
                TherapistView.of(attentionCase.lostTherapist()));
    }
}
