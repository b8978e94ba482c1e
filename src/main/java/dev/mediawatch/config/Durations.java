package dev.mediawatch.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the config: {@code 30s}, {@code 5m}, {@code 1h}, {@code 2h30m},
 * {@code 1d}, {@code 250ms}, or ISO-8601 such as {@code PT5M}.
 *
 * <p>The short form is one or more {@code <digits><unit>} parts with units {@code d}, {@code h},
 * {@code m}, {@code s}, {@code ms}, largest first, each unit at most once. A bare number is refused:
 * "300" could mean seconds or milliseconds, and a wrong guess would poll a feed 1000 times too often.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
    private static final String[] ORDER = {"d", "h", "m", "s", "ms"};
    private static final String EXPECTED =
            "expected a number with a unit (d, h, m, s, ms) such as 30s, 5m, 1h, 2h30m, 1d, or ISO-8601 such as PT5M";

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming the input and the accepted forms
     */
    public static Duration parse(String s) {
        if (s == null) throw new IllegalArgumentException("duration is missing: " + EXPECTED);
        String text = s.trim();
        if (text.isEmpty()) throw invalid(s, "it is empty");
        if (text.charAt(0) == 'P' || text.charAt(0) == 'p' || text.startsWith("-P") || text.startsWith("-p")) {
            return parseIso(s, text);
        }
        return parseShort(s, text.toLowerCase(Locale.ROOT));
    }

    /** The short form of a duration, e.g. {@code 2h30m}, {@code 90s}, {@code 0s}; the inverse of {@link #parse}. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        if (d.isNegative()) return "-" + format(d.negated());
        StringBuilder out = new StringBuilder();
        append(out, d.toDaysPart(), "d");
        append(out, d.toHoursPart(), "h");
        append(out, d.toMinutesPart(), "m");
        append(out, d.toSecondsPart(), "s");
        append(out, d.toMillisPart(), "ms");
        return out.length() == 0 ? d.toString() : out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) out.append(amount).append(unit);
    }

    private static Duration parseIso(String original, String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(original, "it is not a valid ISO-8601 duration");
        }
    }

    private static Duration parseShort(String original, String text) {
        if (text.chars().allMatch(Character::isDigit)) throw invalid(original, "the unit is missing");
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int position = 0;
        int lastUnit = -1;
        while (position < text.length()) {
            if (!m.find(position) || m.start() != position) throw invalid(original, null);
            int unit = unitIndex(m.group(2));
            if (unit <= lastUnit) throw invalid(original, "units must appear largest first, each at most once");
            lastUnit = unit;
            total = total.plus(amount(original, m.group(1), m.group(2)));
            position = m.end();
        }
        return total;
    }

    private static Duration amount(String original, String digits, String unit) {
        try {
            long n = Long.parseLong(digits);
            return switch (unit) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(original, "it is too large");
        }
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i].equals(unit)) return i;
        }
        throw new IllegalStateException(unit);
    }

    private static IllegalArgumentException invalid(String s, String why) {
        return new IllegalArgumentException(
                "invalid duration \"" + s + "\"" + (why == null ? "" : " (" + why + ")") + ": " + EXPECTED);
    }
}
