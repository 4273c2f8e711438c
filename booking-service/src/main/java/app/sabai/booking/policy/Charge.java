package app.sabai.booking.policy;

import app.sabai.contracts.values.Money;

/** What a change costs: whether it came after the free period ({@code late}), and the fee (null when nothing). */
public record Charge(boolean late, Money fee) {

    public static final Charge FREE = new Charge(false, null);

    /** The same timing, without the fee: the branch, not the customer, is why plans change. */
    public Charge waived() {
        return new Charge(late, null);
    }
}
