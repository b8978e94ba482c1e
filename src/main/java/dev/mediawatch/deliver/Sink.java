package dev.mediawatch.deliver;

import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Channel;
import java.time.Duration;
import java.util.List;

/**
 * Delivers alerts to one kind of channel. Implementations never log channel secrets, and their
 * {@link DeliveryException}s never contain a destination URL.
 */
public interface Sink {
    /** The channel type this sink serves, as written in the config ({@code console}, {@code slack}, ...). */
    String type();

    /** Sends the alert; throws {@link DeliveryException} when it could not be delivered. */
    void send(Alert alert, Channel channel) throws DeliveryException;

    /**
     * Sends several alerts as one message grouped by story: a digest, or alerts rolled up because they
     * waited for the channel's pace. {@code batchId} is the same for the same alerts (a stable message id);
     * {@code heading} says why they came together. By default each alert is sent alone.
     */
    default void sendDigest(List<Alert> alerts, String heading, String batchId, Channel channel)
            throws DeliveryException {
        for (Alert a : alerts) send(a, channel);
    }

    /** The least time between two messages to one channel; zero for none. */
    default Duration pacing() {
        return Duration.ZERO;
    }

    /** Whether alerts that wait for {@link #pacing()} go out together as one {@link #sendDigest} message. */
    default boolean rollsUp() {
        return false;
    }

    /** When to try again after a retryable failure. By default: never. */
    default RetryPolicy retryPolicy() {
        return attempts -> java.util.Optional.empty();
    }
}
