package dev.mediawatch.deliver;

import dev.mediawatch.kafka.TableReader;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Delivery;
import dev.mediawatch.model.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliver role: a consumer group on {@code mediawatch.alerts} that hands each alert to a
 * {@link ChannelWorker} per channel of its subscription and records every outcome in
 * {@code mediawatch.deliveries}.
 *
 * <p>At least once, without repeats: an alert's offset is committed only once every channel has settled it
 * and the outcome is flushed to the audit trail; an alert whose outcome is already there (delivered, failed,
 * disabled or pending for a digest) is not handed out again, whether it comes back after a restart, a crash
 * between send and commit, or a rebalance. Workers run apart, so one slow channel never delays the others;
 * it only holds back the commit of its own alerts.
 */
public final class AlertDispatcher implements AutoCloseable {
    public static final String GROUP_ID = "mediawatch-deliver";
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    /** Alerts with work outstanding before the consumer pauses; memory stays bounded when a channel is down. */
    private static final int MAX_OUTSTANDING = 10_000;

    private final KafkaConsumer<String, Alert> consumer;
    private final TableReader<String, Subscription> subscriptions;
    private final TypedProducer producer;
    private final DeliveryLog log;
    private final Map<String, Sink> sinks;
    private final Clock clock;
    private final Map<String, ChannelWorker> workers = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final OffsetTracker tracker = new OffsetTracker();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread loop;
    private volatile boolean paused;

    public AlertDispatcher(String bootstrapServers, List<Sink> sinks) {
        this(bootstrapServers, sinks, Clock.systemUTC());
    }

    public AlertDispatcher(String bootstrapServers, List<Sink> sinks, Clock clock) {
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
        this.producer = new TypedProducer(bootstrapServers);
        this.log = new DeliveryLog(bootstrapServers, producer);
        this.sinks = sinks.stream().collect(Collectors.toMap(Sink::type, Function.identity()));
        this.clock = clock;
        this.loop = new Thread(this::run, "mediawatch-dispatcher");
    }

    /**
     * The Kafka clients' own metrics, consumer and producer together (each tagged with its client id),
     * for the Prometheus bridge: reading them is thread-safe.
     */
    public java.util.Map<org.apache.kafka.common.MetricName, org.apache.kafka.common.Metric> kafkaMetrics() {
        java.util.Map<org.apache.kafka.common.MetricName, org.apache.kafka.common.Metric> all =
                new java.util.HashMap<>(consumer.metrics());
        all.putAll(producer.metrics());
        return all;
    }

    public void start() {
        subscriptions.start();
        log.start();
        loop.start();
    }

    /** The audit trail this dispatcher writes, for the API. */
    public DeliveryLog log() {
        return log;
    }

