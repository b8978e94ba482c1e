package dev.mediawatch.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a feed is polled next: its interval after a success; after failures an exponential back-off
 * with jitter, capped at the maximum interval (a feed is never given up on); a server's Retry-After
 * is honoured. Intervals stay within the configured bounds.
 */
public record PollSchedule(Duration defaultInterval, Duration minInterval, Duration maxInterval) {
    private static final Duration RETRY_AFTER_CAP = Duration.ofDays(1);

    public Duration interval(Duration feedInterval) {
        return clamp(feedInterval == null ? defaultInterval : feedInterval);
    }

    public Instant afterSuccess(Instant now, Duration feedInterval) {
        return now.plus(interval(feedInterval));
    }

    public Instant afterFailure(Instant now, Duration feedInterval, int consecutiveFailures, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            // The server knows best, but a bogus day-long Retry-After must not silence a feed for longer.
            Duration capped = retryAfter.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : retryAfter;
            return now.plus(max(capped, minInterval));
        }
        Duration base = interval(feedInterval);
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

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
