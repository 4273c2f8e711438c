package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A single-field secondary index, which mongo-java-server does not have (it ignores every index that is not unique).
 * It holds the documents that have a value at the field, ordered by MongoDB's ordering of values, so a query that pins
 * the field to a value, a list of values or a range ({@code dueAt <= now}), or asks only that it exists, reads the
 * matching documents rather than the whole collection. Like a sparse index, documents without the field are not in it;
 * a field made sparse by design (set while there is work, removed when it is done) keeps the index as small as the work.
 * <p>
 * The index only proposes candidates ({@link IndexNarrowing}); every candidate is matched against the whole query, so
 * an index that proposes too many is slower, never wrong. A document whose value is an array (a multikey index in
 * MongoDB) makes the index unusable for narrowing from then on, and queries fall back to a scan. It lives in memory and
 * is rebuilt from the documents when the store opens.
 */
final class RangeIndex<P> extends Index<P> {

    private final String field;
    private final NavigableMap<Object, Set<P>> positionsByValue = new TreeMap<>(ValueComparator.asc());
    private final Map<Object, Entry<P>> entriesById = new HashMap<>();
    private boolean multikey;

    private record Entry<P>(Object value, P position) {
    }

    RangeIndex(String name, List<IndexKey> keys) {
        // Sparse to the collection: a document without the field has no entry, and removing it finds none.
        super(name, keys, true);
        if (keys.size() != 1) {
            throw new IllegalArgumentException("A range index has one field: " + keys);
        }
        this.field = keys.get(0).getKey();
    }

    String field() {
        return field;
    }

    /** The positions of the documents whose value at the field may satisfy {@code condition}, or null when it cannot say. */
    synchronized Iterable<P> candidates(Object condition) {
        if (multikey) {
            return null;
        }
        if (isPlain(condition)) {
            return List.copyOf(positionsByValue.getOrDefault(condition, Set.of()));
        }
        if (!(condition instanceof Document operators) || operators.isEmpty()) {
            return null;
        }
        Object lower = null;
        Object upper = null;
        boolean lowerInclusive = true;
        boolean upperInclusive = true;
        Collection<?> in = null;
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            Object value = operator.getValue();
            switch (operator.getKey()) {
                case "$exists" -> {
                    if (!Utils.isTrue(value)) {
                        return null;
                    }
                }
                case "$eq" -> {
                    if (!isPlain(value)) {
                        return null;
                    }
                    lower = value;
                    upper = value;
                }
                case "$gt", "$gte" -> {
                    if (!isPlain(value)) {
                        return null;
                    }
                    lower = value;
                    lowerInclusive = operator.getKey().equals("$gte");
                }
                case "$lt", "$lte" -> {
                    if (!isPlain(value)) {
                        return null;
                    }
                    upper = value;
                    upperInclusive = operator.getKey().equals("$lte");
                }
                case "$in" -> {
                    if (!(value instanceof Collection<?> values) || !values.stream().allMatch(RangeIndex::isPlain)) {
                        return null;
                    }
                    in = values;
                }
                default -> {
                    return null;
                }
            }
        }
        NavigableMap<Object, Set<P>> range = positionsByValue;
        if (lower != null && upper != null) {
            if (ValueComparator.asc().compare(lower, upper) > 0) {
                return List.of();
            }
            range = range.subMap(lower, lowerInclusive, upper, upperInclusive);
        } else if (lower != null) {
            range = range.tailMap(lower, lowerInclusive);
        } else if (upper != null) {
            range = range.headMap(upper, upperInclusive);
        }
        List<P> positions = new ArrayList<>();
        if (in != null) {
            for (Object value : in) {
                positions.addAll(range.getOrDefault(value, Set.of()));
            }
        } else {
            range.values().forEach(positions::addAll);
        }
        return positions;
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        Object value = valueOf(document);
        if (value instanceof Missing) {
            return;
        }
        if (value instanceof Collection<?>) {
            multikey = true;
        }
        Entry<P> previous = entriesById.put(document.get("_id"), new Entry<>(value, position));
        if (previous != null) {
            unlink(previous);
        }
        positionsByValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(position);
    }

    @Override
    public synchronized P remove(Document document) {
        Entry<P> entry = entriesById.remove(document.get("_id"));
        if (entry != null) {
            unlink(entry);
        }
        // Sparse: the collection takes the position from its unique indexes.
        return null;
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    private void unlink(Entry<P> entry) {
        Set<P> positions = positionsByValue.get(entry.value());
        if (positions != null) {
            positions.remove(entry.position());
            if (positions.isEmpty()) {
                positionsByValue.remove(entry.value());
            }
        }
    }

    /**
     * The value at the field's path. A numeric step into an array takes that element ({@code outbox.0.eventId}: the
     * first entry's id), as MongoDB does; any other step into an array makes the value that array (multikey).
     */
    private Object valueOf(Document document) {
        Object current = document;
        for (String step : field.split("\\.")) {
            if (current instanceof Document node) {
                if (!node.containsKey(step)) {
                    return Missing.getInstance();
                }
                current = node.get(step);
            } else if (current instanceof List<?> list && isPosition(step)) {
                int position = Integer.parseInt(step);
                if (position >= list.size()) {
                    return Missing.getInstance();
                }
                current = list.get(position);
            } else if (current instanceof Collection<?> multikey) {
                return multikey;
            } else {
                return Missing.getInstance();
            }
        }
        return current;
    }

    private static boolean isPosition(String step) {
        return !step.isEmpty() && step.length() < 10 && step.chars().allMatch(Character::isDigit);
    }

    private static boolean isPlain(Object value) {
        return value != null && !(value instanceof Map<?, ?>) && !(value instanceof Collection<?>) && !(value instanceof Missing)
                && !value.getClass().getName().contains("Regular");
    }

    @Override
    public P getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // Not unique: nothing to refuse.
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // Not unique: nothing to refuse.
    }

    /** The collection's own planner never picks it; {@link IndexNarrowing} does, and matches the whole query. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        throw new UnsupportedOperationException("ask candidates(condition)");
    }

    @Override
    public synchronized long getCount() {
        return entriesById.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        positionsByValue.clear();
        entriesById.clear();
        multikey = false;
    }
}
