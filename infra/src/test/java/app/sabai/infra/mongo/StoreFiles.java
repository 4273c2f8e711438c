package app.sabai.infra.mongo;

import org.h2.mvstore.MVStore;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Looks into a closed store's file, read-only, as the tests of its format do. */
final class StoreFiles {

    private StoreFiles() {
    }

    static <T> T read(Path file, Function<MVStore, T> reading) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return reading.apply(store);
        } finally {
            store.close();
        }
    }

    static List<String> mapNames(Path file) {
        return read(file, store -> store.getMapNames().stream().sorted().toList());
    }
}
