package dev.mediawatch.stream;

import dev.mediawatch.model.Subscription;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The subscriptions that follow one entity: the value of the subscriptions-by-entity table. Every
 * subscription is also sent under {@link #ALL_KEY}, which no entity id can be, to the story task, which
 * sees every article and keeps them one by one ({@link AllSubscriptions}). Versions before 2026-11-30
 * kept them all in this table's {@code "*"} entry, one value.
 *
 * @param version counts the changes applied, so consumers can cache what they derive from it
 */
public record EntitySubscriptions(Map<String, Subscription> bySubscription, long version) {
    public static final String ALL_KEY = "*";

    public EntitySubscriptions {
        bySubscription = bySubscription == null ? Map.of() : Map.copyOf(bySubscription);
    }

    public static EntitySubscriptions empty() {
        return new EntitySubscriptions(Map.of(), 0);
    }

    public EntitySubscriptions apply(SubscriptionChange change) {
        Map<String, Subscription> next = new TreeMap<>(bySubscription);
        if (change.subscription() == null) next.remove(change.subscriptionId());
        else next.put(change.subscriptionId(), change.subscription());
        return new EntitySubscriptions(next, version + 1);
    }

    public Collection<Subscription> subscriptions() {
        return new TreeMap<>(bySubscription).values();
    }
}
