package app.sabai.contracts.branches;

/**
 * What a branch charges when plans change: cancelling or moving a booking is free until
 * {@code freeUntilHours} before it starts; later it costs {@code lateFeePercent} of the treatment's price;
 * a customer who does not come pays {@code noShowFeePercent}.
 */
public record CancellationPolicy(int freeUntilHours, int lateFeePercent, int noShowFeePercent) {

    public static CancellationPolicy standard() {
        return new CancellationPolicy(24, 50, 100);
    }
}
