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
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A stored document reads back equal, every value of the same type, and much smaller than Java serialization wrote it. */
class StoredDocumentTypeTest {

    private static final Instant WITH_NANOS = Instant.parse("2026-11-29T10:15:30.123456789Z");

    static Document everyType() {
        return new Document("_id", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("string", "Sabai สบาย — ☕")
                .append("empty", "")
                .append("int", 42).append("negativeInt", -7).append("minInt", Integer.MIN_VALUE)
                .append("long", 1_700_000_000_000L).append("negativeLong", Long.MIN_VALUE)
                .append("double", 3.25).append("negativeZero", -0.0).append("nan", Double.NaN)
                .append("true", true).append("false", false)
                .append("null", null)
                .append("date", WITH_NANOS).append("beforeEpoch", Instant.parse("1931-03-04T05:06:07.008Z"))
                .append("decimal", new Decimal128(new BigDecimal("-1234.5678")))
                .append("uuid", UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"))
                .append("legacyUuid", new LegacyUUID(UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae8")))
                .append("binary", new BinData(new byte[]{0, 1, 2, -1}))
                .append("timestamp", new BsonTimestamp(WITH_NANOS, 3))
                .append("script", new BsonJavaScript("function () { return 1; }"))
                .append("min", MinKey.getInstance()).append("max", MaxKey.getInstance())
                .append("nested", new Document("therapistId", "t-1").append("slots", List.of(1, 2L, 3.0))
                        .append("deeper", new Document("at", WITH_NANOS)))
                .append("array", new ArrayList<>(List.of("a", new Document("k", "v"), List.of(), Arrays.asList(null, true))))
                .append("emptyDocument", new Document());
    }

    private static Document roundTrip(Document document) {
        WriteBuffer buffer = new WriteBuffer();
        StoredDocumentType.INSTANCE.write(buffer, document);
        ByteBuffer bytes = buffer.getBuffer().flip();
        Document read = StoredDocumentType.INSTANCE.read(bytes);
        assertThat(bytes.remaining()).as("bytes left over").isZero();
        return read;
    }

    @Test
    void everyTypeReadsBackEqualAndOfTheSameType() {
        Document written = everyType();
        Document read = roundTrip(written);

        assertThat(read).isEqualTo(written);
        for (String key : written.keySet()) {
            Object value = written.get(key);
            if (value != null) {
                assertThat(read.get(key)).as(key).isExactlyInstanceOf(value.getClass());
            }
        }
        assertThat(read).containsEntry("null", null);
        assertThat(read.get("date")).isEqualTo(WITH_NANOS);
        assertThat(read.get("min")).isSameAs(MinKey.getInstance());
        assertThat(new ArrayList<>(read.keySet())).as("field order").containsExactlyElementsOf(written.keySet());
    }

    @Test
    void aRegularExpressionKeepsItsPatternAndOptions() {
        Document read = roundTrip(new Document("pattern", new BsonRegularExpression("^spa-[0-9]+$", "im")));

        BsonRegularExpression pattern = (BsonRegularExpression) read.get("pattern");
        assertThat(pattern.getPattern()).isEqualTo("^spa-[0-9]+$");
        assertThat(pattern.getOptions()).isEqualTo("im");
    }

    @Test
    void valuesBsonHasNoTagForKeepTheirJavaType() {
        Document written = new Document("set", new LinkedHashSet<>(List.of("b", "a")))
                .append("map", new TreeMap<>(java.util.Map.of("x", 1)))
                .append("bigDecimal", new BigDecimal("1.50"));

        Document read = roundTrip(written);

        assertThat(read).isEqualTo(written);
        assertThat(read.get("set")).isInstanceOf(LinkedHashSet.class);
        assertThat(read.get("map")).isInstanceOf(TreeMap.class);
    }

    @Test
    void aDocumentTakesAFractionOfItsJavaSerializedSize() {
        Document document = everyType();
        WriteBuffer compact = new WriteBuffer();
        StoredDocumentType.INSTANCE.write(compact, document);
        WriteBuffer serialized = new WriteBuffer();
        new ObjectDataType().write(serialized, document);

        assertThat(compact.position()).isLessThan(serialized.position() / 3);
    }

    @Test
    void countsADocumentAsTwiceItsEncodedSizeAsH2DidBefore() {
        Document booking = new Document("_id", "booking-1").append("status", "CONFIRMED").append("version", 3L)
                .append("sessions", List.of(new Document("therapistId", "t-1").append("startsAt", WITH_NANOS)))
                .append("appliedEventIds", List.of("e-1", "e-2", "e-3"));
        WriteBuffer buffer = new WriteBuffer();
        StoredDocumentType.INSTANCE.write(buffer, booking);

        assertThat(StoredDocumentType.INSTANCE.getMemory(booking)).isBetween(2 * buffer.position() * 4 / 5, 2 * buffer.position() * 6 / 5);
    }
}
