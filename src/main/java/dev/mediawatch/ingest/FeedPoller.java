package dev.mediawatch.ingest;

import dev.mediawatch.kafka.TableReader;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.metrics.MediawatchMetrics;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.FeedStatus;
import dev.mediawatch.model.RawArticle;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll role. Pollers form a consumer group over {@code mediawatch.feeds}: each instance reads
 * the feeds of the partitions it is assigned (from the start of the compacted topic, never
 * committing), polls each when due, and produces new articles to {@code mediawatch.articles.raw}
 * and the feed's state to {@code mediawatch.feed-status}. When an instance leaves, the group gives
 * its partitions, and so its feeds, to the others.
 *
 * <p>Hand-over without double polls: an instance giving a partition up first waits for the polls of
 * its feeds in flight and flushes their status; the cooperative assignor only then gives the
 * partition to another instance, which reads {@code mediawatch.feed-status} up to its end before it
 * takes the feeds over, and so continues with their validators, schedule, back-off and seen items.
 *
 * <p>Politeness without starving other hosts: the dispatcher starts at most
 * {@link HostLimiter#maxConcurrent()} polls per feed host at a time; a due feed of a busy host simply
 * stays due (no thread waits for it) while other hosts' feeds go ahead. Within a poll, every request
 * takes its turn from the fetcher's {@link HostLimiter}, so page fetches are paced too; the worker
 * pool is larger than the per-host limit, so a few slow hosts cannot occupy every worker.
 */
public final class FeedPoller implements AutoCloseable {
    public static final String GROUP_ID = "mediawatch-poller";
    private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
    private static final int SEEN_PER_FEED = 5_000;
    /** How long a revocation waits for the polls in flight of the feeds it gives up. */
    private static final Duration HAND_OVER_WAIT = Duration.ofSeconds(30);
    private static final Duration STATUS_SYNC_WAIT = Duration.ofSeconds(15);

    private final KafkaConsumer<String, FeedSource> consumer;
    private final TypedProducer producer;
    private final TableReader<String, FeedStatus> statuses;
    private final FeedPollJob job;
    private final PollSchedule schedule;
    private final Clock clock;
    private final int perHost;
    private final ExecutorService workers;
    private final Map<String, Tracked> feeds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> pollsPerHost = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread loop;

    /** A feed this instance owns, with its status and the items it has already turned into articles. */
    private static final class Tracked {
        volatile FeedSource source;
        volatile FeedStatus status;
        volatile int partition;
        final Set<String> seen = BoundedSet.create(SEEN_PER_FEED);
        final AtomicBoolean inFlight = new AtomicBoolean();

        Tracked(FeedSource source, int partition, FeedStatus status) {
            this.source = source;
            this.partition = partition;
            this.status = status;
            seen.addAll(status.seenItems());
        }

        String host() {
            try {
                return HostLimiter.hostOf(URI.create(source.url()));
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
    }

    /**
     * @param threads poll workers; more than the fetcher's per-host limit, so one slow host cannot occupy them all
     */
    public FeedPoller(String bootstrapServers, HttpFetcher fetcher, PollSchedule schedule, Clock clock, int threads) {
        this.consumer = new KafkaConsumer<>(consumerProps(bootstrapServers), Topics.FEEDS.keySerde().deserializer(),
                Topics.FEEDS.valueSerde().deserializer());
        this.producer = new TypedProducer(bootstrapServers);
        this.statuses = new TableReader<>(bootstrapServers, Topics.FEED_STATUS);
        this.job = new FeedPollJob(fetcher, schedule, clock);
        this.schedule = schedule;
        this.clock = clock;
        this.perHost = fetcher.hostLimiter().maxConcurrent();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mediawatch-poll-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.loop = new Thread(this::run, "mediawatch-poller");
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
        statuses.start();
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
                for (ConsumerRecord<String, FeedSource> record : consumer.poll(Duration.ofMillis(250))) {
                    update(record);
                }
                try {
                    dispatchDue();
                } catch (RuntimeException e) {
                    // A fault in one turn must not end polling: the feeds stay due and the next turn retries.
                    LOG.error("dispatching due feeds failed; trying again next turn: {}", e.toString(), e);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) LOG.error("poller woken up unexpectedly; stopping");
        } catch (RuntimeException e) {
            LOG.error("poller stopped: {}", e.toString(), e);
        } finally {
            // Leaving the group revokes every partition (waiting for polls in flight), so others take over at once.
            consumer.close(CloseOptions.timeout(HAND_OVER_WAIT.plusSeconds(5)));
        }
    }

    private void update(ConsumerRecord<String, FeedSource> record) {
        if (record.key() == null) return;
        if (record.value() == null) {
            Tracked gone = feeds.remove(record.key());
            if (gone != null) {
                forget(gone);
                LOG.info("feed {} removed", record.key());
            }
            return;
        }
        FeedSource source = record.value();
        Tracked existing = feeds.get(record.key());
        if (existing == null) {
            Tracked t = new Tracked(source, record.partition(), restore(source));
            feeds.put(source.id(), t);
            MediawatchMetrics.FEEDS_OWNED.inc();
            if (!t.status.healthy()) MediawatchMetrics.FEEDS_FAILING.inc();
            return;
        }
        FeedSource old = existing.source;
        existing.source = source;
        existing.partition = record.partition();
        if (!old.url().equals(source.url())) {
            // Validators, hashes and seen items belong to the old URL.
            setStatus(existing, FeedStatus.initial(source));
        } else if (!Objects.equals(old.interval(), source.interval())) {
            setStatus(existing, existing.status.withInterval(null));
        }
    }

    /** The feed's last status as written by whichever instance polled it last, if it is for this URL. */
    private FeedStatus restore(FeedSource source) {
        FeedStatus last = statuses.get(source.id()).orElse(null);
        if (last == null || !source.url().equals(last.url())) return FeedStatus.initial(source);
        LOG.info("feed {}: status restored (last poll {}, next poll {}, {} failures)", source.id(), last.lastPollAt(),
                last.nextPollAt(), last.consecutiveFailures());
        return last;
    }

    private void dispatchDue() {
        Instant now = clock.instant();
        // Each feed's due time is read once: workers update statuses while this runs, and a sort whose
        // keys change under it breaks.
        List<Map.Entry<Instant, Tracked>> due = new ArrayList<>();
        for (Tracked t : feeds.values()) {
            Instant next = t.status.nextPollAt();
            if (next == null || !next.isAfter(now)) due.add(Map.entry(next == null ? Instant.MIN : next, t));
        }
        // Longest overdue first: when a host's slots are scarce, feeds due again at once must not
        // take them turn after turn while others of that host wait (never-polled feeds go first).
        due.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Instant, Tracked> entry : due) {
            Tracked t = entry.getValue();
            AtomicInteger hostPolls = pollsPerHost.computeIfAbsent(t.host(), h -> new AtomicInteger());
            // A busy host's due feed stays due; it is looked at again on the next turn of the loop.
            if (hostPolls.get() >= perHost || !t.inFlight.compareAndSet(false, true)) continue;
            hostPolls.incrementAndGet();
            workers.submit(() -> {
                try {
                    pollOne(t);
                } finally {
                    hostPolls.decrementAndGet();
                    t.inFlight.set(false);
                }
            });
        }
    }

    private void pollOne(Tracked t) {
        FeedSource source = t.source;
        try {
            FeedPollJob.Outcome outcome = job.poll(source, t.status, t.seen);
            for (RawArticle a : outcome.articles()) {
                producer.send(Topics.ARTICLES_RAW, a.articleId(), a);
            }
            if (!outcome.articles().isEmpty()) {
                MediawatchMetrics.ARTICLES_PRODUCED.labelValues(source.outlet()).inc(outcome.articles().size());
            }
            record(t, source, outcome.status());
            LOG.info("feed {}: {} ({} new articles, next poll {})", source.id(), outcome.status().result(),
                    outcome.articles().size(), outcome.status().nextPollAt());
        } catch (RuntimeException e) {
            LOG.error("poll of feed {} failed unexpectedly: {}", source.id(), e.toString(), e);
            FeedStatus p = t.status;
            Instant now = clock.instant();
            int failures = p.consecutiveFailures() + 1;
            record(t, source, new FeedStatus(source.id(), source.url(), p.etag(), p.lastModified(), p.contentHash(),
                    now, p.lastSuccessAt(), schedule.afterFailure(now, p.interval(), failures, null), "internal-error",
                    failures, e.toString(), p.itemsSeen(), p.interval(), p.lastFetchedAt(), p.seenItems()));
        }
    }

    private void record(Tracked t, FeedSource source, FeedStatus status) {
        MediawatchMetrics.FEED_POLLS.labelValues(source.id(), status.result()).inc();
        if (!status.healthy()) MediawatchMetrics.FEED_POLL_FAILURES.labelValues(source.id(), status.result()).inc();
        if (feeds.get(source.id()) != t) return; // removed while polling: its status was deleted, keep it so
        setStatus(t, status);
        producer.send(Topics.FEED_STATUS, source.id(), status);
        producer.flush();
    }

    private static void setStatus(Tracked t, FeedStatus status) {
        boolean wasFailing = !t.status.healthy();
        t.status = status;
        if (wasFailing && status.healthy()) MediawatchMetrics.FEEDS_FAILING.dec();
        if (!wasFailing && !status.healthy()) MediawatchMetrics.FEEDS_FAILING.inc();
    }

    private static void forget(Tracked t) {
        MediawatchMetrics.FEEDS_OWNED.dec();
        if (!t.status.healthy()) MediawatchMetrics.FEEDS_FAILING.dec();
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            loop.join(HAND_OVER_WAIT.plusSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        statuses.close();
        producer.close();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) return;
            Set<Integer> gone = new HashSet<>();
            partitions.forEach(p -> gone.add(p.partition()));
            List<Tracked> leaving = feeds.values().stream().filter(t -> gone.contains(t.partition)).toList();
            awaitPollsInFlight(leaving);
            // The next owner restores what is written here; it must be on the broker before the partition moves.
            producer.flush();
            leaving.forEach(t -> {
                if (feeds.remove(t.source.id(), t)) forget(t);
            });
            LOG.info("poller gave up feed partitions {} ({} feeds)", gone, leaving.size());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) return;
            awaitStatuses();
            // The compacted topic is the registry: read it whole for the partitions now owned.
            consumer.seekToBeginning(partitions);
            LOG.info("poller assigned feed partitions {}", partitions.stream().map(TopicPartition::partition).toList());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another instance may own these already: drop them without writing anything more.
            Set<Integer> gone = new HashSet<>();
            partitions.forEach(p -> gone.add(p.partition()));
            feeds.values().stream().filter(t -> gone.contains(t.partition)).toList()
                    .forEach(t -> {
                        if (feeds.remove(t.source.id(), t)) forget(t);
                    });
        }
    }

    private void awaitPollsInFlight(List<Tracked> leaving) {
        long deadline = System.nanoTime() + HAND_OVER_WAIT.toNanos();
        for (Tracked t : leaving) {
            while (t.inFlight.get() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (t.inFlight.get()) LOG.warn("feed {} handed over while its poll is still running", t.source.id());
        }
    }

    /** Reads the status topic to its current end, so feeds taken over continue where their last owner stopped. */
    private void awaitStatuses() {
        try {
            statuses.sync().get(STATUS_SYNC_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("feed status not read to its end within {}; feeds taken over may be polled early", STATUS_SYNC_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Properties consumerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Classic protocol with the cooperative assignor: a partition moves only after its old owner has
        // released it (and flushed its feeds' status), and a rebalance does not stop the other feeds.
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // A crashed instance's feeds move after this long without heartbeats (a clean stop leaves at once).
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return p;
    }
}
