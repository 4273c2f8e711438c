package app.sabai.therapist;

import app.sabai.support.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static app.sabai.support.security.Access.actsAt;
import static app.sabai.support.security.Access.anyOf;
import static app.sabai.support.security.Access.anyone;
import static app.sabai.support.security.Access.readsAt;
import static app.sabai.support.security.Role.ADMIN;
import static app.sabai.support.security.Role.OPS;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Who may call each route of therapist-service, all in one place. The catalogue and free times are public, as on
 * any spa's website; a branch's day, rosters, absences and reassignments belong to its staff (operations may read
 * them); branches and therapists are managed by administrators. Any route not listed is refused.
 */
@Configuration(proxyBeanMethods = false)
class RouteAccess {

    private static final String BRANCH = "/api/branches/{branchId}";
    private static final String THERAPIST = BRANCH + "/therapists/{therapistId}";

    @Bean
    AccessRules therapistServiceRoutes() {
        return routes -> routes
                .requestMatchers(GET, "/api/branches", BRANCH, BRANCH + "/therapists", THERAPIST, "/api/availability").access(anyone())
                .requestMatchers(POST, "/api/branches").access(anyOf(ADMIN))
                .requestMatchers(PUT, BRANCH).access(anyOf(ADMIN))
                .requestMatchers(POST, BRANCH + "/therapists").access(anyOf(ADMIN))
                .requestMatchers(PUT, THERAPIST).access(anyOf(ADMIN))
                .requestMatchers(DELETE, THERAPIST).access(anyOf(ADMIN))
                .requestMatchers(GET, BRANCH + "/board", BRANCH + "/schedule").access(readsAt("branchId"))
                .requestMatchers(GET, THERAPIST + "/roster", THERAPIST + "/absences", THERAPIST + "/absences/{absenceId}")
                .access(readsAt("branchId"))
                .requestMatchers(PUT, THERAPIST + "/roster/weekly", THERAPIST + "/roster/days/{date}").access(actsAt("branchId"))
                .requestMatchers(DELETE, THERAPIST + "/roster/days/{date}", THERAPIST + "/absences/{absenceId}").access(actsAt("branchId"))
                .requestMatchers(POST, THERAPIST + "/absences", BRANCH + "/bookings/{bookingId}/reassignment").access(actsAt("branchId"))
                .requestMatchers(GET, "/api/assignments/{bookingId}").access(anyOf(OPS, ADMIN));
    }
}
