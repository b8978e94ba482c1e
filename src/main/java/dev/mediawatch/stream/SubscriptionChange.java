package dev.mediawatch.stream;

import dev.mediawatch.model.Subscription;
import java.util.Objects;

/** One subscription joining ({@code subscription} set) or leaving ({@code null}) one entity's followers. */
public record SubscriptionChange(String subscriptionId, Subscription subscription) {
    public SubscriptionChange {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
    }
}
