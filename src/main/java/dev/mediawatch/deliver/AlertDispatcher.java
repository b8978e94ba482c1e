package dev.mediawatch.deliver;

import dev.mediawatch.kafka.TableReader;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliver role: a consumer group on {@code mediawatch.alerts} that sends each alert to every
 * channel of its subscription and commits only after the batch has been handled (at least once).
 */
public final class AlertDispatcher implements AutoCloseable {
    public static final String GROUP_ID = "mediawatch-deliver";
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    private final KafkaConsumer<String, Alert> consumer;
    private final TableReader<String, Subscription> subscriptions;
    private final Map<String, Sink> sinks;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread loop;

    public AlertDispatcher(String bootstrapServers, List<Sink> sinks) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Alerts are written in transactions: read only committed ones.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(p, Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
        this.subscriptions = new TableReader<>(bootstrapServers, Topics.SUBSCRIPTIONS);
        this.sinks = sinks.stream().collect(Collectors.toMap(Sink::type, Function.identity()));
        this.loop = new Thread(this::run, "mediawatch-dispatcher");
    }

    public void start() {
        subscriptions.start();
        loop.start();
    }

    private void run() {
        try {
            if (!subscriptions.awaitCaughtUp(Duration.ofSeconds(60))) {
                LOG.warn("subscriptions not fully read after 60 s; delivering with what is known");
            }
            consumer.subscribe(Set.of(Topics.ALERTS.name()));
            while (running.get()) {
                ConsumerRecords<String, Alert> batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, Alert> record : batch) deliver(record.value());
                if (!batch.isEmpty()) consumer.commitSync();
            }
        } catch (WakeupException e) {
            if (running.get()) throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("dispatcher stopped: {}", e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private void deliver(Alert alert) {
        if (alert == null) return;
        Optional<Subscription> subscription = subscriptions.get(alert.subscriptionId());
        if (subscription.isEmpty()) {
            LOG.warn("alert {} for unknown subscription {} not delivered", alert.alertId(), alert.subscriptionId());
            return;
        }
        for (Channel channel : subscription.get().deliver()) {
            Sink sink = sinks.get(channel.type());
            if (sink == null) {
                LOG.warn("alert {}: no sink for channel type {}", alert.alertId(), channel.type());
                continue;
            }
            try {
                sink.send(alert, channel);
                LOG.debug("alert {} delivered to {}", alert.alertId(), channel);
            } catch (DeliveryException e) {
                LOG.warn("alert {} not delivered to {}: {}", alert.alertId(), channel, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscriptions.close();
    }
}
