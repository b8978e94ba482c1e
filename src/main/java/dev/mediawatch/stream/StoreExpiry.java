package dev.mediawatch.stream;

import java.util.function.ToLongFunction;
import org.apache.kafka.streams.state.KeyValueStore;

/** Forgets store entries older than a cutoff, so stores that dedupe or remember stay bounded. */
final class StoreExpiry {
    private StoreExpiry() {
    }

    /** Deletes every entry whose time (by {@code timeOf}, in ms) is before {@code cutoff}. */
    static <V> void expire(KeyValueStore<String, V> store, long cutoff, ToLongFunction<V> timeOf) {
        try (var all = store.all()) {
            while (all.hasNext()) {
                var kv = all.next();
                if (kv.value != null && timeOf.applyAsLong(kv.value) < cutoff) store.delete(kv.key);
            }
        }
    }
}
