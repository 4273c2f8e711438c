package app.sabai.support.testing;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Optional;

/**
 * The embedded store's own counters ({@code serverStatus}), read before and after a piece of work to count its round trips
 * or the collections it scanned. The store is shared by the whole test JVM, so a bound on a difference leaves room for
 * what other work (a relay's pull, a view's read) does meanwhile.
 */
public final class StoreCounters {

    private StoreCounters() {
    }

    /** How many commands of these names ({@code update}, {@code findAndModify}, …) the store has received. */
    public static long commands(MongoTemplate mongo, String... names) {
        Document commands = metrics(mongo).get("commands", Document.class);
        long total = 0;
        for (String name : names) {
            total += Optional.ofNullable(commands.get(name, Document.class)).map(counted -> counted.get("total", Number.class).longValue())
                    .orElse(0L);
        }
        return total;
    }

    /** How many queries the store has answered by reading a whole collection. */
    public static long collectionScans(MongoTemplate mongo) {
        return metrics(mongo).get("queryExecutor", Document.class).get("collectionScans", Document.class).get("total", Number.class)
                .longValue();
    }

    private static Document metrics(MongoTemplate mongo) {
        return mongo.getDb().runCommand(new Document("serverStatus", 1)).get("metrics", Document.class);
    }
}
