package dev.mediawatch.stream;

import java.time.Duration;

/**
 * When a burst of coverage is a spike: at least {@code minCount} articles on an entity within
 * {@code window}, and at least {@code factor} times what its baseline rate predicts for that window.
 * The baseline is an exponentially smoothed hourly rate ({@code smoothing} per hour) that starts at
 * {@code priorPerHour}; after a spike the entity stays quiet for {@code cooldown}.
 */
public record SpikeSettings(Duration window, int minCount, double factor, double priorPerHour, double smoothing,
                            Duration cooldown) {
    public SpikeSettings {
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
        if (minCount < 1) throw new IllegalArgumentException("minCount must be at least 1");
        if (factor <= 1) throw new IllegalArgumentException("factor must be above 1");
        if (smoothing <= 0 || smoothing > 1) throw new IllegalArgumentException("smoothing must be in (0, 1]");
    }

    public static SpikeSettings defaults() {
        return new SpikeSettings(Duration.ofMinutes(15), 5, 4.0, 2.0, 0.3, Duration.ofHours(1));
    }
}
