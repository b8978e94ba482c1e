package dev.mediawatch.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How many articles mentioned one entity in one window of publication time: the value on
 * {@code mediawatch.coverage}, keyed by {@link #entityId()}. Updated as late articles arrive
 * within the grace period, so the latest record of a window is its count.
 */
public record Coverage(String entityId, Instant windowStart, Instant windowEnd, long count,
                       Map<String, Long> byOutlet) {
    public Coverage {
        Objects.requireNonNull(entityId, "entityId");
        byOutlet = byOutlet == null ? Map.of() : Map.copyOf(byOutlet);
    }
}
