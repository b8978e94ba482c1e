package dev.mediawatch.stream;

import dev.mediawatch.model.Alert;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lets through the first alert of each subscription and story, and drops later ones within the
 * retention: a desk hears of a story once, not once per copy or per re-delivery of an article.
 */
final class OncePerStory implements Processor<String, Alert, String, Alert> {
    private final Duration retention;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Long> alerted;

    OncePerStory(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.alerted = context.getStateStore(MediawatchTopology.ALERTED_STORIES_STORE);
        context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null) return;
        String key = alert.subscriptionId() + '\n' + alert.kind() + '\n' + alert.storyId();
        if (alerted.get(key) != null) return;
        alerted.put(key, record.timestamp());
        StreamMetrics.alertEmitted(alert);
        context.forward(record);
    }

    private void expire(long now) {
        long cutoff = now - retention.toMillis();
        try (var all = alerted.all()) {
            while (all.hasNext()) {
                var kv = all.next();
                if (kv.value != null && kv.value < cutoff) alerted.delete(kv.key);
            }
        }
    }
}
