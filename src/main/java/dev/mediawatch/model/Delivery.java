package dev.mediawatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One delivery outcome: the value on {@code mediawatch.deliveries}, keyed by {@link #key()} (alert id and
 * channel key), so the compacted topic keeps the latest outcome of each alert on each channel.
 *
 * @param alertId        the alert delivered
 * @param subscriptionId the alert's subscription
 * @param channelType    {@code slack}, {@code webhook}, {@code console}
 * @param channelKey     a short stable hash of the channel's settings: names the channel without its secret URL
 * @param status         one of {@link #STATUSES}
 * @param attempts       sending attempts so far (0 for an alert waiting for its digest)
 * @param error          the last error, if any; never contains a URL or secret
 * @param reason         the last error's short kind ({@code http-500}, {@code timeout}, {@code http-410}, ...)
 * @param time           when this outcome was recorded
 * @param batchId        the rolled-up or digest message that carried the alert, if it was not sent alone
 * @param alert          the alert itself while it waits for its digest ({@code pending-digest}), so a restart
 *                       finds it again; absent otherwise
 * @param partition      the {@code mediawatch.alerts} partition the alert came from, for {@code pending-digest}:
 *                       the instance that owns that partition owns the digest
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(
        String alertId,
        String subscriptionId,
        String channelType,
        String channelKey,
        String status,
        int attempts,
        String error,
        String reason,
        Instant time,
        String batchId,
        Alert alert,
        Integer partition) {

    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String RETRYING = "retrying";
    public static final String DISABLED = "disabled";
    public static final String PENDING_DIGEST = "pending-digest";
    public static final String REASON_GONE = "http-410";
    public static final Set<String> STATUSES = Set.of(DELIVERED, FAILED, RETRYING, DISABLED, PENDING_DIGEST);

    public Delivery {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(channelKey, "channelKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(time, "time");
        if (!STATUSES.contains(status)) throw new IllegalArgumentException("unknown delivery status: " + status);
        if (attempts < 0) throw new IllegalArgumentException("attempts must be >= 0: " + attempts);
    }

    /** The topic key: alert id and channel key. */
    public static String key(String alertId, String channelKey) {
        return alertId + "|" + channelKey;
    }

    public String key() {
        return key(alertId, channelKey);
    }

    /**
     * Whether nothing more is to be done for this alert on this channel by whoever reads it next: it was
     * delivered, failed for good, skipped for a disabled channel, or is held for a digest.
     */
    public boolean settled() {
        return !status.equals(RETRYING);
    }

    /** Whether this outcome disabled its channel (the destination answered 410 Gone). */
    public boolean disabledChannel() {
        return REASON_GONE.equals(reason);
    }
}
