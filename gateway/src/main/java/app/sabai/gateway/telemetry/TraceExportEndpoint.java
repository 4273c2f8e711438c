package app.sabai.gateway.telemetry;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Turns the OTLP endpoint the platform is given ({@code sabai.telemetry.otlp-endpoint}, else the standard
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}) into Boot's trace export endpoint, as every service does. Without either, no
 * exporter is made: nothing is sent and nothing retries a collector that is not there.
 */
public class TraceExportEndpoint implements EnvironmentPostProcessor {

    static final String ENDPOINT = "sabai.telemetry.otlp-endpoint";
    static final String STANDARD_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String TRACES_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String TRACES_PATH = "/v1/traces";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(TRACES_ENDPOINT)) {
            return;
        }
        String endpoint = firstNonBlank(environment.getProperty(ENDPOINT), environment.getProperty(STANDARD_ENDPOINT));
        if (endpoint != null) {
            environment.getPropertySources().addLast(new MapPropertySource("sabai-telemetry-endpoint",
                    Map.of(TRACES_ENDPOINT, tracesEndpoint(endpoint))));
        }
    }

    /** The collector's base address ({@code http://localhost:4318}) as the address traces are posted to. */
    static String tracesEndpoint(String endpoint) {
        String base = endpoint.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith(TRACES_PATH) ? base : base + TRACES_PATH;
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }
}
