package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
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
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A unique index's key reads back equal, and keys are ordered as mongo-java-server orders values. */
class StoredKeyTypeTest {

    /** Values of every type ValueComparator orders, several of each, with equal numbers of different Java types. */
    private static List<Object> values() {
        return Arrays.asList(
                MinKey.getInstance(), null, Missing.getInstance(),
                -7, -7L, -7.0, 0, 0.0, -0.5, 1, 1L, 1.0, new Decimal128(new BigDecimal("1")), 2.5, 3_000_000_000L,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                new Decimal128(new BigDecimal("-1234.5678")),
                "", "a", "B", "b", "booking-10", "booking-9", "สบาย", "☕",
                new Document(), new Document("a", 1), new Document("a", 1.0), new Document("a", 2), new Document("b", 1),
                new Document("a", 1).append("b", 2), new Document("b", 2).append("a", 1), new Document("a", null),
                new Document("a", "x"), new Document("a", new Document("c", 1)),
                List.of(), List.of(1), List.of(1, 2), List.of(2), List.of("a", 1), Arrays.asList(null, 1),
                new BinData(new byte[0]), new BinData(new byte[]{1, 2}), new BinData(new byte[]{1, -2}), new BinData(new byte[]{3}),
                new LegacyUUID(1, 2), new LegacyUUID(-1, 2), new LegacyUUID(1, -2),
                new UUID(1, 2), new UUID(-1, 2), new UUID(1, -2), new UUID(Long.MIN_VALUE, 0), new UUID(0x7fffffffffffffffL, 0),
                UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                new ObjectId("65a1b2c3d4e5f60718293a4b"), new ObjectId("65a1b2c3d4e5f60718293a4c"), new ObjectId("ffa1b2c3d4e5f60718293a4b"),
                new ObjectId("05a1b2c3d4e5f60718293a4b"),
                false, true,
                Instant.parse("2026-11-29T10:15:30.123456789Z"), Instant.parse("2026-11-29T10:15:30.123456788Z"),
                Instant.parse("1931-03-04T05:06:07.008Z"), Instant.EPOCH,
                new BsonTimestamp(Instant.ofEpochSecond(1_764_410_400), 7), new BsonTimestamp(Instant.ofEpochSecond(1_764_410_400), 8),
                new BsonTimestamp(Instant.ofEpochSecond(1), 1_000),
                new BsonRegularExpression("^spa-[0-9]+$", "i"),
                MaxKey.getInstance());
    }

    private static int compare(Object a, Object b) {
        return Integer.signum(StoredKeyType.INSTANCE.compare(new KeyValue(a), new KeyValue(b)));
    }

    private static KeyValue roundTrip(KeyValue key) {
        WriteBuffer buffer = new WriteBuffer();
        StoredKeyType.INSTANCE.write(buffer, key);
        ByteBuffer bytes = buffer.getBuffer().flip();
        KeyValue read = StoredKeyType.INSTANCE.read(bytes);
        assertThat(bytes.remaining()).as("bytes left over").isZero();
        return read;
    }

    @Test
    void ordersKeysAsMongoJavaServerOrdersValues() {
        ValueComparator mongo = ValueComparator.ascWithoutListHandling();
        List<Object> values = values();
        for (Object a : values) {
            for (Object b : values) {
                if (a instanceof BsonRegularExpression && b instanceof BsonRegularExpression) {
                    continue;
                }
                assertThat(compare(a, b)).as("%s against %s", a, b).isEqualTo(Integer.signum(mongo.compare(a, b)));
            }
        }
    }

    @Test
    void sortsAShuffledSetOfKeysAsMongoJavaServerSortsTheirValues() {
        List<Object> values = new ArrayList<>(values());
        values.removeIf(value -> value instanceof BsonRegularExpression);
        List<Object> expected = new ArrayList<>(values);
        expected.sort(ValueComparator.ascWithoutListHandling());
        Collections.shuffle(values, new Random(7));

        List<KeyValue> keys = new ArrayList<>(values.stream().map(KeyValue::new).toList());
        keys.sort(StoredKeyType.INSTANCE::compare);

        for (int i = 0; i < keys.size(); i++) {
            assertThat(ValueComparator.ascWithoutListHandling().compare(keys.get(i).get(0), expected.get(i))).as("position %d", i).isZero();
        }
    }

    @Test
    void equalNumbersOfDifferentJavaTypesAreOneKey() {
        assertThat(compare(1, 1L)).isZero();
        assertThat(compare(1L, 1.0)).isZero();
        assertThat(compare(new Document("n", 1), new Document("n", 1.0))).isZero();
        assertThat(compare(1, 1.5)).isNegative();
    }

