package dev.mediawatch.stream;

import dev.mediawatch.metrics.MetricLabels;
import dev.mediawatch.model.Subscription;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Re-keys subscriptions by entity, and every subscription under {@link EntitySubscriptions#ALL_KEY}.
 * It remembers each subscription's previous version so that an
 * entity dropped from a subscription (or a deleted subscription) removes it from that entity's followers.
 * A subscription upserted unchanged (every start re-publishes the config's) is still sent on: the stores
 * it reaches write nothing for it ({@link AllSubscriptions}, {@link EntityFollowers}), and under
 * at-least-once a change re-sent after a failure must not be dropped here because this store already
 * holds it.
 */
final class SubscriptionFanOut implements Processor<String, Subscription, String, SubscriptionChange> {
    private ProcessorContext<String, SubscriptionChange> context;
    private KeyValueStore<String, Subscription> previous;

    @Override
    public void init(ProcessorContext<String, SubscriptionChange> context) {
        this.context = context;
        this.previous = context.getStateStore(MediawatchTopology.SUBSCRIPTIONS_STORE);
    }

    @Override
    public void process(Record<String, Subscription> record) {
        String id = record.key();
        if (id == null) return;
        Subscription now = record.value();
        if (now != null) MetricLabels.current().admitSubscription(id);
        Subscription before = previous.get(id);
        Set<String> current = now == null ? Set.of() : new HashSet<>(now.entities());
        for (String entity : before == null ? List.<String>of() : before.entities()) {
            if (!current.contains(entity)) emit(record, entity, new SubscriptionChange(id, null));
        }
        for (String entity : current) emit(record, entity, new SubscriptionChange(id, now));
        if (now != null || before != null) emit(record, EntitySubscriptions.ALL_KEY, new SubscriptionChange(id, now));
        if (now == null) previous.delete(id);
        else previous.put(id, now);
    }

    private void emit(Record<String, Subscription> record, String entity, SubscriptionChange change) {
        context.forward(record.withKey(entity).withValue(change));
    }
}
