package dev.mediawatch.stream;

import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The subscriptions that follow each entity, one store entry per entity and subscription
 * ({@code entity-followers-store}, key {@code entity + "\0" + subscriptionId}), in the task of the
 * entity's mentions: a spike reads its entity's followers with one prefix scan.
 *
 * <p>Until 2026-11-30 an entity's followers were one value of the subscriptions-by-entity table,
 * rewritten whole on every change: a desk story followed by n subscriptions wrote O(n^2) bytes as they
 * arrived, and past about 7,000 followers of one entity the value outgrew the broker's 1 MB record
 * limit. The table's store is still restored, so that what an earlier version kept there is moved here
 * (and deleted) before the task's first change or spike ({@link #migrate}).
 */
public final class EntityFollowers {
    static final char SEPARATOR = '\0';
    private static final StringSerializer KEYS = new StringSerializer();

    private EntityFollowers() {
    }

    /** The store key of one subscription following one entity. */
    public static String key(String entity, String subscriptionId) {
        return entity + SEPARATOR + subscriptionId;
    }

    /** The subscriptions following {@code entity}, by id. */
    static Map<String, Subscription> of(KeyValueStore<String, Subscription> store, String entity) {
        Map<String, Subscription> byId = new TreeMap<>();
        try (KeyValueIterator<String, Subscription> it = store.prefixScan(entity + SEPARATOR, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, Subscription> kv = it.next();
                if (kv.value != null) byId.put(kv.value.id(), kv.value);
            }
        }
        return byId;
    }

    /**
     * Moves every entity's followers from the subscriptions-by-entity table of an earlier version into
     * {@code store} (keeping any already there) and deletes them there. The {@code "*"} entry is left to
     * {@link AllSubscriptions#migrate}, in the story task.
     */
    static void migrate(TimestampedKeyValueStore<String, EntitySubscriptions> legacy,
                        KeyValueStore<String, Subscription> store) {
        List<String> moved = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<EntitySubscriptions>> it = legacy.all()) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<EntitySubscriptions>> kv = it.next();
                if (EntitySubscriptions.ALL_KEY.equals(kv.key)) continue;
                if (kv.value != null && kv.value.value() != null) {
                    kv.value.value().bySubscription().forEach((id, s) -> store.putIfAbsent(key(kv.key, id), s));
                }
                moved.add(kv.key);
            }
        }
        for (String entity : moved) legacy.delete(entity);
    }

    /** Applies the entity-keyed subscription changes (not those under {@link EntitySubscriptions#ALL_KEY}). */
    static final class Updater implements Processor<String, SubscriptionChange, Void, Void> {
        private KeyValueStore<String, Subscription> store;
        private TimestampedKeyValueStore<String, EntitySubscriptions> legacy;
        private boolean migrated;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(MediawatchTopology.ENTITY_FOLLOWERS_STORE);
            legacy = context.getStateStore(MediawatchTopology.SUBSCRIPTIONS_BY_ENTITY_STORE);
            migrated = false;
        }

        @Override
        public void process(Record<String, SubscriptionChange> record) {
            String entity = record.key();
            if (entity == null || EntitySubscriptions.ALL_KEY.equals(entity) || record.value() == null) return;
            if (!migrated) {
                migrate(legacy, store);
                migrated = true;
            }
            SubscriptionChange change = record.value();
            String key = key(entity, change.subscriptionId());
            Subscription stored = store.get(key);
            if (change.subscription() == null) {
                if (stored != null) store.delete(key);
            } else if (!change.subscription().equals(stored)) { // re-published unchanged: nothing to write
                store.put(key, change.subscription());
            }
        }
    }

    /** A spike joined with its entity's followers: one alert for each (none when nobody follows it). */
    static final class SpikeJoin implements Processor<String, Spike, String, Alert> {
        private final java.time.Clock clock;
        private ProcessorContext<String, Alert> context;
        private KeyValueStore<String, Subscription> store;
        private TimestampedKeyValueStore<String, EntitySubscriptions> legacy;
        private boolean migrated;

        SpikeJoin(java.time.Clock clock) {
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<String, Alert> context) {
            this.context = context;
            store = context.getStateStore(MediawatchTopology.ENTITY_FOLLOWERS_STORE);
            legacy = context.getStateStore(MediawatchTopology.SUBSCRIPTIONS_BY_ENTITY_STORE);
            migrated = false;
        }

        @Override
        public void process(Record<String, Spike> record) {
            if (record.key() == null || record.value() == null) return;
            if (!migrated) {
                migrate(legacy, store);
                migrated = true;
            }
            Map<String, Subscription> followers = of(store, record.key());
            if (followers.isEmpty()) return;
            for (KeyValue<String, Alert> alert : SpikeAlerts.of(record.value(), followers.values(), clock.instant())) {
                context.forward(record.withKey(alert.key).withValue(alert.value));
            }
        }
    }
}
