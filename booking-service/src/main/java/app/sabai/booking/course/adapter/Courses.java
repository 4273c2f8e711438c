package app.sabai.booking.course.adapter;

import app.sabai.booking.course.Course;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/**
 * The {@code courses} collection: one document per course, read and written by {@code _id} only. A course document holds
 * its state, a {@code version} every write checks and counts, and its pending events ({@code outbox}): the course summary
 * is published from the same write that decides the course. A write with events is noted in {@link CourseOutbox} first,
 * so what a crash leaves in an outbox is found without searching {@code courses}.
 */
@Repository
public class Courses {

    public static final String COLLECTION = "courses";
    static final String VERSION = "version";

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final CourseOutbox courseOutbox;

    Courses(MongoTemplate mongo, Outbox outbox, CourseOutbox courseOutbox) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.courseOutbox = courseOutbox;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("customerId", Sort.Direction.ASC));
    }

    /** Every course of the customer, through the index on {@code customerId}. */
    public List<Course> ofCustomer(String customerId) {
        return mongo.find(new Query(Criteria.where("customerId").is(customerId)), Document.class, COLLECTION).stream()
                .map(document -> mongo.getConverter().read(Course.class, document)).toList();
    }

    /** The customer's courses keep nothing that names or reaches them, nor where they live. */
    public void forget(String customerId) {
        mongo.updateMulti(new Query(Criteria.where("customerId").is(customerId)), new Update()
                .set("customer.name", null).set("customer.email", null).set("customer.phone", null).inc(VERSION, 1L), COLLECTION);
    }

    /** A course as read to change it, and the version the change must still find. */
    public record StoredCourse(Course course, long version) {
    }

    public Optional<StoredCourse> find(String courseId) {
        if (courseId == null || courseId.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(courseId, Document.class, COLLECTION))
                .map(document -> new StoredCourse(mongo.getConverter().read(Course.class, document),
                        document.get(VERSION) instanceof Number number ? number.longValue() : 0L));
    }

    /**
     * Stores a new course with its events in one insert.
     *
     * @throws org.springframework.dao.DuplicateKeyException when a course with its id is stored already
     */
    public void insert(Course course, List<? extends BookingEvent> events) {
        Document document = fields(course);
        document.put("_id", course.id());
        document.put(VERSION, 0L);
        List<OutboxEntry> entries = outbox.entriesFor(events);
        document.put(OutboxEntry.FIELD, entries.stream().map(this::toDocument).toList());
        if (!events.isEmpty()) {
            courseOutbox.pending(course.id());
        }
        mongo.insert(document, COLLECTION);
        if (!events.isEmpty()) {
            courseOutbox.written(course.id(), entries);
        }
    }

    /** Writes the course as changed, with its events, only while it is still at the version read. False when it was not. */
    public boolean write(StoredCourse read, Course.Changed changed) {
        Update update = new Update();
        fields(changed.course()).forEach(update::set);
        update.inc(VERSION, 1L);
        List<OutboxEntry> entries = outbox.append(update, changed.events());
        Query guard = new Query(Criteria.where("_id").is(read.course().id()).and(VERSION).is(read.version()));
        if (!changed.events().isEmpty()) {
            courseOutbox.pending(read.course().id());
        }
        boolean written = mongo.updateFirst(guard, update, COLLECTION).getModifiedCount() == 1;
        if (written && !changed.events().isEmpty()) {
            courseOutbox.written(read.course().id(), entries);
        }
        return written;
    }

    private Document fields(Course course) {
        Document document = new Document();
        mongo.getConverter().write(course, document);
        document.remove("_id");
        document.remove("_class");
        return document;
    }

    private Document toDocument(OutboxEntry entry) {
        Document document = new Document();
        mongo.getConverter().write(entry, document);
        document.remove("_class");
        return document;
    }
}
