package dev.mediawatch.cli;

import dev.mediawatch.kafka.TableReader;
import dev.mediawatch.kafka.Topic;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.FeedStatus;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Reads and writes the feed registry of a running cluster for the {@code feeds} commands: whole
 * compacted topics through {@link TableReader}, writes acknowledged before the command returns, and
 * a clear error (not a minute-long hang) when the cluster cannot be reached.
 */
final class RegistryAccess implements AutoCloseable {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final String bootstrapServers;
    private final Duration timeout;
    private TypedProducer producer;

    RegistryAccess(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** Registered feeds by id, sorted. */
    Map<String, FeedSource> feeds() throws RegistryException {
        return read(Topics.FEEDS);
    }

    /** Feed statuses by feed id, sorted. */
    Map<String, FeedStatus> statuses() throws RegistryException {
        return read(Topics.FEED_STATUS);
    }

    private <K extends Comparable<K>, V> Map<K, V> read(Topic<K, V> topic) throws RegistryException {
        try (TableReader<K, V> reader = new TableReader<>(bootstrapServers, topic).start()) {
            if (!reader.awaitCaughtUp(timeout)) {
                throw new RegistryException("cannot read " + topic.name() + " from " + bootstrapServers + " within "
                        + timeout.toSeconds() + "s (is the cluster running, and were the topics applied?)");
            }
            return new TreeMap<>(reader.snapshot());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted", e);
        }
    }

    /** Writes a value (null: a tombstone) and waits for the broker to acknowledge it. */
    <V> void write(Topic<String, V> topic, String key, V value) throws RegistryException {
        await(producer().send(topic, key, value), topic);
    }

    private void await(Future<?> sent, Topic<?, ?> topic) throws RegistryException {
        try {
            sent.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RegistryException("cannot write to " + topic.name() + " at " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new RegistryException("no acknowledgement from " + bootstrapServers + " for " + topic.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted", e);
        }
    }

    private TypedProducer producer() {
        if (producer == null) {
            producer = new TypedProducer(bootstrapServers, Map.of(
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis(),
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    // must be at least linger + request timeout, or the producer refuses its configuration
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 15_000)));
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) producer.close();
    }

    /** The cluster could not be read or written; the message says which and where. */
    static final class RegistryException extends Exception {
        RegistryException(String message) {
            super(message);
        }

        RegistryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
