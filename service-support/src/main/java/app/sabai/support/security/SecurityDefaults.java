package app.sabai.support.security;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Puts {@code sabai-security.yml} behind everything else a service is configured with: each service validates
 * tokens the same way unless its own configuration, the environment or the command line says otherwise.
 */
public class SecurityDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "sabai-security.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader().load("sabai-security-defaults", new ClassPathResource(RESOURCE, SecurityDefaults.class.getClassLoader()))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }
}
