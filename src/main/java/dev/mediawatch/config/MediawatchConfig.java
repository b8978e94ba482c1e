package dev.mediawatch.config;

import dev.mediawatch.model.Entity;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, validated. Built by {@link ConfigLoader} from YAML; every key of
 * ARCHITECTURE.md has a place here.
 *
 * @param classification {@code classification.categories}: category -> term -> weight, replacing the
 *                       built-in rules when not empty
 * @param source where it was read from (a path, or {@code bundled default}), for messages
 */
public record MediawatchConfig(
        String source,
        KafkaSettings kafka,
        HttpSettings http,
        FetchSettings fetch,
        List<FeedSource> feeds,
        List<Entity> entities,
        List<Subscription> subscriptions,
        MetricsSettings metrics,
        Map<String, Map<String, Double>> classification,
        StreamSettings stream) {

    public MediawatchConfig {
        feeds = List.copyOf(feeds);
        entities = List.copyOf(entities);
        subscriptions = List.copyOf(subscriptions);
        if (metrics == null) metrics = MetricsSettings.defaults();
        classification = classification == null ? Map.of() : Map.copyOf(classification);
        if (stream == null) stream = StreamSettings.defaults();
    }

    /** A configuration with the default {@code stream:} settings. */
    public MediawatchConfig(String source, KafkaSettings kafka, HttpSettings http, FetchSettings fetch,
                            List<FeedSource> feeds, List<Entity> entities, List<Subscription> subscriptions,
                            MetricsSettings metrics, Map<String, Map<String, Double>> classification) {
        this(source, kafka, http, fetch, feeds, entities, subscriptions, metrics, classification,
                StreamSettings.defaults());
    }

    public MediawatchConfig(String source, KafkaSettings kafka, HttpSettings http, FetchSettings fetch,
                            List<FeedSource> feeds, List<Entity> entities, List<Subscription> subscriptions,
                            MetricsSettings metrics) {
        this(source, kafka, http, fetch, feeds, entities, subscriptions, metrics, Map.of(), StreamSettings.defaults());
    }

    /** A configuration with the default {@code metrics:} settings. */
    public MediawatchConfig(String source, KafkaSettings kafka, HttpSettings http, FetchSettings fetch,
                            List<FeedSource> feeds, List<Entity> entities, List<Subscription> subscriptions) {
        this(source, kafka, http, fetch, feeds, entities, subscriptions, MetricsSettings.defaults());
    }

    public MediawatchConfig withKafka(KafkaSettings k) {
        return new MediawatchConfig(source, k, http, fetch, feeds, entities, subscriptions, metrics, classification,
                stream);
    }

    public MediawatchConfig withHttp(HttpSettings h) {
        return new MediawatchConfig(source, kafka, h, fetch, feeds, entities, subscriptions, metrics, classification,
                stream);
    }

    /** {@code kafka:}: empty bootstrap servers means the embedded broker on {@code embeddedPort}. */
    public record KafkaSettings(String bootstrapServers, int embeddedPort) {
        public static final int DEFAULT_PORT = 9092;

        public boolean embedded() {
            return bootstrapServers == null || bootstrapServers.isBlank();
        }
    }

    /**
     * {@code http:}: where the admin, API and metrics endpoints listen.
     *
     * @param advertisedHost how other stream instances reach this one for the API's queries of state it
     *                       holds (null: {@code host}, or this machine's name when {@code host} is a wildcard)
     */
    public record HttpSettings(String host, int port, String advertisedHost) {
        public HttpSettings(String host, int port) {
            this(host, port, null);
        }

        /** The host name other instances use to reach this one's API. */
        public String advertised() {
            if (advertisedHost != null) return advertisedHost;
            if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) return host;
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "localhost";
            }
        }
    }

    /**
     * {@code metrics:} (optional): {@code maxLabelValues} bounds the label values of each dimension
     * (outlets, entities, subscriptions, categories, entity pairs); the rest fold into "other".
     */
    /**
     * {@code stream:}: how often the stream commits. Under exactly-once an alert is readable only after the
     * commit of each of its two transactional hops, so this sets the latency floor (about two intervals);
     * shorter commits cost throughput (transaction markers on every partition written, per commit).
     */
    public record StreamSettings(Duration commitInterval) {
        public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(200);
        public static final Duration MIN_COMMIT_INTERVAL = Duration.ofMillis(10);
        public static final Duration MAX_COMMIT_INTERVAL = Duration.ofSeconds(30);

        public StreamSettings {
            if (commitInterval.compareTo(MIN_COMMIT_INTERVAL) < 0 || commitInterval.compareTo(MAX_COMMIT_INTERVAL) > 0) {
                throw new IllegalArgumentException("commitInterval must be within 10ms..30s: " + commitInterval);
            }
        }

        public static StreamSettings defaults() {
            return new StreamSettings(DEFAULT_COMMIT_INTERVAL);
        }
    }

    public record MetricsSettings(int maxLabelValues) {
        public static final int DEFAULT_MAX_LABEL_VALUES = 500;

        public MetricsSettings {
            if (maxLabelValues < 1) throw new IllegalArgumentException("maxLabelValues must be at least 1");
        }

        public static MetricsSettings defaults() {
            return new MetricsSettings(DEFAULT_MAX_LABEL_VALUES);
        }
    }

    /**
     * {@code fetch:}: the poller's safety switch, schedule bounds and per-host politeness (requests in
     * flight and requests started per second towards one host name).
     */
    public record FetchSettings(boolean allowPrivateNetworks, Duration defaultInterval,
                                Duration minInterval, Duration maxInterval,
                                int hostConcurrency, double hostRequestsPerSecond) {
        public static final int DEFAULT_HOST_CONCURRENCY = 2;
        public static final double DEFAULT_HOST_REQUESTS_PER_SECOND = 1.0;

        public FetchSettings {
            if (hostConcurrency < 1) throw new IllegalArgumentException("hostConcurrency must be at least 1: " + hostConcurrency);
            if (!(hostRequestsPerSecond > 0)) {
                throw new IllegalArgumentException("hostRequestsPerSecond must be positive: " + hostRequestsPerSecond);
            }
        }

        /** With the default politeness: two requests in flight and one started per second per host. */
        public FetchSettings(boolean allowPrivateNetworks, Duration defaultInterval,
                             Duration minInterval, Duration maxInterval) {
            this(allowPrivateNetworks, defaultInterval, minInterval, maxInterval,
                    DEFAULT_HOST_CONCURRENCY, DEFAULT_HOST_REQUESTS_PER_SECOND);
        }

        public static FetchSettings defaults() {
            return new FetchSettings(false, Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofHours(1));
        }
    }
}
