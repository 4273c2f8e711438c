package app.sabai.contracts.values;

import java.util.Objects;

/** An amount in the minor unit of its ISO 4217 currency (pence, satang, cents). */
public record Money(long amountMinor, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /** {@code percent} of this amount, rounded half up to the minor unit. */
    public Money percent(int percent) {
        return new Money(Math.round(amountMinor * percent / 100.0), currency);
    }

    public boolean isZero() {
        return amountMinor == 0;
    }
}
