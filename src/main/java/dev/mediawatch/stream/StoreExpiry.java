package dev.mediawatch.stream;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.LongUnaryOperator;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets store entries older than a cutoff, so stores that dedupe or remember stay bounded: a slice of
 * the store per second, resuming where the last slice stopped and wrapping at the end.
 *
 * <p>An earlier version scanned the whole store every ten minutes on the stream thread. A store holds
 * three days of articles or stories, so that scan grew with the store and held every article behind it
 * (110-260 ms for 200,000 entries of the seen-articles store's shape, more where values are larger): a
 * bump in the alert latency every ten minutes. A slice of {@link #DEFAULT_SLICE} entries costs a few
 * milliseconds; an expired entry is removed at most one full pass ({@code entries / slice} seconds)
 * after its cutoff.
 */
final class StoreExpiry<V> {
    static final int DEFAULT_SLICE = 5_000;
    static final Duration EVERY = Duration.ofSeconds(1);

    private final KeyValueStore<String, V> store;
    private final ToLongFunction<V> timeOf;
    private final int slice;
    private final BiConsumer<String, V> kept;
    private String resumeAfter; // the last key examined; null: start from the first key

    StoreExpiry(KeyValueStore<String, V> store, ToLongFunction<V> timeOf, int slice) {
        this(store, timeOf, slice, (key, value) -> { });
    }

    /** @param kept told of every entry examined and kept (to rebuild something derived from the store) */
    StoreExpiry(KeyValueStore<String, V> store, ToLongFunction<V> timeOf, int slice, BiConsumer<String, V> kept) {
        if (slice < 1) throw new IllegalArgumentException("slice must be at least 1: " + slice);
        this.store = store;
        this.timeOf = timeOf;
        this.slice = slice;
        this.kept = kept;
    }

    /**
     * Expires {@code store} a slice every {@link #EVERY} of wall-clock time, entries whose time (by
     * {@code timeOf}, in ms) is before {@code cutoff.applyAsLong(now)}.
     */
    static <V> StoreExpiry<V> schedule(ProcessingContext context, KeyValueStore<String, V> store,
                                       ToLongFunction<V> timeOf, LongUnaryOperator cutoff) {
        return schedule(context, store, timeOf, cutoff, DEFAULT_SLICE);
    }

    static <V> StoreExpiry<V> schedule(ProcessingContext context, KeyValueStore<String, V> store,
                                       ToLongFunction<V> timeOf, LongUnaryOperator cutoff, int slice) {
        StoreExpiry<V> expiry = new StoreExpiry<>(store, timeOf, slice);
        context.schedule(EVERY, PunctuationType.WALL_CLOCK_TIME, now -> expiry.step(cutoff.applyAsLong(now)));
        return expiry;
    }

    /**
     * Examines up to one slice of entries after the last one examined, deleting those before
     * {@code cutoff}; after the last key the next call starts again from the first.
     *
     * @return how many entries were examined
     */
    int step(long cutoff) {
        int examined = 0;
        String last = null;
        boolean atEnd = true;
        try (var entries = resumeAfter == null ? store.all() : store.range(resumeAfter, null)) {
            while (entries.hasNext()) {
                var kv = entries.next();
                if (kv.key.equals(resumeAfter)) continue; // range() includes its start, examined last time
                if (examined == slice) {
                    atEnd = false;
                    break;
                }
                examined++;
                last = kv.key;
                if (kv.value == null) continue;
                if (timeOf.applyAsLong(kv.value) < cutoff) store.delete(kv.key);
                else kept.accept(kv.key, kv.value);
            }
        }
        resumeAfter = atEnd ? null : last;
        return examined;
    }

    /** Whether the next {@link #step} starts from the first key: none has run yet, or the last reached the end. */
    boolean atStart() {
        return resumeAfter == null;
    }
}
