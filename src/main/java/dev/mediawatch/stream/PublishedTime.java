package dev.mediawatch.stream;

import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Re-stamps records with their article's published time, so coverage windows count by when
 * outlets published, not when mediawatch fetched. Records without one keep their timestamp.
 */
final class PublishedTime<V> implements FixedKeyProcessor<String, V, V> {
    private final Function<V, Instant> published;
    private FixedKeyProcessorContext<String, V> context;

    PublishedTime(Function<V, Instant> published) {
        this.published = published;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        Instant at = record.value() == null ? null : published.apply(record.value());
        // An article cannot be published after it reached us: a feed's future date would otherwise
        // push stream time ahead and make every honest article look late.
        long ts = at == null ? record.timestamp() : Math.min(at.toEpochMilli(), record.timestamp());
        context.forward(record.withTimestamp(ts));
    }
}
