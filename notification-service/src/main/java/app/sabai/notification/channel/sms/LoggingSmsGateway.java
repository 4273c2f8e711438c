package app.sabai.notification.channel.sms;

import app.sabai.contracts.notifications.Channel;
import app.sabai.notification.status.Recipients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Notes text messages in the log (by reference, the number masked) instead of sending them: no SMS provider is
 * contracted yet. A provider's
 * adapter replaces this class. It keeps the last {@value #KEPT} texts it was given, in order, so a local run
 * or a test can read what would have gone out ({@link #sent()}).
 */
@Component
public class LoggingSmsGateway implements SmsGateway {

    static final int KEPT = 1000;
    private static final Logger log = LoggerFactory.getLogger(LoggingSmsGateway.class);

    private final Deque<TextMessage> sent = new ArrayDeque<>();

    @Override
    public void send(TextMessage message) {
        // Logs carry references, not numbers or what was said: the number is masked and the text kept in memory only.
        log.info("SMS {} (no provider configured, not sent) to {}, {} characters", message.reference(),
                Recipients.mask(Channel.SMS, message.phoneNumber()), message.text().length());
        synchronized (sent) {
            if (sent.size() == KEPT) {
                sent.removeFirst();
            }
            sent.addLast(message);
        }
    }

    /** The texts given to this gateway, oldest first (at most the last {@value #KEPT}). */
    public List<TextMessage> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }
}
