package dev.mediawatch.stream;

import dev.mediawatch.kafka.CompactSerde;
import java.util.ArrayList;
import java.util.List;

/**
 * One entity's recent arrivals and smoothed baseline, kept in the spike-state-store.
 *
 * @param recent       arrival times (ms) within the spike window, oldest first
 * @param baselinePerHour the smoothed hourly rate of completed hours
 * @param hourStart    start (ms) of the hour being counted
 * @param hourCount    arrivals in that hour so far
 * @param lastSpikeAt  when the last spike fired (ms), or 0
 */
public record SpikeState(List<Long> recent, double baselinePerHour, long hourStart, long hourCount,
                         long lastSpikeAt) {
    private static final long HOUR = 3_600_000L;

    /** The spike-state-store's value serde: binary, reads the JSON written before it too. */
    static final CompactSerde<SpikeState> SERDE = new CompactSerde<>(SpikeState.class, new CompactSerde.Codec<>() {
        @Override
        public void write(SpikeState v, CompactSerde.Out out) {
            out.putInt(v.recent().size());
            for (long t : v.recent()) out.putLong(t);
            out.putDouble(v.baselinePerHour());
            out.putLong(v.hourStart());
            out.putLong(v.hourCount());
            out.putLong(v.lastSpikeAt());
        }

        @Override
        public SpikeState read(CompactSerde.In in) {
            int n = in.getCount(8);
            List<Long> recent = new ArrayList<>(n);
            for (int i = 0; i < n; i++) recent.add(in.getLong());
            return new SpikeState(recent, in.getDouble(), in.getLong(), in.getLong(), in.getLong());
        }
    });

    public SpikeState {
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    static SpikeState initial(double priorPerHour, long now) {
        return new SpikeState(List.of(), priorPerHour, now - now % HOUR, 0, 0);
    }

    /** Folds completed hours (empty ones too) into the baseline and records one arrival at {@code now}. */
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
        List<Long> kept = new ArrayList<>();
        for (long t : recent) if (t > now - s.window().toMillis()) kept.add(t);
        kept.add(now);
        return new SpikeState(kept, baseline, start, count + 1, lastSpikeAt);
    }

    double expectedInWindow(SpikeSettings s) {
        return baselinePerHour * s.window().toMillis() / HOUR;
    }

    boolean isSpike(long now, SpikeSettings s) {
        boolean cooling = lastSpikeAt > 0 && now - lastSpikeAt < s.cooldown().toMillis();
        return !cooling && recent.size() >= s.minCount() && recent.size() >= s.factor() * expectedInWindow(s);
    }

    SpikeState fired(long now) {
        return new SpikeState(recent, baselinePerHour, hourStart, hourCount, now);
    }
}
