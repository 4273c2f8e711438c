package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much reading the store's queries did, under the names MongoDB's {@code serverStatus} uses
 * ({@code metrics.queryExecutor.scannedObjects}, {@code metrics.queryExecutor.collectionScans.total}), so a test or a
 * benchmark can tell a query an index answered from one that read the whole collection.
 */
final class ScanStatistics {

    private final AtomicLong scannedObjects = new AtomicLong();
    private final AtomicLong collectionScans = new AtomicLong();

    /** A whole collection read for a query. */
    void collectionScan(long documents) {
        collectionScans.incrementAndGet();
        scannedObjects.addAndGet(documents);
    }

    /** Candidates an index proposed, counted as the query reads them. */
    <P> Iterable<P> counted(Iterable<P> candidates) {
        return () -> {
            Iterator<P> positions = candidates.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return positions.hasNext();
                }

                @Override
                public P next() {
                    P next = positions.next();
                    scannedObjects.incrementAndGet();
                    return next;
                }
            };
        };
    }

    /** Adds the figures to a {@code serverStatus} answer. */
    Document addTo(Document serverStatus) {
        Document queryExecutor = new Document("scannedObjects", scannedObjects.get())
                .append("collectionScans", new Document("total", collectionScans.get()));
        Object metrics = serverStatus.get("metrics");
        Document merged = metrics instanceof Document existing ? existing : new Document();
        merged.put("queryExecutor", queryExecutor);
        serverStatus.put("metrics", merged);
        return serverStatus;
    }
}
