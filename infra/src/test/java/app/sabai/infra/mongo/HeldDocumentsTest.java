package app.sabai.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document a collection's map holds is the one its page holds, which the store's background writer may be encoding
 * at any moment: no command may change it in place. Updates are given a copy of a found document's top level only
 * (NarrowingH2Backend's Collection#queryDocuments), so every kind of change an update makes, at any depth, must leave
 * the held document as it was, and put a new one in its place.
 */
class HeldDocumentsTest {

    private static final String BOOKINGS = DocumentFormat.DATA_PREFIX + "booking.bookings";

    @TempDir
    Path dataDirectory;

    private static Document booking() {
        return new Document("_id", "booking-1").append("status", "REQUESTED").append("revision", 1)
                .append("customer", new Document("name", "Ada Guest").append("contact", new Document("email", "ada@example.com")))
                .append("appliedEventIds", List.of("event-0"))
                .append("outbox", List.of(new Document("eventId", "event-1").append("type", "BookingRequested")))
                .append("awaitingDecisionSince", "2026-12-02T10:00:00Z");
    }

    @Test
    void updatesAtAnyDepthLeaveTheHeldDocumentAsItWasAndPutANewOne() {
        Path file = dataDirectory.resolve("store.mv");
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).open();
        NarrowingH2Backend backend = new NarrowingH2Backend(StoreMaps.recovered(mvStore, file));
        try (StoreServer server = new StoreServer(backend, "localhost", 0, Optional.of(backend::answerGate));
             MongoClient client = MongoClients.create("mongodb://localhost:" + server.port())) {
            MongoCollection<Document> bookings = client.getDatabase("booking").getCollection("bookings");
            bookings.insertOne(booking());
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = DocumentFormat.openDataMap(mvStore, BOOKINGS);
            Object position = documents.firstKey();
            de.bwaldvogel.mongo.bson.Document held = documents.get(position);
            de.bwaldvogel.mongo.bson.Document asItWas = held.cloneDeeply();

            bookings.updateOne(Filters.eq("_id", "booking-1"), Updates.combine(
                    Updates.set("customer.contact.email", "ada.guest@example.com"), Updates.set("customer.name", "Ada G."),
                    Updates.push("appliedEventIds", "event-2"), Updates.pull("outbox", Filters.eq("eventId", "event-1")),
                    Updates.inc("revision", 1), Updates.unset("awaitingDecisionSince")));
            assertThat(held).isEqualTo(asItWas);

            de.bwaldvogel.mongo.bson.Document second = documents.get(position);
            de.bwaldvogel.mongo.bson.Document secondAsItWas = second.cloneDeeply();
            Document answered = bookings.findOneAndUpdate(Filters.eq("_id", "booking-1"),
                    Updates.combine(Updates.set("status", "CONFIRMED"), Updates.push("outbox", new Document("eventId", "event-3")),
                            Updates.set("appliedEventIds.0", "event-0b")),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            bookings.replaceOne(Filters.eq("_id", "booking-1"), booking().append("status", "CANCELLED"));

            assertThat(held).isEqualTo(asItWas);
            assertThat(second).isEqualTo(secondAsItWas);
            assertThat(second.get("customer")).isEqualTo(new de.bwaldvogel.mongo.bson.Document("name", "Ada G.")
                    .append("contact", new de.bwaldvogel.mongo.bson.Document("email", "ada.guest@example.com")));
            assertThat(answered.getString("status")).isEqualTo("CONFIRMED");
            assertThat(answered.getList("appliedEventIds", String.class)).containsExactly("event-0b", "event-2");
            assertThat(documents.get(position).get("status")).isEqualTo("CANCELLED");

            assertThat(bookings.deleteOne(Filters.eq("customer.name", "Ada Guest")).getDeletedCount()).isEqualTo(1);
            assertThat(held).isEqualTo(asItWas);
            assertThat(documents.get(position)).isNull();
        }
    }
}
