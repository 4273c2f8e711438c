package app.sabai.booking.waitlist;

import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Technique;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A waitlist entry as its customer sees it ({@code GET /api/waitlist/{id}}): its status, what it waits for (the window
 * also in the branch's local time), the slot offered ({@code offer}, from when it is offered) and the booking it became
 * ({@code bookingId}, once BOOKED), and what they may do now ({@code allowed}).
 */
public record WaitlistView(
        String id,
        WaitlistStatus status,
        String branchId,
        Technique technique,
        int durationMinutes,
        ZoneId zone,
        Instant from,
        Instant to,
        LocalDateTime fromLocal,
        LocalDateTime toLocal,
        List<DayOfWeek> weekdays,
        LocalTime earliest,
        LocalTime latest,
        Customer customer,
        String customerId,
        @JsonInclude(JsonInclude.Include.NON_NULL) OfferView offer,
        @JsonInclude(JsonInclude.Include.NON_NULL) String bookingId,
        List<String> allowed,
        Instant createdAt,
        Instant updatedAt) {

    /** The slot offered: its booking, when it starts (also in the branch's time) and ends, who gives it, and until when it is held. */
    public record OfferView(String bookingId, Instant start, LocalDateTime startLocal, Instant end, String therapistName,
                            Instant expiresAt) {
    }

    public static WaitlistView of(WaitlistEntry entry, Instant now) {
        Wish wish = entry.wish();
        WaitlistStatus status = entry.statusAt(now);
        WaitlistEntry.EntryOffer offer = entry.offer();
        boolean offered = offer != null && entry.status() != WaitlistStatus.WAITING;
        return new WaitlistView(entry.id(), status, entry.branchId(), wish.technique(), wish.durationMinutes(), wish.zone(), wish.from(),
                wish.to(), LocalDateTime.ofInstant(wish.from(), wish.zone()), LocalDateTime.ofInstant(wish.to(), wish.zone()),
                wish.weekdays(), wish.earliest(), wish.latest(), entry.customer(), entry.customerId(),
                offered ? new OfferView(offer.bookingId(), offer.start(), LocalDateTime.ofInstant(offer.start(), wish.zone()), offer.end(),
                        offer.therapistName(), offer.expiresAt()) : null,
                entry.bookingId(), WaitlistEntry.actionsIn(status), entry.createdAt(), entry.updatedAt());
    }
}
