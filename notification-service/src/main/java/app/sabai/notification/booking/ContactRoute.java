package app.sabai.notification.booking;

import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.values.Customer;

import java.util.Optional;

/** Where a customer's messages go: email when they gave an address, otherwise SMS to their phone. */
public record ContactRoute(Channel channel, String recipient) {

    public static Optional<ContactRoute> of(Customer customer) {
        if (customer == null) {
            return Optional.empty();
        }
        if (present(customer.email())) {
            return Optional.of(new ContactRoute(Channel.EMAIL, customer.email().trim()));
        }
        if (present(customer.phone())) {
            return Optional.of(new ContactRoute(Channel.SMS, customer.phone().trim()));
        }
        return Optional.empty();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