    @Test
    void compoundKeysCompareFieldByField() {
        KeyValue bangkokNine = new KeyValue("bangkok", 9);
        KeyValue bangkokTen = new KeyValue("bangkok", 10);
        KeyValue liverpoolOne = new KeyValue("liverpool", 1);

        assertThat(StoredKeyType.INSTANCE.compare(bangkokNine, bangkokTen)).isNegative();
        assertThat(StoredKeyType.INSTANCE.compare(bangkokTen, liverpoolOne)).isNegative();
        assertThat(StoredKeyType.INSTANCE.compare(liverpoolOne, bangkokNine)).isPositive();
        assertThat(StoredKeyType.INSTANCE.compare(new KeyValue("bangkok", 10.0), bangkokTen)).isZero();
    }

    /**
     * ValueComparator compares an array inside a document by its smallest element, and an array with trailing nulls
     * equal to the shorter one: to it these would be one key.
     */
    @Test
    void arraysDifferingInAnyElementAreDistinctKeys() {
        ValueComparator mongo = ValueComparator.ascWithoutListHandling();
        Document oneTwo = new Document("slots", List.of(1.0, 2.0));
        Document oneThree = new Document("slots", List.of(1.0, 3.0));
        List<Object> none = List.of();
        List<Object> oneNull = Arrays.asList((Object) null);

        assertThat(mongo.compare(oneTwo, oneThree)).isZero();
        assertThat(compare(oneTwo, oneThree)).isNegative();
        assertThat(compare(oneThree, oneTwo)).isPositive();
        assertThat(compare(oneTwo, new Document("slots", List.of(1.0, 2.0)))).isZero();
        assertThat(mongo.compare(none, oneNull)).isZero();
        assertThat(compare(none, oneNull)).isNegative();
        assertThat(compare(oneNull, none)).isPositive();
    }

    @Test
    void regularExpressionsAndJavaScriptAreOrderedByTheirText() {
        BsonRegularExpression spa = new BsonRegularExpression("^spa", "");
        BsonRegularExpression spaIgnoringCase = new BsonRegularExpression("^spa", "i");
        BsonRegularExpression therapist = new BsonRegularExpression("^therapist", "");
        BsonJavaScript one = new BsonJavaScript("return 1;");
        BsonJavaScript two = new BsonJavaScript("return 2;");

        assertThat(compare(spa, spaIgnoringCase)).isNegative();
        assertThat(compare(spaIgnoringCase, therapist)).isNegative();
        assertThat(compare(spa, new BsonRegularExpression("^spa", ""))).isZero();
        assertThat(compare(one, two)).isNegative();
        assertThat(compare(two, one)).isPositive();
        for (Object other : values()) {
            int expected = other instanceof MaxKey ? -1 : 1;
            assertThat(compare(one, other)).as("JavaScript against %s", other).isEqualTo(expected);
            assertThat(compare(other, one)).as("%s against JavaScript", other).isEqualTo(-expected);
        }
    }

    @Test
    void everyKeyReadsBackEqualAndOfTheSameType() {
        for (Object value : values()) {
            if (value == Missing.getInstance()) {
                continue;
            }
            KeyValue read = roundTrip(new KeyValue(value));
            if (value instanceof BsonRegularExpression regex) {
                BsonRegularExpression readRegex = (BsonRegularExpression) read.get(0);
                assertThat(readRegex.getPattern()).isEqualTo(regex.getPattern());
                assertThat(readRegex.getOptions()).isEqualTo(regex.getOptions());
            } else {
                assertThat(read).as("%s", value).isEqualTo(new KeyValue(value));
            }
            if (value instanceof List<?>) {
                assertThat(read.get(0)).as("%s", value).isInstanceOf(List.class);
            } else if (value != null) {
                assertThat(read.get(0)).as("%s", value).isExactlyInstanceOf(value.getClass());
            }
        }
        KeyValue compound = new KeyValue("booking-1", new ObjectId("65a1b2c3d4e5f60718293a4b"), null,
                new Document("therapistId", "t-1").append("slots", List.of(1.0, 2.0)), new BsonJavaScript("return 1;"));
        assertThat(roundTrip(compound)).isEqualTo(compound);
    }

    @Test
    void aKeyTakesAFractionOfItsJavaSerializedSize() {
        KeyValue key = new KeyValue("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        WriteBuffer compact = new WriteBuffer();
        StoredKeyType.INSTANCE.write(compact, key);
        WriteBuffer serialized = new WriteBuffer();
        new ObjectDataType().write(serialized, key);

        assertThat(compact.position()).isLessThan(serialized.position() / 4);
    }
}
