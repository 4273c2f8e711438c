package app.sabai.therapist.planning;

import java.util.function.Supplier;

/**
 * A hard rule a therapist broke, and the particulars a member of staff would want to read. The particulars are worded
 * when read: an availability search holds every busy therapist to the rules at every start it tries, and reads none.
 */
public record Exclusion(HardRule rule, Supplier<String> wording) {

    public String detail() {
        return wording.get();
    }
}
