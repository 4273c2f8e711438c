package app.sabai.gateway.cors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/** Which web origins may call the API from a browser ({@code sabai.gateway.cors.allowed-origins}). */
@ConfigurationProperties("sabai.gateway.cors")
public record CorsSettings(@DefaultValue("http://localhost:8080") List<String> allowedOrigins) {
}
