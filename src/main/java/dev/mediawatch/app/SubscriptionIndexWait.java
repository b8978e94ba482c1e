package dev.mediawatch.app;

import dev.mediawatch.model.Subscription;
import dev.mediawatch.stream.EntityFollowers;
import dev.mediawatch.stream.MediawatchTopology;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the stream's stores hold the given subscriptions (every one, and each under the entities
 * it follows), queried through interactive queries. Used at start-up so that the first articles polled meet the
 * subscriptions that were upserted a moment before.
 */
public final class SubscriptionIndexWait {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionIndexWait.class);

    private SubscriptionIndexWait() {
    }

    static boolean await(KafkaStreams streams, List<Subscription> subscriptions, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (indexed(streams, subscriptions)) return true;
            Thread.sleep(100);
        }
        LOG.warn("subscriptions not yet indexed by the stream after {} s; polling starts anyway", timeout.toSeconds());
        return false;
    }

    /** Whether the stream's stores hold every one of these subscriptions, as they are, where alerts read them. */
    public static boolean indexed(KafkaStreams streams, List<Subscription> subscriptions) {
        if (streams.state() != KafkaStreams.State.RUNNING) return false;
        try {
            ReadOnlyKeyValueStore<String, Subscription> followers = streams.store(StoreQueryParameters.fromNameAndType(
                    MediawatchTopology.ENTITY_FOLLOWERS_STORE, QueryableStoreTypes.keyValueStore()));
            // Entity and query alerts come from the story task's store of every subscription; spike alerts
            // from the entities' followers.
            ReadOnlyKeyValueStore<String, Subscription> all = streams.store(StoreQueryParameters.fromNameAndType(
                    MediawatchTopology.ALL_SUBSCRIPTIONS_STORE, QueryableStoreTypes.keyValueStore()));
            for (Subscription s : subscriptions) {
                if (!s.equals(all.get(s.id()))) return false;
                for (String entity : s.entities()) {
                    if (!s.equals(followers.get(EntityFollowers.key(entity, s.id())))) return false;
                }
            }
            return true;
        } catch (InvalidStateStoreException e) {
            return false; // rebalancing or restoring: ask again shortly
        }
    }
}
