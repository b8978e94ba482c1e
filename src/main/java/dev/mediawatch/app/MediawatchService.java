package dev.mediawatch.app;

import dev.mediawatch.api.ApiServer;
import dev.mediawatch.api.CoverageApi;
import dev.mediawatch.config.MediawatchConfig;
import dev.mediawatch.deliver.AlertDispatcher;
import dev.mediawatch.api.AlertStreamHandler;
import dev.mediawatch.api.DeliveriesHandler;
import dev.mediawatch.deliver.ConsoleSink;
import dev.mediawatch.deliver.DeliveryLog;
import dev.mediawatch.deliver.HttpPoster;
import dev.mediawatch.deliver.Sink;
import dev.mediawatch.deliver.SlackSink;
import dev.mediawatch.deliver.WebhookSink;
import dev.mediawatch.ingest.FeedPoller;
import dev.mediawatch.ingest.FetchPolicy;
import dev.mediawatch.ingest.HostLimiter;
import dev.mediawatch.ingest.HttpFetcher;
import dev.mediawatch.ingest.PollSchedule;
import dev.mediawatch.enrich.Classifier;
import dev.mediawatch.kafka.BrokerProbe;
import dev.mediawatch.kafka.EmbeddedKafka;
import dev.mediawatch.config.ConfigException;
import dev.mediawatch.kafka.TopicCatalog;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.metrics.KafkaMetricsBridge;
import dev.mediawatch.metrics.MediawatchMetrics;
import dev.mediawatch.metrics.MetricLabels;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.Subscription;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import dev.mediawatch.stream.MediawatchTopology;
import dev.mediawatch.stream.StreamsSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mediawatch process: the embedded broker when no cluster is given, the topics, the registry
 * upserts, and the roles asked for. Closing it stops everything in reverse order.
 */
