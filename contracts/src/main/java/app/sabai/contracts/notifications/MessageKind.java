package app.sabai.contracts.notifications;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum MessageKind {
    CONFIRMATION,
    REJECTION,
    REMINDER,
    CHANGE,
    CANCELLATION,
    OFFER,
    COURSE_SUMMARY,
    @JsonEnumDefaultValue
    OTHER
}
