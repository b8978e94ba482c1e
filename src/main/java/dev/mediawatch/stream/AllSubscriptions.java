package dev.mediawatch.stream;

import dev.mediawatch.model.Subscription;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Every subscription, one store entry each ({@code all-subscriptions-store}, keyed by subscription id),
 * in the story task, which raises the entity and query alerts of every article.
 *
 * <p>Until 2026-11-30 they were one value, the {@link EntitySubscriptions#ALL_KEY} entry of the
 * subscriptions-by-entity table, rewritten whole (store and changelog) on every change: with n
 * subscriptions a first start wrote O(n^2) bytes, and past about 7,000 subscriptions the entry outgrew
 * the broker's 1 MB record limit, so its changelog write failed and the stream stopped. A change now
 * writes one subscription. An entry left by an earlier version is moved here, once, before the task's
 * first change or article ({@link #migrate}).
 */
final class AllSubscriptions {
    private AllSubscriptions() {
    }

    /**
     * Applies the changes sent under {@link EntitySubscriptions#ALL_KEY}; the entity-keyed changes go
     * to {@link EntityFollowers}, not here. Bumps {@link ArticleAlertsProcessor#ALL_CHANGES}.
     */
    static final class Updater implements Processor<String, SubscriptionChange, Void, Void> {
        private KeyValueStore<String, Subscription> all;
        private TimestampedKeyValueStore<String, EntitySubscriptions> byEntity;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            all = context.getStateStore(MediawatchTopology.ALL_SUBSCRIPTIONS_STORE);
            byEntity = context.getStateStore(MediawatchTopology.SUBSCRIPTIONS_BY_ENTITY_STORE);
        }

        @Override
        public void process(Record<String, SubscriptionChange> record) {
            if (!EntitySubscriptions.ALL_KEY.equals(record.key()) || record.value() == null) return;
            migrate(byEntity, all); // one read per change, and changes are rare
            SubscriptionChange change = record.value();
            Subscription stored = all.get(change.subscriptionId());
            if (change.subscription() == null) {
                if (stored == null) return;
                all.delete(change.subscriptionId());
            } else {
                if (change.subscription().equals(stored)) return; // re-published unchanged: nothing to write
                all.put(change.subscriptionId(), change.subscription());
            }
            ArticleAlertsProcessor.ALL_CHANGES.incrementAndGet();
        }
    }

    /**
     * Moves the subscriptions of an earlier version's {@link EntitySubscriptions#ALL_KEY} table entry
     * into {@code all} (keeping any already there) and deletes the entry. Called before every change is
     * applied and before the subscriptions are read for articles, so the entry's contents never
     * overwrite a later change.
     */
    static void migrate(TimestampedKeyValueStore<String, EntitySubscriptions> byEntity,
                        KeyValueStore<String, Subscription> all) {
        ValueAndTimestamp<EntitySubscriptions> legacy = byEntity.get(EntitySubscriptions.ALL_KEY);
        if (legacy == null) return;
        if (legacy.value() != null) {
            legacy.value().bySubscription().forEach(all::putIfAbsent);
        }
        byEntity.delete(EntitySubscriptions.ALL_KEY);
        ArticleAlertsProcessor.ALL_CHANGES.incrementAndGet();
    }

    /** Every subscription in the store, by id. */
    static Map<String, Subscription> read(KeyValueStore<String, Subscription> all) {
        Map<String, Subscription> byId = new HashMap<>();
        try (KeyValueIterator<String, Subscription> it = all.all()) {
            while (it.hasNext()) {
                KeyValue<String, Subscription> kv = it.next();
                if (kv.value != null) byId.put(kv.key, kv.value);
            }
        }
        return byId;
    }
}
