package dev.mediawatch.stream;

import java.util.Map;
import java.util.TreeMap;

/** Articles in one window, in all and by outlet: the value of the coverage window stores. */
public record OutletCounts(long total, Map<String, Long> byOutlet) {
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
