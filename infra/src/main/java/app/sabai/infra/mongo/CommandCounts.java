package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The commands the store received, by name, reported as MongoDB reports them ({@code serverStatus.metrics.commands.<name>.total}):
 * each is one round trip of a client, so the counts before and after some work say how many that work took. Names
 * beyond {@link #NAMES} (a client sending made-up commands) are counted together under {@code <other>}.
 */
final class CommandCounts {

    static final int NAMES = 200;
    static final String OTHER = "<other>";

    private final Map<String, LongAdder> byName = new ConcurrentHashMap<>();

    void received(String command) {
        LongAdder count = byName.get(command);
        if (count == null) {
            count = byName.size() < NAMES ? byName.computeIfAbsent(command, name -> new LongAdder())
                    : byName.computeIfAbsent(OTHER, name -> new LongAdder());
        }
        count.increment();
    }

    /** Adds the counts to a {@code serverStatus} answer. */
    Document addTo(Document serverStatus) {
        Document commands = new Document();
        new TreeMap<>(byName).forEach((name, count) -> commands.put(name, new Document("total", count.sum())));
        Object metrics = serverStatus.get("metrics");
        Document merged = metrics instanceof Document existing ? existing : new Document();
        merged.put("commands", commands);
        serverStatus.put("metrics", merged);
        return serverStatus;
    }
}
