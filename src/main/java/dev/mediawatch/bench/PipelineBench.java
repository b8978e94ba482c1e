package dev.mediawatch.bench;

import dev.mediawatch.kafka.EmbeddedKafka;
import dev.mediawatch.kafka.TopicCatalog;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.RawArticle;
import dev.mediawatch.model.Subscription;
import dev.mediawatch.stream.MediawatchTopology;
import dev.mediawatch.stream.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream pipeline under load: a fresh embedded broker, the real topics, the real topology on
 * {@link KafkaStreams} with {@link StreamsSettings} (exactly-once or at-least-once), the synthetic
 * watchlist and subscriptions in their topics, and synthetic articles produced straight to
 * {@code mediawatch.articles.raw} at a paced rate. An article is through when its first alert is read
 * (read_committed) from {@code mediawatch.alerts}.
 */
final class PipelineBench implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineBench.class);
    private static final Duration READY_WAIT = Duration.ofMinutes(3);

    /** mediawatch.articles.raw with values already serialised. */
    private static final dev.mediawatch.kafka.Topic<String, byte[]> RAW_BYTES = new dev.mediawatch.kafka.Topic<>(
            Topics.ARTICLES_RAW.name(), org.apache.kafka.common.serialization.Serdes.String(),
            org.apache.kafka.common.serialization.Serdes.ByteArray());

    private final EmbeddedKafka broker;
    private final KafkaStreams streams;
    private final TypedProducer producer;
    private final AlertWatcher watcher;
    private final SyntheticNews news;
    private final String runTag;
    private long next;
    private List<String> pendingBacklog = List.of();

    /**
     * One rate step.
     *
     * @param targetRate    articles per second asked for
     * @param producedRate  articles per second actually produced
     * @param throughRate   articles through to their first alert, per second from the first send to the last first alert
     * @param sustained     every article's alert arrived within the lag bound after the step and the producer kept the pace
     * @param worstLagMillis how long after the step's last send its last article's alert came (or the bound, when it did not)
     * @param alertsPerArticle alerts read while the step ran and drained, per article produced
     */
    record Step(double targetRate, int articles, double producedRate, double throughRate, boolean sustained,
                long worstLagMillis, double alertsPerArticle) {
    }

    /** Latency from an article's timestamp on mediawatch.articles.raw to its first alert, in milliseconds. */
    record Latency(double rate, int articles, int alerted, long p50, long p99, long max) {
    }

    private PipelineBench(EmbeddedKafka broker, KafkaStreams streams, TypedProducer producer, AlertWatcher watcher,
                          SyntheticNews news, String runTag) {
        this.broker = broker;
        this.streams = streams;
        this.producer = producer;
        this.watcher = watcher;
        this.news = news;
        this.runTag = runTag;
    }

    static PipelineBench start(Path dir, SyntheticNews news, List<Subscription> subscriptions, boolean exactlyOnce)
            throws Exception {
        return start(dir, news, subscriptions, exactlyOnce, Map.of());
    }

    /** With Streams settings changed from {@link StreamsSettings}'s: for trying a setting before adopting it. */
    static PipelineBench start(Path dir, SyntheticNews news, List<Subscription> subscriptions, boolean exactlyOnce,
                               Map<String, ?> streamsOverrides) throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.start(dir, 0);
        try {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicCatalog.load().apply(admin);
            }
            TypedProducer producer = new TypedProducer(bootstrap);
            for (Entity e : news.entities()) producer.send(Topics.ENTITIES, e.id(), e);
            for (Subscription s : subscriptions) producer.send(Topics.SUBSCRIPTIONS, s.id(), s);
            producer.flush();
            Properties props = StreamsSettings.properties(bootstrap, dir.resolve("streams"), exactlyOnce);
            props.putAll(streamsOverrides);
            KafkaStreams streams = new KafkaStreams(MediawatchTopology.build(MediawatchTopology.Settings.defaults()),
                    props);
            streams.start();
            awaitIndexed(streams, subscriptions);
            return new PipelineBench(broker, streams, producer, new AlertWatcher(bootstrap), news,
                    exactlyOnce ? "eos" : "alos");
        } catch (Exception | Error e) {
            broker.close();
            throw e;
        }
    }

    /** Until the stream holds every subscription, articles could miss their alerts. */
    private static void awaitIndexed(KafkaStreams streams, List<Subscription> subscriptions) throws InterruptedException {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (dev.mediawatch.app.SubscriptionIndexWait.indexed(streams, subscriptions)) return;
            Thread.sleep(200);
        }
        throw new IllegalStateException("the stream did not index the " + subscriptions.size()
                + " subscriptions within " + READY_WAIT.toMinutes() + " minutes");
    }

    /** Produces at {@code rate} for {@code duration}, then waits up to {@code lagBound} for every article's alert. */
    Step step(double rate, Duration duration, Duration lagBound) throws Exception {
        int count = Math.max(1, (int) Math.round(rate * duration.toMillis() / 1000.0));
        long alertsBefore = watcher.alertsRead();
        Sent sent = produce(rate, count);
        long deadline = sent.lastSendMillis + lagBound.toMillis();
        long lastAlert = awaitAlerts(sent.ids, deadline);
        boolean allThrough = lastAlert > 0;
        boolean paced = sent.producedRate >= 0.95 * rate;
        long lag = allThrough ? Math.max(0, lastAlert - sent.lastSendMillis) : lagBound.toMillis();
        double through = allThrough ? count / Math.max(0.001, (lastAlert - sent.firstSendMillis) / 1000.0) : 0;
        LOG.info("{} step {}/s: {} articles, produced {}/s, through {}/s, lag {} ms, sustained {}", runTag,
                Math.round(rate), count, Math.round(sent.producedRate), Math.round(through), lag, allThrough && paced);
        double perArticle = (watcher.alertsRead() - alertsBefore) / (double) count;
        return new Step(rate, count, sent.producedRate, through, allThrough && paced, lag, perArticle);
    }

    /** Waits for the last step's articles to get their alerts (after a step the pipeline fell behind on); true when they did. */
    boolean drain(Duration max) throws InterruptedException {
        return awaitAlerts(pendingBacklog, System.currentTimeMillis() + max.toMillis()) > 0;
    }

    /** Produces at {@code rate} for {@code duration} and measures each article's raw-to-alert latency. */
    Latency latency(double rate, Duration duration, Duration settle) throws Exception {
        int count = Math.max(1, (int) Math.round(rate * duration.toMillis() / 1000.0));
        Sent sent = produce(rate, count);
        awaitAlerts(sent.ids, sent.lastSendMillis + settle.toMillis());
        long[] lat = new long[count];
        int alerted = 0;
        for (int i = 0; i < count; i++) {
            Long at = watcher.firstAlert(sent.ids.get(i));
            if (at != null) lat[alerted++] = at - sent.timestamps[i];
        }
        long[] done = Arrays.copyOf(lat, alerted);
        Arrays.sort(done);
        logSlowest(sent, done);
        return new Latency(rate, count, alerted, percentile(done, 0.50), percentile(done, 0.99),
                done.length == 0 ? -1 : done[done.length - 1]);
    }

    /**
     * Logs when, in the run, the slowest 1% of articles were sent: one short span means a stall (a
     * flush, a pause, a punctuation), a spread means the pipeline is simply near its limit.
     */
    private void logSlowest(Sent sent, long[] sortedLatencies) {
        if (sortedLatencies.length < 100) return;
        long threshold = percentile(sortedLatencies, 0.99);
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        int slow = 0;
        for (int i = 0; i < sent.ids.size(); i++) {
            Long at = watcher.firstAlert(sent.ids.get(i));
            if (at == null || at - sent.timestamps[i] < threshold) continue;
            slow++;
            first = Math.min(first, sent.timestamps[i] - sent.firstSendMillis);
            last = Math.max(last, sent.timestamps[i] - sent.firstSendMillis);
        }
        LOG.info("{} latency: the {} slowest (>= {} ms) were sent {}-{} ms into the run of {} ms", runTag, slow,
                threshold, first, last, sent.lastSendMillis - sent.firstSendMillis);
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) return -1;
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private record Sent(List<String> ids, long[] timestamps, long firstSendMillis, long lastSendMillis,
                        double producedRate) {
    }

    /**
     * Sends {@code count} articles at {@code rate}. They are generated and serialised before the clock
     * starts, as the broker limit's records are: on two cores the generator's own work (about 0.2 CPU ms
     * per article) would otherwise compete with the pipeline it measures.
     */
    private Sent produce(double rate, int count) throws InterruptedException, ExecutionException {
        List<String> ids = new ArrayList<>(count);
        List<byte[]> values = new ArrayList<>(count);
        long intervalNanos = (long) (1e9 / rate);
        Instant generated = Instant.now();
        for (int i = 0; i < count; i++) {
            // published when it is due to be sent (about), as a paced feed would have it
            RawArticle a = news.article(runTag, next++, generated.plusNanos(i * intervalNanos));
            ids.add(a.articleId());
            values.add(Topics.ARTICLES_RAW.valueSerde().serializer().serialize(Topics.ARTICLES_RAW.name(), a));
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(count);
        long start = System.nanoTime();
        long firstMillis = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            acks.add(producer.send(RAW_BYTES, ids.get(i), values.get(i)));
        }
        producer.flush();
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        long[] timestamps = new long[count];
        long last = firstMillis;
        for (int i = 0; i < count; i++) {
            // The record's timestamp on mediawatch.articles.raw (producer CreateTime): its arrival.
            timestamps[i] = acks.get(i).get().timestamp();
            last = Math.max(last, timestamps[i]);
        }
        pendingBacklog = ids;
        return new Sent(ids, timestamps, timestamps.length > 0 ? timestamps[0] : firstMillis, last, count / seconds);
    }

    /** The time the last of these articles got its first alert, or -1 when some had none by the deadline. */
    private long awaitAlerts(List<String> ids, long deadlineMillis) throws InterruptedException {
        int from = 0;
        long last = 0;
        while (true) {
            while (from < ids.size()) {
                Long at = watcher.firstAlert(ids.get(from));
                if (at == null) break;
                last = Math.max(last, at);
                from++;
            }
            if (from == ids.size()) return ids.isEmpty() ? 1 : last;
            if (System.currentTimeMillis() > deadlineMillis) return -1;
            Thread.sleep(20);
        }
    }

    /** The broker this pipeline runs on: for diagnostics of a probe. */
    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The stream's own metrics (thread ratios, commit latency): for diagnostics of a probe. */
    Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> streamsMetrics() {
        return streams.metrics();
    }

    long alertsRead() {
        return watcher.alertsRead();
    }

    @Override
    public void close() throws Exception {
        watcher.close();
        producer.close();
        streams.close(Duration.ofSeconds(15));
        broker.close();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
}
