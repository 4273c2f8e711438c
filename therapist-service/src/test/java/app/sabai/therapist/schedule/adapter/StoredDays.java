package app.sabai.therapist.schedule.adapter;

import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Resource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Day documents written as another instance's guarded write does: in the store, without this instance knowing. */
public final class StoredDays {

    private StoredDays() {
    }

    public static void fileInTheStoreOnly(MongoTemplate mongo, Resource resource, BookedSession session) {
        String collection = Reservations.collection(resource.kind());
        for (String dayId : Reservations.dayIds(resource, session.blocked())) {
            mongo.upsert(new Query(Criteria.where("_id").is(dayId)), new Update().push(Reservations.SESSIONS, Reservations.document(session)),
                    collection);
        }
    }
}
