package app.sabai.infra.launcher;

import java.util.List;
import java.util.Map;

/**
 * One process of the local platform as the launcher will start it.
 *
 * @param address     where it answers, for the progress lines ("localhost:9092", "http://localhost:8081")
 * @param environment variables added to the launcher's own environment
 */
public record ChildSpec(String name, List<String> command, Map<String, String> environment, String address,
                        Readiness readiness) {

    public ChildSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
