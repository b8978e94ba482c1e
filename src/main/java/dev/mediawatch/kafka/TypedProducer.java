package dev.mediawatch.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** One idempotent producer that writes to any {@link Topic} with that topic's serdes. */
public final class TypedProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;

    public TypedProducer(String bootstrapServers, Map<String, Object> overrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // One request in flight: a batch retried after NOT_LEADER_OR_FOLLOWER (a new partition's leader
        // being elected) goes out before any later batch, so the broker can never see it out of order.
        // Registry, status and article volumes are small next to what one connection carries.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.putAll(overrides);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public TypedProducer(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    public <K, V> Future<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
        byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
        return producer.send(new ProducerRecord<>(topic.name(), k, v));
    }

    public void flush() {
        producer.flush();
    }

    /** The producer's own metrics (thread-safe: read at each Prometheus scrape). */
    public java.util.Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> metrics() {
        return producer.metrics();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
