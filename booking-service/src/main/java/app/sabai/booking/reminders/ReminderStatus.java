package app.sabai.booking.reminders;

public enum ReminderStatus {
    SCHEDULED,
    SENT,
    CANCELLED,
    FAILED
}
