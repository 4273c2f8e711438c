package app.sabai.notification.channel.email;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Message-ID} of a message's emails: {@code <id@domain>}, made from the message's id alone, so
 * every attempt to send it carries the same one. Characters an RFC 5322 {@code id-left} cannot hold (and
 * {@code %} itself) are written as {@code %XX} of their UTF-8 bytes, which keeps distinct ids distinct:
 * {@code booking-1:PT2H#2} becomes {@code <booking-1%3APT2H%232@notifications.sabai.app>}.
 */
final class MessageIds {

    private MessageIds() {
    }

    static String of(String messageId, String domain) {
        StringBuilder id = new StringBuilder("<");
        for (byte b : messageId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                id.append(c);
            } else {
                id.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return id.append('@').append(domain).append('>').toString();
    }
}
