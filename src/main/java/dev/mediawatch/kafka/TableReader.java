package dev.mediawatch.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a whole compacted topic (every partition, from the beginning, no consumer group) into
 * an in-memory map, and keeps following it. For the small registries (subscriptions, feeds,
 * feed status) that every instance of a role needs in full.
 */
public final class TableReader<K, V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableReader.class);

    private final Topic<K, V> topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<K, V> table = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();

    public TableReader(String bootstrapServers, Topic<K, V> topic) {
        this.topic = topic;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "mediawatch-table-" + topic.shortName());
        this.thread.setDaemon(true);
    }

    public TableReader<K, V> start() {
        thread.start();
        return this;
    }

    /** Waits until everything in the topic when it started has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Completes once everything written to the topic before this call has been read (its end offsets
     * are looked up after the call, on the reader's thread). For a reader that must not act on a
     * stale value, e.g. a poller taking a feed over from another instance.
     */
    public CompletableFuture<Void> sync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        syncRequests.add(done);
        return done;
    }

    public Optional<V> get(K key) {
        return Optional.ofNullable(table.get(key));
    }

    public Map<K, V> snapshot() {
        return Map.copyOf(table);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Sync> pending = new ArrayList<>();
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) apply(r);
                if (caughtUp.getCount() > 0 && reached(end)) {
                    caughtUp.countDown();
                }
                for (CompletableFuture<Void> f; (f = syncRequests.poll()) != null; ) {
                    pending.add(new Sync(f, consumer.endOffsets(partitions)));
                }
                pending.removeIf(s -> reached(s.end()) && s.done().complete(null));
            }
        } catch (WakeupException e) {
            if (running.get()) LOG.error("table reader of {} woken up unexpectedly", topic.name());
        } catch (RuntimeException e) {
            LOG.error("table reader of {} stopped: {}", topic.name(), e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private record Sync(CompletableFuture<Void> done, Map<TopicPartition, Long> end) {
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        try {
            K key = topic.keySerde().deserializer().deserialize(topic.name(), r.key());
            if (key == null) return;
            V value = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
            if (value == null) table.remove(key);
            else table.put(key, value);
        } catch (SerializationException e) {
            LOG.warn("skipping unreadable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
