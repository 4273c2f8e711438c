package app.sabai.booking.policy;

import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.values.Money;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a branch charges when plans change, for one treatment: its {@link CancellationPolicy} (the standard one
 * when the branch has none) and the treatment's price (null when the branch sells it without one, or has no
 * currency for its prices). Cancelling or moving is free until {@code freeUntilHours} before the start, exactly
 * then included; later it is late and costs {@code lateFeePercent} of the price; a no-show costs
 * {@code noShowFeePercent}. Without a price there is no fee, late or not; a fee of nothing is no fee.
 */
public record FeePolicy(CancellationPolicy policy, Money price) {

    public FeePolicy {
        policy = policy == null ? CancellationPolicy.standard() : policy;
    }

    public static FeePolicy of(CancellationPolicy policy, Optional<Money> price) {
        return new FeePolicy(policy, price.orElse(null));
    }

    /** The last moment a change of a session starting at {@code start} is free. */
    public Instant freeUntil(Instant start) {
        return start.minus(Duration.ofHours(policy.freeUntilHours()));
    }

    /** What cancelling or moving a session that starts at {@code start} costs when done at {@code at}. */
    public Charge forChangeAt(Instant start, Instant at) {
        if (!at.isAfter(freeUntil(start))) {
            return Charge.FREE;
        }
        return new Charge(true, percentOfPrice(policy.lateFeePercent()));
    }

    /** What a customer who does not come pays; null when nothing. */
    public Money noShowFee() {
        return percentOfPrice(policy.noShowFeePercent());
    }

    private Money percentOfPrice(int percent) {
        if (price == null || percent <= 0) {
            return null;
        }
        Money fee = price.percent(percent);
        return fee.isZero() ? null : fee;
    }
}
