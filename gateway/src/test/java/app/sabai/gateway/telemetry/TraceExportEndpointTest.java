package app.sabai.gateway.telemetry;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TraceExportEndpointTest {

    @Test
    void withoutAnEndpointNoTraceIsExported() {
        MockEnvironment environment = new MockEnvironment().withProperty(TraceExportEndpoint.ENDPOINT, " ");

        new TraceExportEndpoint().postProcessEnvironment(environment, null);

        assertThat(environment.containsProperty(TraceExportEndpoint.TRACES_ENDPOINT)).isFalse();
    }

    @Test
    void thePlatformsEndpointComesBeforeTheStandardVariable() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(TraceExportEndpoint.ENDPOINT, "http://localhost:4318/")
                .withProperty(TraceExportEndpoint.STANDARD_ENDPOINT, "http://elsewhere:4318");

        new TraceExportEndpoint().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(TraceExportEndpoint.TRACES_ENDPOINT)).isEqualTo("http://localhost:4318/v1/traces");
    }

    @Test
    void theStandardVariableIsUsedWhenThePlatformNamesNone() {
        MockEnvironment environment = new MockEnvironment().withProperty(TraceExportEndpoint.STANDARD_ENDPOINT, "http://jaeger:4318");

        new TraceExportEndpoint().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(TraceExportEndpoint.TRACES_ENDPOINT)).isEqualTo("http://jaeger:4318/v1/traces");
    }

    @Test
    void bootsOwnSettingWins() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(TraceExportEndpoint.TRACES_ENDPOINT, "http://collector:4318/custom")
                .withProperty(TraceExportEndpoint.ENDPOINT, "http://localhost:4318");

        new TraceExportEndpoint().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(TraceExportEndpoint.TRACES_ENDPOINT)).isEqualTo("http://collector:4318/custom");
    }
}
