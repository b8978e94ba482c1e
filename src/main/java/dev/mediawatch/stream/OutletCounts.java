package dev.mediawatch.stream;

import dev.mediawatch.kafka.CompactSerde;
import java.util.Map;
import java.util.TreeMap;

/** Articles in one window, in all and by outlet: the value of the coverage window stores. */
public record OutletCounts(long total, Map<String, Long> byOutlet) {
    /** The coverage window stores' value serde: binary, reads the JSON written before it too. */
    static final CompactSerde<OutletCounts> SERDE = new CompactSerde<>(OutletCounts.class, new CompactSerde.Codec<>() {
        @Override
        public void write(OutletCounts v, CompactSerde.Out out) {
            out.putLong(v.total());
            out.putInt(v.byOutlet().size());
            v.byOutlet().forEach((outlet, n) -> {
                out.putString(outlet);
                out.putLong(n);
            });
        }

        @Override
        public OutletCounts read(CompactSerde.In in) {
            long total = in.getLong();
            int n = in.getCount(12);
            Map<String, Long> byOutlet = new java.util.HashMap<>(n * 2);
            for (int i = 0; i < n; i++) byOutlet.put(in.getString(), in.getLong());
            return new OutletCounts(total, byOutlet);
        }
    });

    public OutletCounts {
        byOutlet = byOutlet == null ? Map.of() : Map.copyOf(byOutlet);
    }

    public static OutletCounts empty() {
        return new OutletCounts(0, Map.of());
    }

    public OutletCounts add(String outlet) {
        Map<String, Long> next = new TreeMap<>(byOutlet);
        next.merge(outlet == null || outlet.isBlank() ? "unknown" : outlet, 1L, Long::sum);
        return new OutletCounts(total + 1, next);
    }

    public OutletCounts plus(OutletCounts other) {
        Map<String, Long> next = new TreeMap<>(byOutlet);
        other.byOutlet.forEach((k, v) -> next.merge(k, v, Long::sum));
        return new OutletCounts(total + other.total, next);
    }
}
