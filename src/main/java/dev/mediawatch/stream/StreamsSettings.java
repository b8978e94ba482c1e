package dev.mediawatch.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of {@code mediawatch run}. */
public final class StreamsSettings {
    public static final String APPLICATION_ID = "mediawatch-stream";

    private StreamsSettings() {
    }

    /** Committing at the default of {@code stream.commitInterval} (200 ms). */
    public static Properties properties(String bootstrapServers, Path stateDir, boolean exactlyOnce) {
        return properties(bootstrapServers, stateDir, exactlyOnce,
                dev.mediawatch.config.MediawatchConfig.StreamSettings.DEFAULT_COMMIT_INTERVAL);
    }

    /**
     * @param commitInterval how often transactional output is made visible: an alert crosses two commits
     */
    public static Properties properties(String bootstrapServers, Path stateDir, boolean exactlyOnce,
                                        Duration commitInterval) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                exactlyOnce ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // Poison records go to the dead-letter topic with headers naming the error; processing goes on.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        // Alerts within a second: commit (and so make transactional output visible) often.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // One stream thread. Two (one per core) doubled at-least-once throughput in the benchmark, but a
        // CI run then saw the first article raise no alert within 90 s at start-up (tasks moving as the
        // second thread joined); until that is understood, the proven single thread.
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // Alerts and articles are kilobytes each: larger batches mean fewer sender wake-ups per record.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        return p;
    }
}