public final class MediawatchService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediawatchService.class);

    private static boolean jvmMetricsRegistered;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private String bootstrapServers;
    private KafkaStreams streams;
    private volatile boolean started;
    /** This instance's API address as the stream advertises it (application.server). */
    private HostInfo advertised;
    private FeedPoller poller;
    private ApiServer api;
    private BrokerProbe brokerProbe;
    private AlertDispatcher dispatcher;

    /** How this process runs, beyond the config file. */
    public record Options(Path dataDir, Set<Role> roles, PrintStream console, boolean exactlyOnce) {
        public static Options of(Path dataDir, Set<Role> roles, PrintStream console) {
            return new Options(dataDir, roles, console, true);
        }
    }

    private MediawatchService() {
    }

    public static MediawatchService start(MediawatchConfig config, Options options) throws Exception {
        MediawatchService service = new MediawatchService();
        try {
            service.startAll(config, options);
            return service;
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
    }

    private void startAll(MediawatchConfig config, Options options) throws Exception {
        registerJvmMetrics();
        MetricLabels.install(metricLabels(config));
        bootstrapServers = config.kafka().bootstrapServers();
        if (config.kafka().embedded()) {
            EmbeddedKafka broker = EmbeddedKafka.start(options.dataDir(), config.kafka().embeddedPort());
            resources.push(broker);
            bootstrapServers = broker.bootstrapServers();
        }
        applyTopics(options.roles().contains(Role.STREAM));
        brokerProbe = BrokerProbe.of(bootstrapServers);
        resources.push(brokerProbe);
        try (TypedProducer producer = new TypedProducer(bootstrapServers)) {
            RegistryPublisher.publish(producer, config);
        }
        // The API listens before the stream starts: the stream advertises its address (application.server)
        // so that other instances can ask this one for the state it holds.
        api = ApiServer.start(config.http().host(), config.http().port(), this::ready);
        resources.push(api);
        if (options.roles().contains(Role.STREAM)) startStreams(config, options);
        if (options.roles().contains(Role.DELIVER)) startDispatcher(config, options);
        if (options.roles().contains(Role.POLL)) {
            // A first article must not race the subscriptions it should alert: the join only sees
            // subscriptions already in its table. Across processes, see the README on first start.
            if (streams != null) SubscriptionIndexWait.await(streams, config.subscriptions(), Duration.ofSeconds(60));
            startPoller(config);
        }
        if (streams != null) {
            CoverageApi coverage = new CoverageApi(streams, Clock.systemUTC(), advertised);
            api.route("/api/coverage", coverage.coverage()).route("/api/comentions", coverage.comentions());
        }
        startDeliveryApi();
        // The API listens from before the stream starts; ready only once every route is in place.
        started = true;
        LOG.info("mediawatch running: roles {}, Kafka at {}, HTTP on {}", options.roles(), bootstrapServers,
                api.address());
    }

    private static synchronized void registerJvmMetrics() {
        if (jvmMetricsRegistered) return;
        JvmMetrics.builder().register(MediawatchMetrics.registry());
        KafkaMetricsBridge.instance();
        jvmMetricsRegistered = true;
    }

    /** Label values of the coverage metrics: the configured outlets, entities, subscriptions and categories. */
    private static MetricLabels metricLabels(MediawatchConfig config) {
        return new MetricLabels(config.metrics().maxLabelValues(),
                config.feeds().stream().map(FeedSource::id).toList(),
                config.feeds().stream().map(FeedSource::outlet).distinct().toList(),
                config.entities().stream().map(Entity::id).toList(),
                config.subscriptions().stream().map(Subscription::id).toList(),
                Classifier.defaults().categories());
    }

    /** Creates missing topics; for the stream role, stops start-up if its topics cannot be co-partitioned. */
    private void applyTopics(boolean stream) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            TopicCatalog.load().apply(admin);
            if (!stream) return;
            Map<String, Integer> partitions = new java.util.HashMap<>();
            admin.describeTopics(List.of(Topics.ARTICLES_RAW.name(), Topics.MENTIONS.name(), Topics.SUBSCRIPTIONS.name()))
                    .allTopicNames().get()
                    .forEach((name, description) -> partitions.put(name, description.partitions().size()));
            String problem = MediawatchTopology.copartitioningProblem(partitions);
            if (problem != null) throw new ConfigException("topics/", "partitions", problem);
        }
    }

    private void startStreams(MediawatchConfig config, Options options) {
        MediawatchTopology.Settings settings = MediawatchTopology.Settings.defaults();
        if (!config.classification().isEmpty()) {
            settings = settings.withClassifier(settings.classifier().withTerms(config.classification()));
        }
        java.util.Properties props = StreamsSettings.properties(bootstrapServers, options.dataDir().resolve("streams"),
                options.exactlyOnce(), config.stream().commitInterval());
        advertised = new HostInfo(config.http().advertised(), api.address().getPort());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
        streams = new KafkaStreams(MediawatchTopology.build(settings), props);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it: {}", e.toString(), e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        streams.start();
        // Leave the group on a clean stop: otherwise the next start (or the other instances) waits out the
        // old member's session (45 s) before the tasks are handed out again.
        resources.push(() -> streams.close(CloseOptions.timeout(Duration.ofSeconds(10))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)));
        resources.push(KafkaMetricsBridge.instance().register("streams", streams::metrics));
    }

    private void startDispatcher(MediawatchConfig config, Options options) {
        HttpPoster http = new HttpPoster(config.fetch().allowPrivateNetworks());
        List<Sink> sinks = List.of(new ConsoleSink(options.console()), SlackSink.standard(http),
                WebhookSink.standard(http));
        dispatcher = new AlertDispatcher(bootstrapServers, sinks);
        dispatcher.start();
        resources.push(dispatcher);
        resources.push(KafkaMetricsBridge.instance().register("deliver", dispatcher::kafkaMetrics));
    }

    /** The alert stream and the audit trail over HTTP; the trail is the dispatcher's when this process delivers. */
    private void startDeliveryApi() {
        DeliveryLog log = dispatcher != null ? dispatcher.log() : null;
        if (log == null) {
            DeliveryLog readOnly = new DeliveryLog(bootstrapServers, null).start();
            resources.push(readOnly);
            log = readOnly;
        }
        AlertStreamHandler stream = new AlertStreamHandler(bootstrapServers);
        resources.push(stream);
        api.route("/api/alerts/stream", stream).route("/api/deliveries", new DeliveriesHandler(log));
    }

    private void startPoller(MediawatchConfig config) {
        MediawatchConfig.FetchSettings fetch = config.fetch();
        HttpFetcher fetcher = new HttpFetcher(FetchPolicy.defaults(fetch.allowPrivateNetworks()),
                new HostLimiter(fetch.hostConcurrency(), fetch.hostRequestsPerSecond(), Duration.ofMinutes(1)));
        resources.push(fetcher);
        PollSchedule schedule = new PollSchedule(fetch.defaultInterval(), fetch.minInterval(), fetch.maxInterval());
        poller = new FeedPoller(bootstrapServers, fetcher, schedule, Clock.systemUTC(), 16);
        poller.start();
        resources.push(poller);
        resources.push(KafkaMetricsBridge.instance().register("poll", poller::kafkaMetrics));
    }

    /** Ready when start-up is complete (every route in place), the stream role (if any) runs and the Kafka cluster answers. */
    public boolean ready() {
        boolean streamsRunning = streams == null || streams.state() == KafkaStreams.State.RUNNING;
        return started && streamsRunning && brokerProbe != null && brokerProbe.answers();
    }

    /** The stream, or null without the stream role (for tests that query its stores). */
    KafkaStreams streams() {
        return streams;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int httpPort() {
        return api.address().getPort();
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", r.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
