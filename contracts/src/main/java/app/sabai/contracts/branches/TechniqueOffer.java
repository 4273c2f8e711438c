package app.sabai.contracts.branches;

import app.sabai.contracts.values.Technique;

import java.util.List;

/** A technique a branch offers and the session lengths, in minutes, it sells. */
public record TechniqueOffer(Technique technique, List<Integer> durationsMinutes) {

    public TechniqueOffer {
        durationsMinutes = durationsMinutes == null ? List.of() : List.copyOf(durationsMinutes);
    }
}
