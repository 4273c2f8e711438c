package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The store only uses an index when a query's keys are exactly the index's keys, so
 * {@code {_id: x, version: n}} — every guarded write — scans the whole collection. Real MongoDB uses the
 * {@code _id} index and filters the rest; this does the same: when the query pins a single-field unique
 * index (such as {@code _id}) to a plain value or an {@code $in} list, the candidates come from that index
 * and the full query is matched against them only.
 */
final class IndexNarrowing {

    private IndexNarrowing() {
    }

    /** The candidate positions, or null when no unique index can narrow this query. */
    static <P> Iterable<P> candidates(List<Index<P>> indexes, Document query) {
        if (query == null || query.size() < 2) {
            return null;
        }
        for (Index<P> index : indexes) {
            if (index.getKeys().size() != 1) {
                continue;
            }
            String field = index.getKeys().get(0).getKey();
            Object value = query.get(field);
            if (value == null || !isPinned(value)) {
                continue;
            }
            Document narrowed = new Document(field, value);
            if (index.canHandle(narrowed)) {
                return index.getPositions(narrowed);
            }
        }
        return null;
    }

    private static boolean isPinned(Object value) {
        if (value instanceof Document document) {
            if (document.size() == 1 && document.get("$in") instanceof Collection<?> values) {
                return values.stream().allMatch(IndexNarrowing::isPlain);
            }
            return false;
        }
        return isPlain(value);
    }

    private static boolean isPlain(Object value) {
        return value != null && !(value instanceof Map<?, ?>) && !(value instanceof Collection<?>)
                && !value.getClass().getName().contains("Regular");
    }
}
