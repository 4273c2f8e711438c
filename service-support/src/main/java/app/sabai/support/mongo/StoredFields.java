package app.sabai.support.mongo;

import org.bson.Document;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Update;

import java.lang.reflect.RecordComponent;

/**
 * An update that makes a document hold exactly what a record holds, without touching the document's other
 * fields (its outbox, its applied event ids): every field of the record is set, and every field the
 * record leaves null is removed, so a value taken away is really gone.
 */
public final class StoredFields {

    private StoredFields() {
    }

    public static Update of(MongoConverter converter, Record record) {
        Document fields = new Document();
        converter.write(record, fields);
        fields.remove("_id");
        fields.remove("_class");
        Update update = new Update();
        fields.forEach(update::set);
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            String name = component.getName();
            if (!name.equals("id") && !fields.containsKey(name)) {
                update.unset(name);
            }
        }
        return update;
    }
}
