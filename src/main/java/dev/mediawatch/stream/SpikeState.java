package dev.mediawatch.stream;

import dev.mediawatch.kafka.CompactSerde;
import java.util.Arrays;
import java.util.List;

/**
 * One entity's arrivals over the spike window and its smoothed baseline, kept in the spike-state-store.
 * Arrivals are counted in {@link #BUCKETS} buckets of a {@link #BUCKETS}th of the window each (30 s at the
 * default 15 minutes), so the state keeps its size however much an entity is covered. The window's count
 * is that of the newest bucket and the ones before it, {@link #BUCKETS} in all: it spans between the
 * window less one bucket and the whole window. (Until 2026-11-30 the state kept every arrival time in
 * the window: hundreds per entity at the benchmark's rates, copied and written to the changelog with
 * every mention; values of that form are still read.)
 *
 * @param bucketMillis    length of a bucket (ms)
 * @param newest          index (time / bucketMillis) of the newest bucket counted
 * @param counts          arrivals per bucket, a ring: bucket {@code i} at {@code counts[i mod BUCKETS]}
 * @param baselinePerHour the smoothed hourly rate of completed hours
 * @param hourStart       start (ms) of the hour being counted
 * @param hourCount       arrivals in that hour so far
 * @param lastSpikeAt     when the last spike fired (ms), or 0
 */
