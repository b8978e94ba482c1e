package dev.mediawatch.stream;

import dev.mediawatch.model.Alert;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One alert per subscription and spike, in the spiking entity's task (a spike's id names its entity):
 * the alerted-spikes store remembers each pair for {@code retention}.
 */
final class OncePerSpike implements Processor<String, Alert, String, Alert> {
    private final String storeName;
    private final Duration retention;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, StoryAlertState> alerted;

    OncePerSpike(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.alerted = context.getStateStore(storeName);
        StoreExpiry.schedule(context, alerted, StoryAlertState::lastAt, now -> now - retention.toMillis());
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null) return;
        String key = alert.subscriptionId() + "\nspike\n" + alert.storyId();
        if (alerted.get(key) != null) return;
        long now = record.timestamp();
        alerted.put(key, new StoryAlertState(now, now, 0));
        StreamMetrics.alertEmitted(alert);
        context.forward(record);
    }
}
