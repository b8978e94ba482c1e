package dev.mediawatch.stream;

import dev.mediawatch.model.Subscription;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** The subscriptions that follow one entity: the value of the subscriptions-by-entity table. */
public record EntitySubscriptions(Map<String, Subscription> bySubscription) {
    public EntitySubscriptions {
        bySubscription = bySubscription == null ? Map.of() : Map.copyOf(bySubscription);
    }

    public static EntitySubscriptions empty() {
        return new EntitySubscriptions(Map.of());
    }

    public EntitySubscriptions apply(SubscriptionChange change) {
        Map<String, Subscription> next = new TreeMap<>(bySubscription);
        if (change.subscription() == null) next.remove(change.subscriptionId());
        else next.put(change.subscriptionId(), change.subscription());
        return new EntitySubscriptions(next);
    }

    public Collection<Subscription> subscriptions() {
        return new TreeMap<>(bySubscription).values();
    }
}
