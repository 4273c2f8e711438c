package app.sabai.support.kafka;

/**
 * The consumer groups of in-memory views (a catalogue, the therapists, a day's sessions): each process keeps its own copy,
 * so each start reads in a group of its own. Such a group never commits an offset, because a view starts from its topic's
 * beginning or end by its listener's {@code auto.offset.reset}, never from where an earlier start stopped. Without
 * committed offsets the broker forgets the group as soon as its member is gone, so no group of a stopped or killed
 * process lingers among the consumer groups, or in the operations console's lag.
 */
public final class ViewGroups {

    private static final String MARKER = "-view-";
    /** Ends a view listener's {@code groupId}: {@code groupId = "${spring.application.name}-catalogue" + ViewGroups.PER_START}. */
    public static final String PER_START = MARKER + "${random.uuid}";

    private ViewGroups() {
    }

    /** Whether the group is a view's, of one start. */
    public static boolean isPerStart(String groupId) {
        return groupId != null && groupId.contains(MARKER);
    }
}
