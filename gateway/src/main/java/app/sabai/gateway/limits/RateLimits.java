package app.sabai.gateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Per-client rate limits, in memory: a signed-in client is its token's or session's subject, anyone else their
 * address. Runs after the security chain, so a subject is only ever one whose token or session checked out, and a
 * caller cannot spend someone else's requests by naming them. {@code POST /auth/token} counts per address in a
 * bucket of its own. Over the limit: 429 with {@code Retry-After}, counted as {@code sabai.gateway.rate.limited} by the
 * {@link PathGroup} asked for (never by client: there are as many clients as addresses).
 */
@Component
@Order(RateLimits.ORDER)
public class RateLimits implements WebFilter {

    /** After Spring Security's chain (-100), before routing. */
    static final int ORDER = -50;
    static final String TOKEN_ENDPOINT = "/auth/token";
    static final String LIMITED = "sabai.gateway.rate.limited";

    private final ClientBuckets clients;
    private final ClientBuckets tokenRequests;
    private final MeterRegistry meters;

    public RateLimits(RateLimitSettings settings, MeterRegistry meters) {
        this.meters = meters;
        this.clients = new ClientBuckets(settings.maxClients(), () -> Bucket.builder()
                .addLimit(limit -> limit.capacity(settings.capacity()).refillGreedy(settings.refillPerSecond(), Duration.ofSeconds(1)))
                .build());
        RateLimitSettings.TokenEndpoint tokens = settings.tokenEndpoint();
        this.tokenRequests = new ClientBuckets(settings.maxClients(), () -> Bucket.builder()
                .addLimit(limit -> limit.capacity(tokens.capacity()).refillGreedy(tokens.capacity(), tokens.period()))
                .build());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (path.startsWith("/actuator/")) {
            return chain.filter(exchange);
        }
        if (HttpMethod.POST.equals(request.getMethod()) && path.equals(TOKEN_ENDPOINT)) {
            return take(tokenRequests.of(address(request)), PathGroup.TOKEN, exchange, chain);
        }
        return exchange.getPrincipal()
                .filter(RateLimits::signedIn)
                .map(caller -> "subject " + caller.getName())
                .defaultIfEmpty(address(request))
                .flatMap(client -> take(clients.of(client), PathGroup.of(path), exchange, chain));
    }

    private Mono<Void> take(Bucket bucket, PathGroup group, ServerWebExchange exchange, WebFilterChain chain) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return chain.filter(exchange);
        }
        Counter.builder(LIMITED)
                .description("Requests answered 429 because their client was over its rate limit")
                .tag("path.group", group.tag())
                .register(meters)
                .increment();
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
        return Mono.error(new TooManyRequestsException(seconds));
    }

    private static boolean signedIn(Object principal) {
        return principal instanceof Authentication caller && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken);
    }

    private static String address(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return "address " + (remote == null ? "unknown" : remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress());
    }
}
