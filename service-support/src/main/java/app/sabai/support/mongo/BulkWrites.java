package app.sabai.support.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;

import java.util.HashSet;
import java.util.Set;

/**
 * An unordered bulk of guarded writes, and what the store said of each. A guarded upsert whose guard matched nothing
 * tries to insert, and is refused on {@code _id} when the document is there: so the store answers each upsert on its
 * own (created, changed, or refused), where of guarded updates it says only how many changed.
 */
public final class BulkWrites {

    private BulkWrites() {
    }

    /** What the store answered: its counts, and the writes (by their place in the bulk) refused on {@code _id}. */
    public record Answer(BulkWriteResult result, Set<Integer> refusedOnId) {

        /** The upserts that created their document, by their place in the bulk. */
        public Set<Integer> created() {
            Set<Integer> created = new HashSet<>();
            result.getUpserts().forEach(upsert -> created.add(upsert.getIndex()));
            return created;
        }

        /** Whether the counts account for every one of the bulk's {@code writes}: changed, created or refused. */
        public boolean accountsFor(int writes) {
            return result.getModifiedCount() + result.getUpserts().size() + refusedOnId.size() == writes;
        }
    }

    /** Executes the bulk; a write refused for any other reason than a duplicate key fails it. */
    public static Answer execute(BulkOperations bulk) {
        try {
            return new Answer(bulk.execute(), Set.of());
        } catch (BulkOperationException partly) {
            Set<Integer> refused = new HashSet<>();
            for (BulkWriteError error : partly.getErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw partly;
                }
                refused.add(error.getIndex());
            }
            return new Answer(partly.getResult(), Set.copyOf(refused));
        }
    }
}
