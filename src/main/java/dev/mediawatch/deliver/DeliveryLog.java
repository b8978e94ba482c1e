package dev.mediawatch.deliver;

import dev.mediawatch.kafka.TableReader;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.model.Delivery;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The audit trail {@code mediawatch.deliveries}, read in full and followed (so the delivered set survives
 * restarts and rebalances), with this process's own outcomes visible at once, before the topic echoes them.
 */
public final class DeliveryLog implements AutoCloseable {
    private final TableReader<String, Delivery> reader;
    private final TypedProducer producer;
    private final Map<String, Delivery> local = new ConcurrentHashMap<>();

    /** A log that records: {@code producer} may be null for a read-only view (the API, the CLI). */
    public DeliveryLog(String bootstrapServers, TypedProducer producer) {
        this.reader = new TableReader<>(bootstrapServers, Topics.DELIVERIES);
        this.producer = producer;
    }

    public DeliveryLog start() {
        reader.start();
        return this;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return reader.awaitCaughtUp(timeout);
    }

    /**
     * Records an outcome: visible here at once, durable after {@link #flush()}. It is handed to the
     * producer before it shows here, so a {@link #flush()} by anyone who has seen it here covers it (in
     * the other order, a flush between the two could return before the send and the topic lack it).
     */
    public void record(Delivery d) {
        if (producer == null) throw new IllegalStateException("this delivery log is read-only");
        try {
            producer.send(Topics.DELIVERIES, d.key(), d);
        } finally {
            local.put(d.key(), d);
        }
    }

    /** Blocks until every recorded outcome is in the topic: called before offsets are committed. */
    public void flush() {
        if (producer != null) producer.flush();
    }

    public Optional<Delivery> get(String alertId, String channelKey) {
        String key = Delivery.key(alertId, channelKey);
        return Optional.ofNullable(newer(local.get(key), reader.get(key).orElse(null)));
    }

    /** The latest outcome of every alert on every channel. */
    public Collection<Delivery> all() {
        Map<String, Delivery> merged = new HashMap<>(reader.snapshot());
        local.forEach((k, d) -> merged.merge(k, d, DeliveryLog::newer));
        return merged.values();
    }

    private static Delivery newer(Delivery a, Delivery b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.time().isAfter(a.time()) ? b : a;
    }

    @Override
    public void close() {
        flush();
        reader.close();
    }
}
