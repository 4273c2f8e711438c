package app.sabai.notification.status;

import app.sabai.contracts.notifications.Channel;

/**
 * Recipients as a history shows them: enough to recognise, not enough to copy. An email address keeps the
 * first character of its local part and the whole domain ({@code a***@example.com}); a phone number keeps
 * a leading {@code +} with the first two digits and the last three ({@code +44*******123}).
 */
public final class Recipients {

    private Recipients() {
    }

    public static String mask(Channel channel, String recipient) {
        if (recipient == null || recipient.isBlank()) {
            return recipient;
        }
        String value = recipient.trim();
        return channel == Channel.EMAIL || value.contains("@") ? email(value) : phone(value);
    }

    private static String email(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    private static String phone(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        if (digits.length() < 6) {
            return "*".repeat(digits.length());
        }
        String prefix = number.startsWith("+") ? "+" + digits.substring(0, 2) : digits.substring(0, 2);
        return prefix + "*".repeat(digits.length() - 5) + digits.substring(digits.length() - 3);
    }
}
