package app.sabai.contracts;

import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.branches.BranchEvent;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.staff.StaffEvent;

/** The registry of topics: name, what the record key is, and which event family travels on it. */
public enum Topic {

    BOOKINGS("sabai.bookings", "branchId", false, BookingEvent.class),
    ASSIGNMENTS("sabai.assignments", "branchId", false, AssignmentEvent.class),
    NOTIFICATIONS("sabai.notifications", "bookingId", false, NotificationEvent.class),
    BRANCHES("sabai.branches", "branchId", true, BranchEvent.class),
    STAFF("sabai.staff", "therapistId", true, StaffEvent.class);

    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private final String topicName;
    private final String keyField;
    private final boolean compacted;
    private final Class<? extends SabaiEvent> family;

    Topic(String topicName, String keyField, boolean compacted, Class<? extends SabaiEvent> family) {
        this.topicName = topicName;
        this.keyField = keyField;
        this.compacted = compacted;
        this.family = family;
    }

    public String topicName() {
        return topicName;
    }

    public String deadLetterTopicName() {
        return topicName + DEAD_LETTER_SUFFIX;
    }

    /** The event field whose value is the record key. */
    public String keyField() {
        return keyField;
    }

    public boolean compacted() {
        return compacted;
    }

    public Class<? extends SabaiEvent> family() {
        return family;
    }

    public static Topic carrying(Class<? extends SabaiEvent> eventClass) {
        for (Topic topic : values()) {
            if (topic.family.isAssignableFrom(eventClass)) {
                return topic;
            }
        }
        throw new IllegalArgumentException(eventClass.getName() + " belongs to no topic");
    }

    public static Topic named(String topicName) {
        for (Topic topic : values()) {
            if (topic.topicName.equals(topicName) || topic.deadLetterTopicName().equals(topicName)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("No such topic: " + topicName);
    }
}
