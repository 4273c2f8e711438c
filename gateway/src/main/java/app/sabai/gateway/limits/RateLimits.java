package app.sabai.gateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
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
 * bucket of its own. Over the limit: 429 with {@code Retry-After}.
 */
@Component
@Order(RateLimits.ORDER)
public class RateLimits implements WebFilter {

    /** After Spring Security's chain (-100), before routing. */
    static final int ORDER = -50;
    static final String TOKEN_ENDPOINT = "/auth/token";

    private final ClientBuckets clients;
    private final ClientBuckets tokenRequests;

    public RateLimits(RateLimitSettings settings) {
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
            return take(tokenRequests.of(address(request)), exchange, chain);
        }
        return exchange.getPrincipal()
                .filter(RateLimits::signedIn)
                .map(caller -> "subject " + caller.getName())
                .defaultIfEmpty(address(request))
                .flatMap(client -> take(clients.of(client), exchange, chain));
    }

    private static Mono<Void> take(Bucket bucket, ServerWebExchange exchange, WebFilterChain chain) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return chain.filter(exchange);
        }
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
