package app.sabai.support.telemetry;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Boot makes a trace exporter exactly when the platform names a collector. */
class TelemetryExportTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context -> new TelemetryDefaults().postProcessEnvironment(context.getEnvironment(), null))
            .withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, OtlpTracingAutoConfiguration.class));

    @Test
    void withoutACollectorNoSpanIsExported() {
        runner.run(context -> assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty());
    }

    @Test
    void aNamedCollectorReceivesTheSpansOverHttp() {
        runner.withPropertyValues("sabai.telemetry.otlp-endpoint=http://localhost:4318").run(context -> {
            assertThat(context.getBeansOfType(SpanExporter.class).values()).singleElement().satisfies(exporter -> {
                assertThat(exporter.getClass().getSimpleName()).isEqualTo("OtlpHttpSpanExporter");
                assertThat(exporter.toString()).contains("http://localhost:4318/v1/traces");
            });
        });
    }
}
