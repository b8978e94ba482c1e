package dev.mediawatch.bench;

import dev.mediawatch.kafka.Topic;
import dev.mediawatch.kafka.TypedProducer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The broker's own limit, the {@code kafka-producer-perf-test} way: N records of the benchmark's
 * article size produced as fast as the producer goes, with the pipeline's producer settings (the
 * {@link TypedProducer}: acks=all, idempotent, linger 5 ms), while a consumer reads them back. The
 * produce-and-consume rate is N over the time from the first send to the last record read, measured on
 * a second pass after an untimed first one (until 2026-11-29 21:45 UTC the only pass ran cold, at the
 * JVM's start, while the pipeline is measured after a minute's warm-up).
 */
final class BrokerLimit {
    static final String TOPIC = "mediawatch-bench.broker-limit";

    /** @param recordsPerSecond produced and read back; the figure the pipeline is held against */
    record Result(int records, int recordBytes, double produceRecordsPerSecond, double recordsPerSecond,
                  double megabytesPerSecond) {
    }

    private BrokerLimit() {
    }

    static Result measure(String bootstrap, List<byte[]> values, int records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // Same partitions as mediawatch.articles.raw.
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        long bytes = 0;
        for (int i = 0; i < records; i++) bytes += values.get(i % values.size()).length;
        Topic<String, byte[]> topic = new Topic<>(TOPIC, Serdes.String(), Serdes.ByteArray());
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            consumer.subscribe(Set.of(TOPIC));
            while (consumer.assignment().size() < 3) consumer.poll(Duration.ofMillis(100));
            AtomicLong read = new AtomicLong();
            try (TypedProducer producer = new TypedProducer(bootstrap)) {
                // One record first, so the producer's start-up (metadata, producer id) is not timed.
                producer.send(topic, "warm-up", values.get(0)).get(30, TimeUnit.SECONDS);
                while (read.get() < 1) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) read.incrementAndGet();
                }
                // Then a whole untimed pass: the pipeline is measured after a minute's warm-up, so the
                // broker, producer and consumer are measured with their code compiled too.
                read.set(0);
                CompletableFuture<Long> warm = CompletableFuture.supplyAsync(() -> produce(producer, topic, values, records));
                consume(consumer, read, records, System.nanoTime(), warm, bytes);
                read.set(0);
                long start = System.nanoTime();
                CompletableFuture<Long> produced = CompletableFuture.supplyAsync(() -> produce(producer, topic, values, records));
                return consume(consumer, read, records, start, produced, bytes);
            }
        }
    }

    private static Result consume(KafkaConsumer<byte[], byte[]> consumer, AtomicLong read, int records, long start,
                                  CompletableFuture<Long> produced, long bytes) throws Exception {
        while (read.get() < records) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.value() != null) read.incrementAndGet();
            }
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(5)) {
                throw new IllegalStateException("broker limit: only " + read.get() + " of " + records + " read back");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double produceSeconds = produced.get() / 1e9;
        return new Result(records, (int) (bytes / records), records / produceSeconds, records / seconds,
                bytes / seconds / 1e6);
    }

    /** Sends every record and waits for the last acknowledgement; nanoseconds taken. */
    private static long produce(TypedProducer producer, Topic<String, byte[]> topic, List<byte[]> values, int records) {
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) producer.send(topic, "k" + i, values.get(i % values.size()));
        producer.flush();
        return System.nanoTime() - start;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "mediawatch-bench-broker-limit");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // What the stream reads with under exactly-once.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
