package dev.mediawatch.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a feed is polled next. A feed starts at its configured interval; after each successful poll
 * the interval {@linkplain #adapt follows how often the feed publishes}; after failures an
 * exponential back-off with jitter, capped at the maximum interval (a feed is never given up on);
 * a server's Retry-After is honoured. Intervals stay within the configured bounds.
 */
public record PollSchedule(Duration defaultInterval, Duration minInterval, Duration maxInterval) {
    private static final Duration RETRY_AFTER_CAP = Duration.ofDays(1);
    /** Publication times considered: the newest few describe the feed's current pace. */
    private static final int RECENT_ITEMS = 20;
    /** Growth of the interval after a poll that found nothing new. */
    private static final double IDLE_GROWTH = 1.25;

    public PollSchedule {
        Objects.requireNonNull(defaultInterval, "defaultInterval");
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(maxInterval, "maxInterval");
        if (minInterval.isNegative() || minInterval.isZero()) {
            throw new IllegalArgumentException("minInterval must be positive: " + minInterval);
        }
        if (minInterval.compareTo(maxInterval) > 0) {
            throw new IllegalArgumentException("minInterval " + minInterval + " is greater than maxInterval " + maxInterval);
        }
    }

    /** The starting interval of a feed: its own, else the default, within bounds. */
    public Duration interval(Duration feedInterval) {
        return clamp(feedInterval == null ? defaultInterval : feedInterval);
    }

    public Instant afterSuccess(Instant now, Duration feedInterval) {
        return now.plus(interval(feedInterval));
    }

    /**
     * The interval after a successful poll. With new items and at least three dated entries, the
     * median gap between the newest publication times (the median, so one burst or one quiet
     * weekend does not swing it); with new items but no dates, half the current interval when
     * several arrived at once; with nothing new, the current interval grown by a quarter (multiplicative
     * increase, so a quiet feed drifts towards the maximum and a busy one snaps back at once).
     *
     * @param current   the interval in use (the starting interval for a feed never polled)
     * @param published publication times of the entries of the document just parsed (may be empty)
     * @param newItems  entries not seen before
     */
    public Duration adapt(Duration current, Collection<Instant> published, int newItems) {
        Duration base = clamp(current);
        if (newItems <= 0) return clamp(multiply(base, IDLE_GROWTH));
        Duration gap = medianGap(published);
        if (gap != null) return clamp(gap);
        return newItems > 1 ? clamp(base.dividedBy(2)) : base;
    }

    /** Median gap between the newest {@value #RECENT_ITEMS} distinct publication times, or null with fewer than three. */
    static Duration medianGap(Collection<Instant> published) {
        List<Instant> times = new ArrayList<>(published.stream().filter(Objects::nonNull).distinct().sorted().toList());
        if (times.size() < 3) return null;
        List<Instant> recent = times.subList(Math.max(0, times.size() - RECENT_ITEMS), times.size());
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < recent.size(); i++) gaps.add(Duration.between(recent.get(i - 1), recent.get(i)));
        gaps.sort(null);
        int n = gaps.size();
        return n % 2 == 1 ? gaps.get(n / 2) : gaps.get(n / 2 - 1).plus(gaps.get(n / 2)).dividedBy(2);
    }

    /**
     * @param current the feed's interval before the failure (its adaptive one, else its starting one)
     */
    public Instant afterFailure(Instant now, Duration current, int consecutiveFailures, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            // The server knows best, but a bogus day-long Retry-After must not silence a feed for longer.
            Duration capped = retryAfter.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : retryAfter;
            return now.plus(max(capped, minInterval));
        }
        Duration base = interval(current);
        int doublings = Math.min(Math.max(consecutiveFailures - 1, 0), 16);
        long millis = Math.min(base.toMillis() << doublings, maxInterval.toMillis());
        // Jitter of up to a fifth keeps many failing feeds from retrying in lockstep.
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, millis / 5));
        return now.plusMillis(Math.min(millis + jitter, maxInterval.toMillis()));
    }

    private Duration clamp(Duration d) {
        if (d.compareTo(minInterval) < 0) return minInterval;
        return d.compareTo(maxInterval) > 0 ? maxInterval : d;
    }

    private static Duration multiply(Duration d, double factor) {
        return Duration.ofMillis((long) Math.min(d.toMillis() * factor, Long.MAX_VALUE / 2.0));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
