package app.sabai.support.telemetry;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryDefaultsTest {

    @Test
    void withoutAnEndpointNoTraceIsExportedAndEveryTraceIsKept() {
        MockEnvironment environment = new MockEnvironment();

        new TelemetryDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.containsProperty(TelemetryDefaults.TRACES_ENDPOINT)).isFalse();
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
        assertThat(environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("true");
        assertThat(environment.getProperty("spring.kafka.template.observation-enabled")).isEqualTo("true");
    }

    @Test
    void aBlankEndpointIsNone() {
        MockEnvironment environment = new MockEnvironment().withProperty(TelemetryDefaults.ENDPOINT, " ");

        new TelemetryDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.containsProperty(TelemetryDefaults.TRACES_ENDPOINT)).isFalse();
    }

    @Test
    void thePlatformsEndpointIsWhereTracesArePosted() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(TelemetryDefaults.ENDPOINT, "http://localhost:4318/")
                .withProperty(TelemetryDefaults.STANDARD_ENDPOINT, "http://elsewhere:4318");

        new TelemetryDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(TelemetryDefaults.TRACES_ENDPOINT)).isEqualTo("http://localhost:4318/v1/traces");
    }

    @Test
    void theStandardVariableIsUsedWhenThePlatformNamesNone() {
        MockEnvironment environment = new MockEnvironment().withProperty(TelemetryDefaults.STANDARD_ENDPOINT, "http://jaeger:4318");

        new TelemetryDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(TelemetryDefaults.TRACES_ENDPOINT)).isEqualTo("http://jaeger:4318/v1/traces");
    }

    @Test
    void bootsOwnSettingWins() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(TelemetryDefaults.TRACES_ENDPOINT, "http://collector:4318/custom")
                .withProperty(TelemetryDefaults.ENDPOINT, "http://localhost:4318");

        new TelemetryDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(TelemetryDefaults.TRACES_ENDPOINT)).isEqualTo("http://collector:4318/custom");
        assertThat(TelemetryDefaults.tracesEndpoint("http://collector:4318/v1/traces")).isEqualTo("http://collector:4318/v1/traces");
    }
}