    private void run() {
        try {
            if (!subscriptions.awaitCaughtUp(Duration.ofSeconds(60))) {
                LOG.warn("subscriptions not fully read after 60 s; delivering with what is known");
            }
            // The delivered set must be complete before the first alert is looked at.
            if (!log.awaitCaughtUp(Duration.ofSeconds(120))) {
                LOG.warn("delivery log not fully read after 120 s; some alerts may be delivered twice");
            }
            consumer.subscribe(Set.of(Topics.ALERTS.name()), new Rebalance());
            while (running.get()) {
                ConsumerRecords<String, Alert> batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, Alert> record : batch) dispatch(record);
                commit();
                applyBackPressure();
            }
        } catch (WakeupException e) {
            if (running.get()) throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("dispatcher stopped: {}", e.toString(), e);
        } finally {
            try {
                commit();
            } catch (RuntimeException e) {
                LOG.warn("final commit failed: {}", e.toString());
            }
            consumer.close();
        }
    }

    private void dispatch(ConsumerRecord<String, Alert> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        Alert alert = record.value();
        List<Runnable> handOuts = alert == null ? List.of() : handOuts(alert, tp, record.offset());
        // Registered before any worker can settle it.
        tracker.polled(tp, record.offset(), handOuts.size());
        handOuts.forEach(Runnable::run);
    }

    /** What to hand to which worker: one per channel not yet settled for this alert. */
    private List<Runnable> handOuts(Alert alert, TopicPartition tp, long offset) {
        Optional<Subscription> subscription = subscriptions.get(alert.subscriptionId());
        if (subscription.isEmpty()) {
            LOG.warn("alert {} for unknown subscription {} not delivered", alert.alertId(), alert.subscriptionId());
            return List.of();
        }
        List<Runnable> out = new ArrayList<>();
        for (Channel channel : subscription.get().deliver()) {
            Sink sink = sinks.get(channel.type());
            if (sink == null) {
                LOG.warn("alert {}: no sink for channel type {}", alert.alertId(), channel.type());
                continue;
            }
            String key = ChannelKey.of(channel);
            String job = Delivery.key(alert.alertId(), key);
            if (log.get(alert.alertId(), key).filter(Delivery::settled).isPresent()) {
                LOG.debug("alert {} already settled on channel {}; not sent again", alert.alertId(), key);
                continue;
            }
            if (!inFlight.add(job)) continue;
            ChannelWorker worker = worker(channel, sink);
            ChannelWorker.Item item = new ChannelWorker.Item(alert, alert.subscriptionId(), tp.partition(),
                    clock.instant(), () -> {
                        inFlight.remove(job);
                        tracker.settled(tp, offset);
                    });
            out.add(() -> worker.enqueue(item));
        }
        return out;
    }

    private ChannelWorker worker(Channel channel, Sink sink) {
        return workers.computeIfAbsent(ChannelKey.of(channel), key -> {
            boolean disabled = log.all().stream().anyMatch(d -> d.channelKey().equals(key) && d.disabledChannel());
            if (disabled) LOG.warn("channel {} ({}) stays disabled: its destination answered 410 Gone", key, channel.type());
            return new ChannelWorker(channel, sink, log, clock, disabled).start();
        });
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        if (offsets.isEmpty()) return;
        log.flush();   // outcomes first: a commit must never run ahead of the audit trail
        consumer.commitSync(offsets);
        tracker.committed(offsets);
    }

    private void applyBackPressure() {
        int outstanding = tracker.outstanding();
        if (!paused && outstanding > MAX_OUTSTANDING) {
            consumer.pause(consumer.assignment());
            paused = true;
            LOG.warn("{} alerts wait on slow channels; pausing intake", outstanding);
        } else if (paused && outstanding < MAX_OUTSTANDING / 2) {
            consumer.resume(consumer.paused());
            paused = false;
            LOG.info("intake resumed");
        }
    }

    /** Pending digests belong to whoever owns their alerts' partition; so does the commit position. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commit();
            } catch (RuntimeException e) {
                LOG.warn("commit on revocation failed: {}", e.toString());
            }
            release(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Set<Integer> numbers = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
            for (Delivery d : log.all()) {
                if (d.status().equals(Delivery.PENDING_DIGEST) && d.alert() != null && d.partition() != null
                        && numbers.contains(d.partition())) {
                    restorePending(d);
                }
            }
        }

        private void release(Collection<TopicPartition> partitions) {
            Set<Integer> numbers = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
            workers.values().forEach(w -> w.forgetPartitions(numbers));
            tracker.forget(partitions);
        }
    }

    private void restorePending(Delivery d) {
        Optional<Channel> channel = subscriptions.get(d.subscriptionId()).stream()
                .flatMap(s -> s.deliver().stream())
                .filter(c -> ChannelKey.of(c).equals(d.channelKey()))
                .findFirst();
        Sink sink = channel.map(c -> sinks.get(c.type())).orElse(null);
        if (channel.isEmpty() || sink == null) {
            LOG.warn("alert {} waits for the digest of channel {}, which is no longer configured; not sent",
                    d.alertId(), d.channelKey());
            return;
        }
        worker(channel.get(), sink).restorePending(new ChannelWorker.Item(d.alert(), d.subscriptionId(),
                d.partition(), d.time(), () -> { }));
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
        workers.values().forEach(ChannelWorker::close);
        log.close();
        producer.close();
        subscriptions.close();
    }
}
