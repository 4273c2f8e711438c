package app.sabai.gateway.ops;

import app.sabai.gateway.security.SabaiRoles;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/ops/events}: the operations live stream, served by the gateway itself (not routed),
 * so no body-rewriting filter ever buffers it. Open to operations and administrators (the security chain sees to
 * that); customers' contact details are shown in full to administrators only.
 */
@RestController
class OpsEventsController {

    private final OpsEventStream stream;

    OpsEventsController(OpsEventStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/api/ops/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> events(ServerWebExchange exchange, Authentication caller) {
        // Tells buffering proxies (nginx and the like) to pass events on as they come.
        exchange.getResponse().getHeaders().set("X-Accel-Buffering", "no");
        return stream.open(SabaiRoles.of(caller).contains(SabaiRoles.ADMIN) ? ContactDetails.FULL : ContactDetails.MASKED);
    }
}
