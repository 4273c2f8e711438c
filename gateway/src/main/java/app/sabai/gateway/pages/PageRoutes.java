package app.sabai.gateway.pages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The staff board and the operations console are pages of their own, at {@code /staff} and {@code /ops}; their
 * scripts and styles sit beside them under {@code static/staff/} and {@code static/ops/}. The customer page is the
 * welcome page ({@code static/index.html}). Signing in is the security chain's business: these paths need a session.
 */
@Configuration(proxyBeanMethods = false)
class PageRoutes {

    @Bean
    RouterFunction<ServerResponse> pages() {
        return route(GET("/staff").or(GET("/staff/")), request -> page("static/staff/index.html"))
                .andRoute(GET("/ops").or(GET("/ops/")), request -> page("static/ops/index.html"));
    }

    private static Mono<ServerResponse> page(String path) {
        Resource html = new ClassPathResource(path);
        return ServerResponse.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .bodyValue(html);
    }
}
