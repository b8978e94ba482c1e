package dev.mediawatch.metrics;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The label values one dimension of a metric may take: values admitted from a configured registry
 * (outlets, entity ids, subscription ids, category names), at most {@code limit} of them. Anything
 * else, and anything past the limit, is reported as {@value #OTHER}, so no input (a URL, an article
 * id, a registry of ten thousand entities) can grow the number of series without bound.
 */
public final class BoundedLabels {
    /** The label value everything beyond the registry or the limit folds into. */
    public static final String OTHER = "other";

    private final String dimension;
    private final int limit;
    private final Set<String> admitted = new LinkedHashSet<>();

    private BoundedLabels(String dimension, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        this.dimension = Objects.requireNonNull(dimension, "dimension");
        this.limit = limit;
    }

    /** A dimension admitting {@code values} in order, up to {@code limit}. */
    public static BoundedLabels of(String dimension, int limit, Collection<String> values) {
        BoundedLabels labels = new BoundedLabels(dimension, limit);
        values.forEach(labels::admit);
        return labels;
    }

    /**
     * Admits a value of the registry (an entity added while running) while there is room.
     *
     * @return whether the value is now exported under its own name
     */
    public synchronized boolean admit(String value) {
        if (value == null || value.isBlank() || value.equals(OTHER)) return false;
        if (admitted.contains(value)) return true;
        if (admitted.size() >= limit) return false;
        admitted.add(value);
        return true;
    }

    /** The value to export for {@code value}: itself when admitted, {@value #OTHER} otherwise. */
    public synchronized String label(String value) {
        return value != null && admitted.contains(value) ? value : OTHER;
    }

    /** Every value this dimension can export, {@value #OTHER} last. */
    public synchronized Set<String> values() {
        Set<String> all = new LinkedHashSet<>(admitted);
        all.add(OTHER);
        return all;
    }

    public String dimension() {
        return dimension;
    }

    public int limit() {
        return limit;
    }
}
