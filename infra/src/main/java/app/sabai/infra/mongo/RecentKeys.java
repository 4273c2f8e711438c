package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * The positions of the keys a unique index was lately asked for or given, or that it does not hold them, in a table of
 * a fixed number of slots: a key takes the slot its hash names, and a later key of the same slot takes its place. Only
 * keys of one string value are kept (an {@code _id}, an email, an idempotency key: nearly every lookup the platform
 * makes). Two string keys are one key to the index exactly when they are equal strings ({@link StoredKeyType} compares
 * strings with {@link String#compareTo}), so a slot's key answers for no other; a key of any other type may equal one of
 * another Java type in the index's order (1 and 1L), and is always looked up in the index.
 * <p>
 * Not thread-safe: its index calls it under its own lock.
 */
final class RecentKeys {

    /**
     * What is kept for a key the index was asked for and does not hold: a new booking's idempotency key is looked for,
     * then checked for again as the booking is inserted, and a new customer's email is looked for by each of the writes
     * that make their file.
     */
    static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "absent";
        }
    };

    private record Slot(String key, Object position) {
    }

    private final int mask;
    private Slot[] slots;

    /** A table of {@code size} slots (a power of two), made on the first key it keeps. */
    RecentKeys(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("The slots must be a power of two: " + size);
        }
        this.mask = size - 1;
    }

    /** The position kept for this key, {@link #ABSENT} when it is known not to be in the index; null when nothing is kept. */
    Object positionOf(KeyValue key) {
        String text = text(key);
        if (text == null || slots == null) {
            return null;
        }
        Slot slot = slots[slotOf(text)];
        return slot != null && slot.key().equals(text) ? slot.position() : null;
    }

    /** The key is at this position in the index now; null: it is not in the index. */
    void keep(KeyValue key, Object position) {
        String text = text(key);
        if (text == null) {
            return;
        }
        if (slots == null) {
            slots = new Slot[mask + 1];
        }
        slots[slotOf(text)] = new Slot(text, position == null ? ABSENT : position);
    }

    /** The key is leaving the index: whatever was kept for it is forgotten. */
    void forget(KeyValue key) {
        String text = text(key);
        if (text == null || slots == null) {
            return;
        }
        int slot = slotOf(text);
        if (slots[slot] != null && slots[slot].key().equals(text)) {
            slots[slot] = null;
        }
    }

    private int slotOf(String text) {
        int hash = text.hashCode();
        return (hash ^ (hash >>> 16)) & mask;
    }

    private static String text(KeyValue key) {
        return key.size() == 1 && key.get(0) instanceof String text ? text : null;
    }
}
