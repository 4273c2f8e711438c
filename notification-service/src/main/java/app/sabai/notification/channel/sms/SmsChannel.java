package app.sabai.notification.channel.sms;

import app.sabai.contracts.notifications.Channel;
import app.sabai.notification.channel.DeliveryChannel;
import app.sabai.notification.channel.OutgoingMessage;
import org.springframework.stereotype.Component;

/** SMS through the {@link SmsGateway}: the rendered text (its SMS form, without the subject). */
@Component
class SmsChannel implements DeliveryChannel {

    private final SmsGateway gateway;

    SmsChannel(SmsGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public void deliver(OutgoingMessage message) {
        gateway.send(new SmsGateway.TextMessage(message.messageId(), message.recipient(), message.body()));
    }
}
