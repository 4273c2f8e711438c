package app.sabai.gateway.ops;

import app.sabai.contracts.Topic;
import app.sabai.gateway.security.SabaiRoles;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Set;

/**
 * The operations console's reads and its one change, served by the gateway itself: who is signed in
 * ({@code /api/ops/me}), the dead letters and their replay (administrators only; the security chain sees to that),
 * the last hour's rates and lag ({@code /api/ops/metrics}) and the booking requests still waiting for a decision.
 */
@RestController
class OpsConsoleController {

    private static final int MAX_STUCK_LISTED = 200;

    private final DeadLetters deadLetters;
    private final EventWindowFeed feed;
    private final ConsumerLag lag;
    private final OpsConsoleProperties settings;

    OpsConsoleController(DeadLetters deadLetters, EventWindowFeed feed, ConsumerLag lag, OpsConsoleProperties settings) {
        this.deadLetters = deadLetters;
        this.feed = feed;
        this.lag = lag;
        this.settings = settings;
    }

    /** The caller as the console needs to know them: a name to show, roles, and whether they may replay. */
    record Me(String name, Set<String> roles, boolean mayReplay) {
    }

    record DeadLetterList(int perPartition, List<DeadLetters.DeadLetter> items) {
    }

    record Metrics(EventWindow.Rates rates, List<ConsumerLag.GroupLag> lag) {
    }

    record StuckRequests(long afterSeconds, List<EventWindow.StuckRequest> items) {
    }

    @GetMapping("/api/ops/me")
    Me me(Authentication caller) {
        Set<String> roles = SabaiRoles.of(caller);
        return new Me(nameOf(caller), roles, roles.contains(SabaiRoles.ADMIN));
    }

    @GetMapping("/api/ops/dead-letters")
    Mono<DeadLetterList> deadLetters(Authentication caller) {
        ContactDetails details = SabaiRoles.of(caller).contains(SabaiRoles.ADMIN) ? ContactDetails.FULL : ContactDetails.MASKED;
        return Mono.fromCallable(() -> new DeadLetterList(settings.deadLettersPerPartition(), deadLetters.latest(details)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/api/ops/dead-letters/{topic}/{partition}/{offset}/replay")
    Mono<DeadLetters.Replayed> replay(@PathVariable String topic, @PathVariable String partition, @PathVariable String offset) {
        if (!topic.endsWith(Topic.DEAD_LETTER_SUFFIX)) {
            throw new OpsRequestRefused(HttpStatus.BAD_REQUEST, "topic", "is not a dead-letter topic (its name ends in -dlt): " + topic);
        }
        if (!DeadLetters.TOPICS.contains(topic)) {
            throw new OpsRequestRefused(HttpStatus.NOT_FOUND, "topic", "is no dead-letter topic of Sabai's: " + topic);
        }
        int partitionNumber = (int) number("partition", partition, Integer.MAX_VALUE);
        long offsetNumber = number("offset", offset, Long.MAX_VALUE);
        return Mono.fromCallable(() -> deadLetters.replay(topic, partitionNumber, offsetNumber))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/ops/metrics")
    Mono<Metrics> metrics() {
        EventWindow.Rates rates = feed.window().rates();
        return lag.current().map(groups -> new Metrics(rates, groups));
    }

    @GetMapping("/api/ops/stuck-requests")
    StuckRequests stuck() {
        return new StuckRequests(settings.stuckAfter().toSeconds(), feed.window().stuck(settings.stuckAfter(), MAX_STUCK_LISTED));
    }

    private static long number(String field, String text, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new OpsRequestRefused(HttpStatus.BAD_REQUEST, field, "must be a whole number from 0 up, not '" + text + "'");
    }

    /** The person's name as the identity provider gives it (claim {@code name}); the subject when it gives none. */
    private static String nameOf(Authentication caller) {
        if (caller.getPrincipal() instanceof OidcUser user && user.getFullName() != null) {
            return user.getFullName();
        }
        if (caller instanceof JwtAuthenticationToken token && token.getToken().getClaimAsString("name") != null) {
            return token.getToken().getClaimAsString("name");
        }
        return caller.getName();
    }
}
