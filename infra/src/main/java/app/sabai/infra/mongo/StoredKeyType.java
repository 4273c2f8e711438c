package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * How the on-disk store writes and orders the keys of a unique index ({@link StoredUniqueIndex}): mongo-java-server's
 * {@link KeyValue}, one value per indexed field. H2's default type does not know the class, so it compared two keys by
 * Java-serializing both, on every step of every binary search.
 * <p>
 * Keys are ordered field by field as mongo-java-server orders values ({@link ValueComparator}), so equal numbers of
 * different Java types are one key, as in MongoDB. Two departures keep distinct keys distinct: arrays compare element
 * by element at any depth, a shorter one first (ValueComparator compares an array inside a document by its smallest
 * element, which would make {@code {a: [1, 2]}} and {@code {a: [1, 3]}} one key, and {@code []} and {@code [null]} are
 * one to it), and regular expressions and JavaScript, which it cannot compare, are ordered by their text (JavaScript
 * after every type but MaxKey). Values are written with {@link StoredDocumentType}'s tagged encoding.
 */
final class StoredKeyType extends BasicDataType<KeyValue> {

    static final StoredKeyType INSTANCE = new StoredKeyType();

    private static final ValueComparator ORDER = ValueComparator.ascWithoutListHandling();

    /** About what a key's own objects take on the heap besides its values: the KeyValue, its list and array. */
    private static final int KEY_OVERHEAD = 64;

    private StoredKeyType() {
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            StoredDocumentType.writeValue(buffer, value);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        Object[] values = new Object[DataUtils.readVarInt(buffer)];
        for (int i = 0; i < values.length; i++) {
            values[i] = StoredDocumentType.readValue(buffer);
        }
        return new KeyValue(values);
    }

    /** Counted as a document's values are ({@link StoredDocumentType#getMemory}), plus the key's own objects. */
    @Override
    public int getMemory(KeyValue key) {
        int encoded = 0;
        for (Object value : key) {
            encoded += StoredDocumentType.encodedSize(value);
        }
        return KEY_OVERHEAD + 2 * encoded;
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        return compareElementwise(a.size(), a::get, b.size(), b::get);
    }

    /** The order of {@link ValueComparator#ascWithoutListHandling}, but for the departures above. */
    static int compareValues(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        int types = Integer.compare(typeOrder(a), typeOrder(b));
        if (types != 0) {
            return types;
        }
        return switch (a) {
            case Document x -> compareDocuments(x, (Document) b);
            case List<?> x -> compareLists(x, (List<?>) b);
            case BsonRegularExpression x -> {
                BsonRegularExpression y = (BsonRegularExpression) b;
                int patterns = x.getPattern().compareTo(y.getPattern());
                yield patterns != 0 ? patterns : x.getOptions().compareTo(y.getOptions());
            }
            case BsonJavaScript x -> x.getCode().compareTo(((BsonJavaScript) b).getCode());
            case null, default -> ORDER.compare(a, b);
        };
    }

    /** ValueComparator's order of BSON's types (its {@code SORT_PRIORITY}, and MinKey before null), with JavaScript. */
    private static int typeOrder(Object value) {
        return switch (value) {
            case MinKey minKey -> 0;
            case null -> 1;
            case Missing missing -> 1;
            case Number number -> 2;
            case String string -> 3;
            case Document document -> 4;
            case List<?> list -> 5;
            case BinData binary -> 6;
            case LegacyUUID legacy -> 7;
            case UUID uuid -> 8;
            case ObjectId id -> 9;
            case Boolean b -> 10;
            case Instant instant -> 11;
            case BsonTimestamp timestamp -> 12;
            case BsonRegularExpression regex -> 13;
            case BsonJavaScript script -> 14;
            case MaxKey maxKey -> 15;
            default -> throw new IllegalArgumentException("A unique index cannot order a " + value.getClass().getName());
        };
    }

    /** As ValueComparator compares documents, field by field: the value's type, the field's name, then the value. */
    private static int compareDocuments(Document a, Document b) {
        List<String> namesA = new ArrayList<>(a.keySet());
        List<String> namesB = new ArrayList<>(b.keySet());
        for (int i = 0; i < Math.max(namesA.size(), namesB.size()); i++) {
            String nameA = i < namesA.size() ? namesA.get(i) : null;
            String nameB = i < namesB.size() ? namesB.get(i) : null;
            Object valueA = a.getOrMissing(nameA);
            Object valueB = b.getOrMissing(nameB);
            int types = Integer.compare(typeOrder(valueA), typeOrder(valueB));
            if (types != 0) {
                return types;
            }
            int names = compareValues(nameA, nameB);
            if (names != 0) {
                return names;
            }
            int values = compareValues(valueA, valueB);
            if (values != 0) {
                return values;
            }
        }
        return 0;
    }

    private static int compareLists(List<?> a, List<?> b) {
        return compareElementwise(a.size(), a::get, b.size(), b::get);
    }

    /** Element by element; a prefix sorts first. */
    private static int compareElementwise(int sizeA, IntFunction<?> a, int sizeB, IntFunction<?> b) {
        int common = Math.min(sizeA, sizeB);
        for (int i = 0; i < common; i++) {
            int comparison = compareValues(a.apply(i), b.apply(i));
            if (comparison != 0) {
                return comparison;
            }
        }
        return Integer.compare(sizeA, sizeB);
    }
}
