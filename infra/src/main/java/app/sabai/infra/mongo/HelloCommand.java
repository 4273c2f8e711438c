package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;

import java.util.function.Function;

/**
 * Spring Boot's MongoDB health check (and current drivers) send {@code hello}, the newer name of
 * {@code isMaster}, which mongo-java-server 1.47.0 does not know; without an answer every service
 * would report its database DOWN.
 */
final class HelloCommand {

    private HelloCommand() {
    }

    static boolean matches(String command) {
        return "hello".equalsIgnoreCase(command);
    }

    static Document answer(Function<String, Document> otherCommand) {
        Document answer = otherCommand.apply("isMaster");
        answer.put("isWritablePrimary", Boolean.TRUE);
        return answer;
    }
}
