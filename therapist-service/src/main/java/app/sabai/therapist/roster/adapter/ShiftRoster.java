package app.sabai.therapist.roster.adapter;

import app.sabai.therapist.roster.Shift;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Shifts, one document per therapist and date ({@code therapistId:yyyy-MM-dd}). */
@Component
public class ShiftRoster {

    public static final String COLLECTION = "shifts";

    private final MongoTemplate mongo;

    ShiftRoster(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void save(Shift shift) {
        mongo.save(shift, COLLECTION);
    }

    /** Adds the shift unless the therapist already has one that date (a rota never overwrites a change made since). */
    public boolean addIfAbsent(Shift shift) {
        Update update = new Update()
                .setOnInsert("therapistId", shift.therapistId())
                .setOnInsert("branchId", shift.branchId())
                .setOnInsert("date", shift.date())
                .setOnInsert("start", shift.start())
                .setOnInsert("end", shift.end());
        try {
            return mongo.upsert(new Query(Criteria.where("_id").is(shift.id())), update, COLLECTION).getUpsertedId() != null;
        } catch (DuplicateKeyException concurrentlyAdded) {
            return false;
        }
    }

    public Map<String, Shift> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(ids)), Shift.class, COLLECTION).stream()
                .collect(Collectors.toMap(Shift::id, Function.identity()));
    }
}
