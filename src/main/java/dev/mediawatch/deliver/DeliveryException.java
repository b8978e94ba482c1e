package dev.mediawatch.deliver;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert that could not be delivered to a channel. {@link #retryable()} says whether trying again may
 * help, {@link #retryAfter()} carries a server's Retry-After, {@link #disablesChannel()} is set for an
 * answer that means the destination is gone (410). {@link #reason()} is a short, bounded label for
 * metrics ({@code http-500}, {@code timeout}, ...). Messages never contain the destination URL.
 */
public final class DeliveryException extends Exception {
    private final boolean retryable;
    private final String reason;
    private final Duration retryAfter;
    private final boolean disablesChannel;

    public DeliveryException(String message, boolean retryable) {
        this(message, retryable, "error", null, false);
    }

    private DeliveryException(String message, boolean retryable, String reason, Duration retryAfter,
                              boolean disablesChannel) {
        super(message);
        this.retryable = retryable;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = retryAfter;
        this.disablesChannel = disablesChannel;
    }

    /** A failure worth retrying (5xx, timeout, connection refused). */
    public static DeliveryException transientFailure(String reason, String message) {
        return new DeliveryException(message, true, reason, null, false);
    }

    /** The destination asked to be left alone for a while (429). */
    public static DeliveryException rateLimited(Duration retryAfter) {
        return new DeliveryException("rate limited; retry after " + retryAfter.toMillis() + " ms", true,
                "rate-limited", retryAfter, false);
    }

    /** A failure that repeating cannot fix (400, 403, 404, a refused address). */
    public static DeliveryException permanent(String reason, String message) {
        return new DeliveryException(message, false, reason, null, false);
    }

    /** The destination is gone for good (410): the channel is disabled until its config changes. */
    public static DeliveryException gone(String message) {
        return new DeliveryException(message, false, "http-410", null, true);
    }

    public boolean retryable() {
        return retryable;
    }

    public String reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean disablesChannel() {
        return disablesChannel;
    }
}
