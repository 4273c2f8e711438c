package app.sabai.contracts.notifications;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum Channel {
    EMAIL,
    SMS,
    @JsonEnumDefaultValue
    OTHER
}
