package app.sabai.notification.booking;

import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.values.Customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One way a customer's messages go out. A customer is written to by email when they gave an address, and
 * by SMS as well when they chose it ({@link Customer#wantsSms()}); a customer who gave only a phone number
 * is written to by SMS alone.
 */
public record ContactRoute(Channel channel, String recipient) {

    /** Every route a message to this customer takes, email first; empty when they cannot be reached. */
    public static List<ContactRoute> of(Customer customer) {
        if (customer == null) {
            return List.of();
        }
        List<ContactRoute> routes = new ArrayList<>(2);
        boolean email = present(customer.email());
        if (email) {
            routes.add(new ContactRoute(Channel.EMAIL, customer.email().trim()));
        }
        if (present(customer.phone()) && (customer.wantsSms() || !email)) {
            routes.add(new ContactRoute(Channel.SMS, customer.phone().trim()));
        }
        return List.copyOf(routes);
    }

    /** What a message or reminder id on this route ends with: nothing for email, {@code :sms} for SMS. */
    String idSuffix() {
        return channel == Channel.EMAIL ? "" : ":" + channel.name().toLowerCase(Locale.ROOT);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
