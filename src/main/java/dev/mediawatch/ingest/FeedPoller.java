package dev.mediawatch.ingest;

import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.FeedStatus;
import dev.mediawatch.model.RawArticle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll role. Pollers form a consumer group over {@code mediawatch.feeds}: each instance reads
 * the feeds of the partitions it is assigned (from the start of the compacted topic, never
 * committing), polls each when due, and produces new articles to {@code mediawatch.articles.raw}
 * and the feed's state to {@code mediawatch.feed-status}. When an instance leaves, the group gives
 * its partitions, and so its feeds, to the others.
 */
public final class FeedPoller implements AutoCloseable {
    public static final String GROUP_ID = "mediawatch-poller";
    private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
    private static final int SEEN_PER_FEED = 5_000;

    private final KafkaConsumer<String, FeedSource> consumer;
    private final TypedProducer producer;
    private final FeedPollJob job;
    private final Clock clock;
    private final ExecutorService workers;
    private final Map<String, Tracked> feeds = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread loop;

    /** A feed this instance owns, with its status and the links it has already turned into articles. */
    private static final class Tracked {
        volatile FeedSource source;
        volatile FeedStatus status;
        volatile int partition;
        final Set<String> seen = BoundedSet.create(SEEN_PER_FEED);
        final AtomicBoolean inFlight = new AtomicBoolean();

        Tracked(FeedSource source, int partition) {
            this.source = source;
            this.partition = partition;
            this.status = FeedStatus.initial(source);
        }
    }

    public FeedPoller(String bootstrapServers, HttpFetcher fetcher, PollSchedule schedule, Clock clock, int threads) {
        this.consumer = new KafkaConsumer<>(consumerProps(bootstrapServers), Topics.FEEDS.keySerde().deserializer(),
                Topics.FEEDS.valueSerde().deserializer());
        this.producer = new TypedProducer(bootstrapServers);
        this.job = new FeedPollJob(fetcher, schedule, clock);
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mediawatch-poll-worker");
            t.setDaemon(true);
            return t;
        });
        this.loop = new Thread(this::run, "mediawatch-poller");
    }

    public void start() {
        loop.start();
    }

    /** The feeds this instance polls now, by id. */
    public Set<String> ownedFeeds() {
        return Set.copyOf(feeds.keySet());
    }

    private void run() {
        consumer.subscribe(Set.of(Topics.FEEDS.name()), new Rebalance());
        try {
            while (running.get()) {
                for (ConsumerRecord<String, FeedSource> record : consumer.poll(Duration.ofMillis(500))) {
                    update(record);
                }
                dispatchDue();
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            if (running.get()) throw e;
        } catch (RuntimeException e) {
            LOG.error("poller stopped: {}", e.toString(), e);
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void update(ConsumerRecord<String, FeedSource> record) {
        if (record.key() == null) return;
        if (record.value() == null) {
            feeds.remove(record.key());
            LOG.info("feed {} removed", record.key());
            return;
        }
        feeds.compute(record.key(), (id, tracked) -> {
            if (tracked == null) return new Tracked(record.value(), record.partition());
            tracked.source = record.value();
            tracked.partition = record.partition();
            return tracked;
        });
    }

    private void dispatchDue() {
        Instant now = clock.instant();
        for (Tracked t : feeds.values()) {
            Instant next = t.status.nextPollAt();
            if ((next == null || !next.isAfter(now)) && t.inFlight.compareAndSet(false, true)) {
                workers.submit(() -> pollOne(t));
            }
        }
    }

    private void pollOne(Tracked t) {
        try {
            FeedSource source = t.source;
            FeedPollJob.Outcome outcome = job.poll(source, t.status, t.seen);
            for (RawArticle a : outcome.articles()) {
                producer.send(Topics.ARTICLES_RAW, a.articleId(), a);
            }
            t.status = outcome.status();
            producer.send(Topics.FEED_STATUS, source.id(), outcome.status());
            producer.flush();
            LOG.info("feed {}: {} ({} new articles, next poll {})", source.id(), outcome.status().result(),
                    outcome.articles().size(), outcome.status().nextPollAt());
        } catch (RuntimeException e) {
            LOG.error("poll of feed {} failed unexpectedly: {}", t.source.id(), e.toString(), e);
            t.status = new FeedStatus(t.source.id(), t.source.url(), null, null, null, clock.instant(), null,
                    clock.instant().plus(Duration.ofMinutes(1)), "internal-error", t.status.consecutiveFailures() + 1,
                    e.toString(), t.status.itemsSeen());
        } finally {
            t.inFlight.set(false);
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
        workers.shutdownNow();
        producer.close();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<Integer> gone = new HashSet<>();
            partitions.forEach(p -> gone.add(p.partition()));
            feeds.values().removeIf(t -> gone.contains(t.partition));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // The compacted topic is the registry: read it whole for the partitions now owned.
            consumer.seekToBeginning(partitions);
            LOG.info("poller assigned feed partitions {}", partitions.stream().map(TopicPartition::partition).toList());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }

    private static Properties consumerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }
}
