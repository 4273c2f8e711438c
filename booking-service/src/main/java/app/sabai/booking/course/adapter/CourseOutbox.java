package app.sabai.booking.course.adapter;

import app.sabai.support.SabaiServiceProperties;
import app.sabai.support.lifecycle.PeriodicSweep;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The courses whose outbox may hold an event not yet published ({@code course_outbox}, the course id is the id). A course
 * is noted here before a write that puts an event in its outbox, and the relay is asked to publish it right after the
 * write. What a crash in between leaves behind is found by this small collection's sweep (every
 * {@code sabai.outbox.sweep-interval}), which asks the relay again for each course still holding events and forgets the
 * others: {@code courses} is never searched on a timer, so the relay does not sweep it (it is no outbox source).
 */
@Component
class CourseOutbox extends PeriodicSweep {

    static final String COLLECTION = "course_outbox";
    /** A note younger than this may belong to a write still on its way: it is kept even when the outbox is empty. */
    static final Duration WRITE_IN_FLIGHT = Duration.ofMinutes(1);

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;

    CourseOutbox(MongoTemplate mongo, Outbox outbox, Clock clock, SabaiServiceProperties properties) {
        // as often as the outbox relay sweeps (SabaiServiceProperties fills in its default)
        super("course-outbox", properties.outbox().sweepInterval(), properties.outbox().sweepInterval(),
                "Looking over the courses with events to publish");
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The course is about to hold events in its outbox. */
    void pending(String courseId) {
        mongo.save(new Document("_id", courseId).append("since", Date.from(clock.instant())).append("token", UUID.randomUUID().toString()),
                COLLECTION);
    }

    /** The course's events were written: the relay publishes them now. */
    void written(String courseId, List<OutboxEntry> entries) {
        outbox.written(Courses.COLLECTION, courseId, entries);
    }

    /** Asks the relay again for every course still holding events; forgets the others. Answers how many were asked for. */
    int sweep() {
        Instant settled = clock.instant().minus(WRITE_IN_FLIGHT);
        int asked = 0;
        for (Document note : mongo.findAll(Document.class, COLLECTION)) {
            String courseId = note.getString("_id");
            Query course = new Query(Criteria.where("_id").is(courseId));
            course.fields().include(OutboxEntry.FIELD);
            Document found = mongo.findOne(course, Document.class, Courses.COLLECTION);
            List<?> pending = found == null ? List.of() : found.getList(OutboxEntry.FIELD, Object.class, List.of());
            if (!pending.isEmpty()) {
                outbox.written(Courses.COLLECTION, courseId);
                asked++;
            } else if (note.getDate("since").toInstant().isBefore(settled)) {
                mongo.remove(new Query(Criteria.where("_id").is(courseId).and("token").is(note.getString("token"))), COLLECTION);
            }
        }
        return asked;
    }

    @Override
    protected void sweepOnce() {
        sweep();
    }
}
