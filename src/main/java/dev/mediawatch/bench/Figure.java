package dev.mediawatch.bench;

import java.util.Objects;

/**
 * One measured figure with what it is judged by: a ratio against another figure and the target that
 * ratio must reach (or stay under, for latency), and the machine's load when it was taken.
 *
 * @param ratio      the judged ratio, or NaN when the figure is informative only
 * @param ratioName  what the ratio divides, e.g. "pipeline / broker limit"
 * @param target     the target as text, e.g. ">= 0.25"; empty when none
 * @param met        whether the target is met; null when there is no target
 */
public record Figure(String name, double value, String unit, double ratio, String ratioName, String target,
                     Boolean met, String load) {
    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        ratioName = ratioName == null ? "" : ratioName;
        target = target == null ? "" : target;
        load = load == null ? "" : load;
    }

    static Figure plain(String name, double value, String unit) {
        return new Figure(name, value, unit, Double.NaN, "", "", null, LoadGauge.now());
    }

    static Figure atLeast(String name, double value, String unit, double ratio, String ratioName, double min) {
        return new Figure(name, value, unit, ratio, ratioName, ">= " + min, ratio >= min, LoadGauge.now());
    }

    static Figure below(String name, double value, String unit, double ratio, String ratioName, double max) {
        return new Figure(name, value, unit, ratio, ratioName, "< " + max + " " + unit, value < max, LoadGauge.now());
    }
}
