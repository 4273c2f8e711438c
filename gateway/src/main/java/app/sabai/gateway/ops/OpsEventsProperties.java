package app.sabai.gateway.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The operations event stream: how often an idle stream sends a heartbeat (so proxies and browsers keep
 * it open) and how many streams may be open at once (each holds a Kafka consumer and a thread).
 */
@ConfigurationProperties("sabai.gateway.ops-events")
public record OpsEventsProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("16") int maxStreams) {
}
