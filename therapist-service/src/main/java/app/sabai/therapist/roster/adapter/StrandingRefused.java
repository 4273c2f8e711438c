package app.sabai.therapist.roster.adapter;

import app.sabai.therapist.roster.Stranding;

import java.util.List;

/** A change of a roster, therapist or branch would leave these booked sessions without what they need: refused. */
public class StrandingRefused extends RuntimeException {

    private final String field;
    private final List<Stranding.BookedAt> stranded;

    /** {@code what} says what the sessions would lose, e.g. "their therapist". */
    public StrandingRefused(String field, List<Stranding.BookedAt> stranded, String what, boolean canReplan) {
        super(stranded.size() + " booked session(s) would be left without " + what + "; "
                + (canReplan ? "move them first, or send \"stranded\": \"REPLAN\" to re-plan them as for an absence"
                : "move or cancel them first"));
        this.field = field;
        this.stranded = List.copyOf(stranded);
    }

    public String field() {
        return field;
    }

    public List<Stranding.BookedAt> stranded() {
        return stranded;
    }
}
