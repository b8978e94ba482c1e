package dev.mediawatch.stream;

import dev.mediawatch.metrics.MetricLabels;
import dev.mediawatch.model.Entity;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global entities store in step with {@code mediawatch.entities} (a null value deletes). */
final class EntityStoreUpdater implements Processor<String, Entity, Void, Void> {
    private final EntityIndex index;
    private KeyValueStore<String, Entity> store;

    EntityStoreUpdater(EntityIndex index) {
        this.index = index;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(MediawatchTopology.ENTITIES_STORE);
    }

    @Override
    public void process(Record<String, Entity> record) {
        if (record.key() == null) return;
        if (record.value() == null) store.delete(record.key());
        else {
            store.put(record.key(), record.value());
            MetricLabels.current().admitEntity(record.key());
        }
        index.markStale();
    }
}
