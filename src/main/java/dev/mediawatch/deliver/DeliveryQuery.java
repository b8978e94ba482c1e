package dev.mediawatch.deliver;

import dev.mediawatch.model.Delivery;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A filter over the audit trail, shared by {@code mediawatch deliveries} and {@code GET /api/deliveries}:
 * every non-null criterion must hold; newest first; at most {@code limit}.
 */
public record DeliveryQuery(String alertId, String subscriptionId, String status, String channel, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 10_000;

    public DeliveryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (status != null && !Delivery.STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown status \"" + status + "\"; expected one of "
                    + String.join(", ", Delivery.STATUSES.stream().sorted().toList()));
        }
    }

    public List<Delivery> apply(Collection<Delivery> all) {
        return all.stream()
                .filter(d -> alertId == null || alertId.equals(d.alertId()))
                .filter(d -> subscriptionId == null || subscriptionId.equals(d.subscriptionId()))
                .filter(d -> status == null || status.equals(d.status()))
                .filter(d -> channel == null || channel.equals(d.channelKey()) || channel.equals(d.channelType()))
                .sorted(Comparator.comparing(Delivery::time, Comparator.reverseOrder()).thenComparing(d -> d.key()))
                .limit(limit)
                .toList();
    }
}
