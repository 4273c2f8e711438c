package app.sabai.infra.mongo;

import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of a collection's documents map, their positions: numbers the collection counts ({@link NarrowingH2Backend}),
 * or the {@code _id} of a document stored before positions were counted. H2's {@link ObjectDataType} makes a new type
 * object for every comparison of two keys of one type (H2 2.3), in every lookup of a document by its position. Two
 * numbers are compared here directly; any other pair as H2 compares them, and keys are written and read as H2 writes them.
 */
final class PositionKeyType extends ObjectDataType {

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return super.compare(a, b);
    }
}
