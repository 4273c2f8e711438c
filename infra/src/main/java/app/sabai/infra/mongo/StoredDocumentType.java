package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the on-disk store writes a document: a tag byte per value and BSON's types, with H2's variable-length numbers
 * and strings. MVStore's default ({@code ObjectDataType}) wrote each document with Java serialization, class
 * descriptors included, and paid for it on every page it stored or read.
 * <p>
 * Every value reads back equal to what was written and of the same type. Unlike BSON on the wire, a date keeps its
 * nanoseconds ({@code $currentDate} stores {@code Instant.now()}); a value of a type BSON has no tag for (a map that is
 * not a {@link Document}, a collection that is not a list) is written with Java serialization, as before.
 */
final class StoredDocumentType extends BasicDataType<Document> {

    static final StoredDocumentType INSTANCE = new StoredDocumentType();

    private static final byte NULL = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final byte INT32 = 3;
    private static final byte INT64 = 4;
    private static final byte DOUBLE = 5;
    private static final byte STRING = 6;
    private static final byte DOCUMENT = 7;
    private static final byte ARRAY = 8;
    private static final byte OBJECT_ID = 9;
    private static final byte DATE = 10;
    private static final byte UUID_VALUE = 11;
    private static final byte LEGACY_UUID = 12;
    private static final byte BINARY = 13;
    private static final byte DECIMAL128 = 14;
    private static final byte TIMESTAMP = 15;
    private static final byte REGEX = 16;
    private static final byte JAVASCRIPT = 17;
    private static final byte MIN_KEY = 18;
    private static final byte MAX_KEY = 19;
    private static final byte SERIALIZED = 20;

    private StoredDocumentType() {
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        writeDocument(buffer, document);
    }

    @Override
    public Document read(ByteBuffer buffer) {
        return readDocument(buffer);
    }

    /**
     * What MVStore's cache and page splits count a document as: twice its encoded size, the rule H2 applied to these
     * documents when it serialized them, so a page and the cache hold about as many documents as they did.
     */
    @Override
    public int getMemory(Document document) {
        return 2 * encodedSize(document);
    }

    private static void writeDocument(WriteBuffer buffer, Map<String, ?> document) {
        buffer.putVarInt(document.size());
        for (Map.Entry<String, ?> field : document.entrySet()) {
            writeString(buffer, field.getKey());
            writeValue(buffer, field.getValue());
        }
    }

    private static Document readDocument(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        Document document = new Document();
        for (int i = 0; i < size; i++) {
            String key = DataUtils.readString(buffer);
            document.put(key, readValue(buffer));
        }
        return document;
    }

    static void writeValue(WriteBuffer buffer, Object value) {
        switch (value) {
            case null -> buffer.put(NULL);
            case Boolean b -> buffer.put(b ? TRUE : FALSE);
            case Integer i -> buffer.put(INT32).putVarInt(i);
            case Long l -> buffer.put(INT64).putVarLong(l);
            case Double d -> buffer.put(DOUBLE).putDouble(d);
            case String s -> writeString(buffer.put(STRING), s);
            case Document d -> writeDocument(buffer.put(DOCUMENT), d);
            case List<?> list -> {
                buffer.put(ARRAY).putVarInt(list.size());
                for (Object element : list) {
                    writeValue(buffer, element);
                }
            }
            case ObjectId id -> buffer.put(OBJECT_ID).put(id.toByteArray());
            case Instant instant -> buffer.put(DATE).putVarLong(instant.getEpochSecond()).putVarInt(instant.getNano());
            case UUID uuid -> buffer.put(UUID_VALUE).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            case LegacyUUID legacy -> buffer.put(LEGACY_UUID)
                    .putLong(legacy.getUuid().getMostSignificantBits()).putLong(legacy.getUuid().getLeastSignificantBits());
            case BinData binary -> buffer.put(BINARY).putVarInt(binary.getData().length).put(binary.getData());
            case Decimal128 decimal -> buffer.put(DECIMAL128).putLong(decimal.getHigh()).putLong(decimal.getLow());
            case BsonTimestamp timestamp -> buffer.put(TIMESTAMP).putLong(timestamp.getValue());
            case BsonRegularExpression regex -> writeString(writeString(buffer.put(REGEX), regex.getPattern()), regex.getOptions());
            case BsonJavaScript script -> writeString(buffer.put(JAVASCRIPT), script.getCode());
            case MinKey minKey -> buffer.put(MIN_KEY);
            case MaxKey maxKey -> buffer.put(MAX_KEY);
            default -> {
                byte[] bytes = serialize(value);
                buffer.put(SERIALIZED).putVarInt(bytes.length).put(bytes);
            }
        }
    }

    static Object readValue(ByteBuffer buffer) {
        byte tag = buffer.get();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case INT32 -> DataUtils.readVarInt(buffer);
            case INT64 -> DataUtils.readVarLong(buffer);
            case DOUBLE -> buffer.getDouble();
            case STRING -> DataUtils.readString(buffer);
            case DOCUMENT -> readDocument(buffer);
            case ARRAY -> {
                int size = DataUtils.readVarInt(buffer);
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(buffer));
                }
                yield list;
            }
            case OBJECT_ID -> new ObjectId(bytes(buffer, 12));
            case DATE -> Instant.ofEpochSecond(DataUtils.readVarLong(buffer), DataUtils.readVarInt(buffer));
            case UUID_VALUE -> new UUID(buffer.getLong(), buffer.getLong());
            case LEGACY_UUID -> new LegacyUUID(buffer.getLong(), buffer.getLong());
            case BINARY -> new BinData(bytes(buffer, DataUtils.readVarInt(buffer)));
            case DECIMAL128 -> {
                long high = buffer.getLong();
                yield new Decimal128(buffer.getLong(), high);
            }
            case TIMESTAMP -> new BsonTimestamp(buffer.getLong());
            case REGEX -> new BsonRegularExpression(DataUtils.readString(buffer), DataUtils.readString(buffer));
            case JAVASCRIPT -> new BsonJavaScript(DataUtils.readString(buffer));
            case MIN_KEY -> MinKey.getInstance();
            case MAX_KEY -> MaxKey.getInstance();
            case SERIALIZED -> deserialize(bytes(buffer, DataUtils.readVarInt(buffer)));
            default -> throw new IllegalStateException("Unknown value tag " + tag + " in a stored document or key");
        };
    }

    private static WriteBuffer writeString(WriteBuffer buffer, String value) {
        return buffer.putVarInt(value.length()).putStringData(value, value.length());
    }

    private static byte[] bytes(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** About the bytes {@link #writeValue} writes for the value (strings counted as ASCII). */
    static int encodedSize(Object value) {
        return switch (value) {
            case null -> 1;
            case Boolean b -> 1;
            case Integer i -> 5;
            case Long l -> 9;
            case Double d -> 9;
            case String s -> 2 + s.length();
            case Document document -> {
                int total = 2;
                for (Map.Entry<String, Object> field : document.entrySet()) {
                    total += 1 + field.getKey().length() + encodedSize(field.getValue());
                }
                yield total;
            }
            case List<?> list -> {
                int total = 2;
                for (Object element : list) {
                    total += encodedSize(element);
                }
                yield total;
            }
            case ObjectId id -> 13;
            case Instant instant -> 10;
            case BinData binary -> 3 + binary.getData().length;
            default -> 17;
        };
    }
}
