package app.sabai.booking.waitlist.adapter;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code sabai.waitlist.*}: how long an offer holds its slot for the customer ({@code offer-hold}, default 15 minutes),
 * how often open offers are looked over for expiry ({@code offer-sweep-interval}, default 15 seconds), and how many
 * offers one customer may have open at once ({@code max-open-offers}, default 3).
 */
@ConfigurationProperties("sabai.waitlist")
public record WaitlistProperties(Duration offerHold, Duration offerSweepInterval, Integer maxOpenOffers) {

    public WaitlistProperties {
        offerHold = positive(offerHold, Duration.ofMinutes(15));
        offerSweepInterval = positive(offerSweepInterval, Duration.ofSeconds(15));
        maxOpenOffers = maxOpenOffers == null || maxOpenOffers < 1 ? 3 : maxOpenOffers;
    }

    private static Duration positive(Duration value, Duration otherwise) {
        return value == null || value.isNegative() || value.isZero() ? otherwise : value;
    }
}
