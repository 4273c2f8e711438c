package app.sabai.notification;

import app.sabai.support.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static app.sabai.support.security.Access.anyOf;
import static app.sabai.support.security.Access.signedIn;
import static app.sabai.support.security.Role.ADMIN;
import static app.sabai.support.security.Role.OPS;
import static org.springframework.http.HttpMethod.GET;

/**
 * Who may call each route of notification-service, all in one place. A booking's message history is read by its
 * customer and its branch's staff (checked against the booking), and by operations; the delivery view by operations
 * and administrators. Any route not listed is refused.
 */
@Configuration(proxyBeanMethods = false)
class RouteAccess {

    @Bean
    AccessRules notificationServiceRoutes() {
        return routes -> routes
                .requestMatchers(GET, "/api/bookings/{bookingId}/notifications").access(signedIn())
                .requestMatchers(GET, "/api/notifications").access(anyOf(OPS, ADMIN));
    }
}
