package app.sabai.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The logical, versioned type of an event on the wire ({@code ce_type}), for example
 * {@code sabai.bookings.BookingConfirmed.v1}. Renaming or moving a record never changes it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
    String value();
}
