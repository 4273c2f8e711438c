package app.sabai.contracts.branches;

import app.sabai.contracts.values.Technique;

import java.util.List;
import java.util.Optional;

/**
 * A technique a branch offers, the session lengths, in minutes, it sells, and their prices (in the minor
 * unit of the branch's currency; a length without a price is sold without one).
 */
public record TechniqueOffer(Technique technique, List<Integer> durationsMinutes, List<Price> prices) {

    public TechniqueOffer {
        durationsMinutes = durationsMinutes == null ? List.of() : List.copyOf(durationsMinutes);
        prices = prices == null ? List.of() : List.copyOf(prices);
    }

    public TechniqueOffer(Technique technique, List<Integer> durationsMinutes) {
        this(technique, durationsMinutes, List.of());
    }

    public Optional<Long> priceOf(int durationMinutes) {
        return prices.stream().filter(price -> price.durationMinutes() == durationMinutes).map(Price::amountMinor).findFirst();
    }
}
