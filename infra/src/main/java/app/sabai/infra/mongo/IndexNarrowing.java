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
 * and the full query is matched against them only. Failing that, a single-field secondary index
 * ({@link RangeIndex}) narrows a query that pins its field to a value, a list or a range, or tests that it exists.
 */
final class IndexNarrowing {

    private IndexNarrowing() {
    }

    /**
     * The candidate positions, or null when no index can narrow this query: first the store's own choice (a query on
     * exactly a unique index's keys), then a unique index the query pins, then a range index.
     */
    static <P> Iterable<P> candidates(List<Index<P>> indexes, Document query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (Index<P> index : indexes) {
            if (index.canHandle(query)) {
                return index.getPositions(query);
            }
        }
        Document conditions = conditionsByField(query);
        Iterable<P> pinned = pinnedByUniqueIndex(indexes, conditions);
        return pinned != null ? pinned : rangeOfSecondaryIndex(indexes, conditions);
    }

    private static <P> Iterable<P> pinnedByUniqueIndex(List<Index<P>> indexes, Document conditions) {
        for (Index<P> index : indexes) {
            if (!index.isUnique() || index.getKeys().size() != 1) {
                continue;
            }
            String field = index.getKeys().get(0).getKey();
            Object value = conditions.get(field);
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

    /** A value, a list of values, a range or an existence test on a field with a {@link RangeIndex}. */
    private static <P> Iterable<P> rangeOfSecondaryIndex(List<Index<P>> indexes, Document conditions) {
        for (Index<P> index : indexes) {
            if (!(index instanceof RangeIndex<P> range)) {
                continue;
            }
            if (conditions.containsKey(range.field())) {
                Iterable<P> candidates = range.candidates(conditions.get(range.field()));
                if (candidates != null) {
                    return candidates;
                }
            }
        }
        return null;
    }

    /**
     * The query's conditions per field, with the clauses of a top-level {@code $and} (which the Java driver writes for
     * {@code Filters.and}, and mongosh users often) folded in, so that {@code {$and: [{_id: x}, {version: n}]}} is pinned
     * as {@code {_id: x, version: n}} is, and {@code {$and: [{dueAt: {$gt: a}}, {dueAt: {$lte: b}}]}} is {@code {dueAt: {$gt: a,
     * $lte: b}}}. Only for choosing candidates; the whole query is matched against them.
     */
    private static Document conditionsByField(Document query) {
        Document conditions = new Document();
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof Collection<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document) {
                        document.forEach((field, condition) -> fold(conditions, field, condition));
                    }
                }
            } else if (!entry.getKey().startsWith("$")) {
                fold(conditions, entry.getKey(), entry.getValue());
            }
        }
        return conditions;
    }

    private static void fold(Document conditions, String field, Object condition) {
        Object existing = conditions.get(field);
        if (existing == null) {
            conditions.put(field, condition);
        } else if (existing instanceof Document operators && condition instanceof Document more && isOperators(operators) && isOperators(more)
                && more.keySet().stream().noneMatch(operators::containsKey)) {
            Document merged = new Document(operators);
            merged.putAll(more);
            conditions.put(field, merged);
        }
        // Otherwise the first condition stands: its candidates are still a superset of the answer.
    }

    private static boolean isOperators(Document document) {
        return !document.isEmpty() && document.keySet().stream().allMatch(key -> key.startsWith("$"));
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
