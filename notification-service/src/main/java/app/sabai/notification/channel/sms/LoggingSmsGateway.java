package app.sabai.notification.channel.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes text messages to the log instead of sending them: no SMS provider is contracted yet. A provider's
 * adapter replaces this class.
 */
@Component
class LoggingSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsGateway.class);

    @Override
    public void send(String phoneNumber, String text) {
        log.info("SMS (no provider configured, logged only) to {}:\n{}", phoneNumber, text);
    }
}
