package dev.mediawatch.deliver;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed message again. {@link #next(int)} gets the number of attempts made so far and
 * answers the wait before the next one, or empty to give up.
 */
@FunctionalInterface
public interface RetryPolicy {
    Optional<Duration> next(int attemptsSoFar);

    /**
     * The Standard Webhooks schedule: after the first attempt, retries after 5 seconds, 5 minutes,
     * 30 minutes, 2 hours, 5 hours, 10 hours and 10 hours (8 attempts over about 28 hours).
     */
    List<Duration> STANDARD_WEBHOOKS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));

    /** Waits as listed, one entry per retry; gives up when the list is used up. */
    static RetryPolicy schedule(List<Duration> delays) {
        List<Duration> copy = List.copyOf(delays);
        return attempts -> attempts >= 1 && attempts <= copy.size()
                ? Optional.of(copy.get(attempts - 1)) : Optional.empty();
    }

    /**
     * Exponential back-off with full jitter: the n-th retry waits a random time in
     * [base * 2^(n-1) / 2, base * 2^(n-1)], capped at {@code max}; gives up after {@code maxAttempts}.
     * Jitter keeps many instances that failed together from retrying together.
     */
    static RetryPolicy exponential(Duration base, Duration max, int maxAttempts, DoubleSupplier random) {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        return attempts -> {
            if (attempts >= maxAttempts) return Optional.empty();
            long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(attempts - 1, 30));
            long wait = ceiling / 2 + Math.round(random.getAsDouble() * (ceiling - ceiling / 2));
            return Optional.of(Duration.ofMillis(wait));
        };
    }
}
