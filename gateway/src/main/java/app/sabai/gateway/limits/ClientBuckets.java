package app.sabai.gateway.limits;

import io.github.bucket4j.Bucket;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The buckets of the clients seen lately, at most {@code max} of them: the one used longest ago goes first, so
 * memory does not grow with the number of clients. A client whose bucket went starts again with a full one.
 */
final class ClientBuckets {

    private final Map<String, Bucket> buckets;
    private final Supplier<Bucket> newBucket;

    ClientBuckets(int max, Supplier<Bucket> newBucket) {
        this.newBucket = newBucket;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > max;
            }
        };
    }

    synchronized Bucket of(String client) {
        return buckets.computeIfAbsent(client, key -> newBucket.get());
    }

    synchronized int size() {
        return buckets.size();
    }
}