public record SpikeState(long bucketMillis, long newest, int[] counts, double baselinePerHour, long hourStart,
                         long hourCount, long lastSpikeAt) {
    static final int BUCKETS = 30;
    private static final long HOUR = 3_600_000L;
    /** The bucket length of values written before buckets: the default window's. */
    private static final long EARLIER_BUCKET_MILLIS = bucketMillis(SpikeSettings.defaults());
    private static final byte MARK = 2;

    /** The earlier form, every arrival time in the window (oldest first), in JSON or after a zero byte. */
    record Earlier(List<Long> recent, double baselinePerHour, long hourStart, long hourCount, long lastSpikeAt) {
        static final CompactSerde<Earlier> SERDE = new CompactSerde<>(Earlier.class, new CompactSerde.Codec<>() {
            @Override
            public void write(Earlier v, CompactSerde.Out out) {
                out.putInt(v.recent().size());
                for (long t : v.recent()) out.putLong(t);
                out.putDouble(v.baselinePerHour());
                out.putLong(v.hourStart());
                out.putLong(v.hourCount());
                out.putLong(v.lastSpikeAt());
            }

            @Override
            public Earlier read(CompactSerde.In in) {
                int n = in.getCount(8);
                Long[] recent = new Long[n];
                for (int i = 0; i < n; i++) recent[i] = in.getLong();
                return new Earlier(List.of(recent), in.getDouble(), in.getLong(), in.getLong(), in.getLong());
            }
        });

        SpikeState toBuckets() {
            long bm = EARLIER_BUCKET_MILLIS;
            long last = hourStart;
            for (long t : recent) last = Math.max(last, t);
            int[] counts = new int[BUCKETS];
            long newest = Math.floorDiv(last, bm);
            for (long t : recent) newest = add(counts, newest, Math.floorDiv(t, bm), 1);
            return new SpikeState(bm, newest, counts, baselinePerHour, hourStart, hourCount, lastSpikeAt);
        }
    }

    /** The spike-state-store's value serde: binary; reads the earlier forms (JSON, then binary) too. */
    static final CompactSerde<SpikeState> SERDE = new CompactSerde<>(SpikeState.class, new CompactSerde.Codec<>() {
        @Override
        public void write(SpikeState v, CompactSerde.Out out) {
            out.putLong(v.bucketMillis());
            out.putLong(v.newest());
            out.putInt(v.counts().length);
            for (int c : v.counts()) out.putInt(c);
            out.putDouble(v.baselinePerHour());
            out.putLong(v.hourStart());
            out.putLong(v.hourCount());
            out.putLong(v.lastSpikeAt());
        }

        @Override
        public SpikeState read(CompactSerde.In in) {
            long bm = in.getLong();
            long newest = in.getLong();
            int n = in.getCount(4);
            if (n != BUCKETS) throw new IllegalArgumentException("expected " + BUCKETS + " buckets, not " + n);
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) counts[i] = in.getInt();
            if (bm <= 0) throw new IllegalArgumentException("bad bucket length " + bm);
            return new SpikeState(bm, newest, counts, in.getDouble(), in.getLong(), in.getLong(), in.getLong());
        }
    }, MARK, bytes -> Earlier.SERDE.fromBytes(bytes).toBuckets());

    public SpikeState {
        if (counts.length != BUCKETS) throw new IllegalArgumentException("counts must have " + BUCKETS + " buckets");
    }

    static long bucketMillis(SpikeSettings s) {
        return Math.max(1, (s.window().toMillis() + BUCKETS - 1) / BUCKETS);
    }

    static SpikeState initial(SpikeSettings s, long now) {
        long bm = bucketMillis(s);
        return new SpikeState(bm, Math.floorDiv(now, bm), new int[BUCKETS], s.priorPerHour(), now - now % HOUR, 0, 0);
    }

    /** Folds completed hours (empty ones too) into the baseline and counts one arrival at {@code now}. */
    SpikeState arrive(long now, SpikeSettings s) {
        double baseline = baselinePerHour;
        long start = hourStart;
        long count = hourCount;
        long thisHour = now - now % HOUR;
        // Never fold more than a day of empty hours: the baseline would only approach zero anyway.
        for (int folded = 0; start < thisHour && folded < 24; folded++) {
            baseline = s.smoothing() * count + (1 - s.smoothing()) * baseline;
            start += HOUR;
            count = 0;
        }
        if (start < thisHour) start = thisHour;
        long bm = bucketMillis(s);
        int[] ring = new int[BUCKETS];
        long last;
        if (bm == bucketMillis) {
            System.arraycopy(counts, 0, ring, 0, BUCKETS);
            last = newest;
        } else { // the window was changed: the counts moved to buckets of the new length
            last = Math.floorDiv(newest * bucketMillis, bm);
            for (long i = newest - BUCKETS + 1; i <= newest; i++) {
                int n = counts[(int) Math.floorMod(i, BUCKETS)];
                if (n > 0) last = add(ring, last, Math.floorDiv(i * bucketMillis, bm), n);
            }
        }
        last = add(ring, last, Math.floorDiv(now, bm), 1);
        return new SpikeState(bm, last, ring, baseline, start, count + 1, lastSpikeAt);
    }

    /** Arrivals in the window that ends with the newest bucket. */
    int inWindow() {
        int sum = 0;
        for (int c : counts) sum += c;
        return sum;
    }

    double expectedInWindow(SpikeSettings s) {
        return baselinePerHour * s.window().toMillis() / HOUR;
    }

    boolean isSpike(long now, SpikeSettings s) {
        boolean cooling = lastSpikeAt > 0 && now - lastSpikeAt < s.cooldown().toMillis();
        int n = inWindow();
        return !cooling && n >= s.minCount() && n >= s.factor() * expectedInWindow(s);
    }

    SpikeState fired(long now) {
        return new SpikeState(bucketMillis, newest, counts, baselinePerHour, hourStart, hourCount, now);
    }

    /**
     * Counts {@code n} arrivals in bucket {@code index} of {@code ring}, whose newest bucket is {@code newest}:
     * a bucket after the newest moves the window on, clearing the buckets it passes; one older than the
     * window is dropped. Returns the newest bucket after.
     */
    private static long add(int[] ring, long newest, long index, int n) {
        if (index > newest) {
            long clear = Math.min(index - newest, BUCKETS);
            for (long i = 1; i <= clear; i++) ring[(int) Math.floorMod(newest + i, BUCKETS)] = 0;
            newest = index;
        }
        if (newest - index < BUCKETS) ring[(int) Math.floorMod(index, BUCKETS)] += n;
        return newest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikeState s && bucketMillis == s.bucketMillis && newest == s.newest
                && Arrays.equals(counts, s.counts) && Double.compare(baselinePerHour, s.baselinePerHour) == 0
                && hourStart == s.hourStart && hourCount == s.hourCount && lastSpikeAt == s.lastSpikeAt;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(newest) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "SpikeState[bucketMillis=" + bucketMillis + ", newest=" + newest + ", counts=" + Arrays.toString(counts)
                + ", baselinePerHour=" + baselinePerHour + ", hourStart=" + hourStart + ", hourCount=" + hourCount
                + ", lastSpikeAt=" + lastSpikeAt + "]";
    }
}
