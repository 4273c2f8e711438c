package app.sabai.notification.channel;

import app.sabai.contracts.notifications.Channel;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The channel adapters by the contract's {@link Channel}. */
@Component
public class DeliveryChannels {

    private final Map<Channel, DeliveryChannel> byChannel = new EnumMap<>(Channel.class);

    public DeliveryChannels(List<DeliveryChannel> channels) {
        channels.forEach(channel -> byChannel.put(channel.channel(), channel));
    }

    public DeliveryChannel get(Channel channel) {
        DeliveryChannel adapter = channel == null ? null : byChannel.get(channel);
        if (adapter == null) {
            throw new IllegalStateException("No delivery channel for " + channel);
        }
        return adapter;
    }
}
