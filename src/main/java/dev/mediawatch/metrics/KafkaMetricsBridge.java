package dev.mediawatch.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' and the Kafka clients' own metrics (process rate, commit latency, consumer lag,
 * request rates...) as Prometheus metrics, read from their {@code metrics()} maps at each scrape.
 *
 * <p>Names: {@code mediawatch_kafka_<group without -metrics>_<name>}, snake case, so
 * {@code stream-thread-metrics/commit-latency-avg} becomes
 * {@code mediawatch_kafka_stream_thread_commit_latency_avg_seconds}. Units are made base units:
 * milliseconds and nanoseconds (Kafka's latencies and times, and names with {@code -ms}/{@code -ns})
 * become seconds. Kafka's cumulative {@code -total} metrics are counters, the rest gauges. Tags become
 * labels ({@code client-id} -> {@code client_id}); non-numeric metrics (versions, states) and values
 * that are not finite (an average with no samples yet) are left out.
 */
public final class KafkaMetricsBridge implements MultiCollector {
    /** Prefix of every bridged metric. */
    public static final String PREFIX = "mediawatch_kafka_";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaMetricsBridge.class);
    private static final KafkaMetricsBridge INSTANCE = new KafkaMetricsBridge();
    private static boolean registered;

    private final Map<String, Supplier<Map<MetricName, ? extends Metric>>> sources = new ConcurrentHashMap<>();

    private KafkaMetricsBridge() {
    }

    /** The bridge of this process, registered once in the mediawatch registry. */
    public static synchronized KafkaMetricsBridge instance() {
        if (!registered) {
            MediawatchMetrics.registry().register(INSTANCE);
            registered = true;
        }
        return INSTANCE;
    }

    /**
     * Adds a Kafka client (its {@code metrics()} method) until the returned handle is closed.
     * The same client registered twice under one name counts once.
     */
    public AutoCloseable register(String source, Supplier<Map<MetricName, ? extends Metric>> metrics) {
        sources.put(source, metrics);
        return () -> sources.remove(source, metrics);
    }

    /** A bridge not registered anywhere, for tests of the mapping. */
    static KafkaMetricsBridge unregistered() {
        return new KafkaMetricsBridge();
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Family> families = new TreeMap<>();
        for (Map.Entry<String, Supplier<Map<MetricName, ? extends Metric>>> source : sources.entrySet()) {
            Map<MetricName, ? extends Metric> metrics;
            try {
                metrics = source.getValue().get();
            } catch (RuntimeException e) {
                // A client closing while scraped: its metrics are simply absent from this scrape.
                LOG.debug("metrics of {} unavailable: {}", source.getKey(), e.toString());
                continue;
            }
            for (Map.Entry<MetricName, ? extends Metric> m : metrics.entrySet()) add(families, m.getKey(), m.getValue());
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        for (Family f : families.values()) snapshots.add(f.snapshot());
        return new MetricSnapshots(snapshots);
    }

    private static void add(Map<String, Family> families, MetricName name, Metric metric) {
        Object raw;
        try {
            raw = metric.metricValue();
        } catch (RuntimeException e) {
            return;
        }
        if (!(raw instanceof Number number)) return;
        Naming naming = Naming.of(name);
        double value = number.doubleValue() * naming.scale();
        if (!Double.isFinite(value) || (naming.counter() && value < 0)) return;
        Family family = families.computeIfAbsent(naming.name(), n -> new Family(n, naming.counter(), help(name)));
        if (family.counter != naming.counter()) return;
        family.add(labels(name.tags()), value);
    }

    private static String help(MetricName name) {
        String description = name.description() == null ? "" : name.description().strip();
        String origin = "Kafka " + name.group() + "/" + name.name();
        return description.isEmpty() ? origin : description + " (" + origin + ")";
    }

    private static Labels labels(Map<String, String> tags) {
        Map<String, String> sorted = new TreeMap<>();
        tags.forEach((k, v) -> sorted.put(snake(k), v == null ? "" : v));
        return Labels.of(new ArrayList<>(sorted.keySet()), new ArrayList<>(sorted.values()));
    }

    /** The Prometheus name a Kafka metric gets, with the factor from its unit to the base unit. */
    public static String prometheusName(MetricName name) {
        Naming n = Naming.of(name);
        return n.counter() ? n.name() + "_total" : n.name();
    }

    static String snake(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    /** Name (without {@code _total}), counter or gauge, and scale to base units. */
    record Naming(String name, boolean counter, double scale) {
        static Naming of(MetricName metric) {
            String group = metric.group().endsWith("-metrics")
                    ? metric.group().substring(0, metric.group().length() - "-metrics".length())
                    : metric.group();
            List<String> tokens = new ArrayList<>(List.of(snake(group + "-" + metric.name()).split("_")));
            boolean counter = tokens.get(tokens.size() - 1).equals("total");
            if (counter) tokens.remove(tokens.size() - 1);
            double scale = 1;
            if (tokens.remove("ms")) scale = 1e-3;
            else if (tokens.remove("ns")) scale = 1e-9;
            else if (!tokens.contains("seconds") && (tokens.contains("latency") || tokens.contains("time"))) {
                scale = 1e-3; // Kafka reports latencies and times in milliseconds unless the name says otherwise
            }
            if (scale != 1 && !tokens.contains("seconds")) tokens.add("seconds");
            String last = tokens.get(tokens.size() - 1);
            // _count, _sum and _bucket are a histogram's; _info and _created are reserved: keep gauges clear of them.
            if (!counter && Set.of("count", "sum", "bucket", "info", "created").contains(last)) tokens.add("value");
            return new Naming(PREFIX + String.join("_", tokens), counter, scale);
        }
    }

    private static final class Family {
        final String name;
        final boolean counter;
        final String help;
        final Set<Labels> seen = new HashSet<>();
        final List<CounterSnapshot.CounterDataPointSnapshot> counters = new ArrayList<>();
        final List<GaugeSnapshot.GaugeDataPointSnapshot> gauges = new ArrayList<>();

        Family(String name, boolean counter, String help) {
            this.name = name;
            this.counter = counter;
            this.help = help;
        }

        void add(Labels labels, double value) {
            // Two clients with one client id (or two Kafka names folding into one) would repeat a series.
            if (!seen.add(labels)) return;
            if (counter) counters.add(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).labels(labels).build());
            else gauges.add(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels).build());
        }

        MetricSnapshot snapshot() {
            if (counter) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
                counters.forEach(b::dataPoint);
                return b.build();
            }
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
            gauges.forEach(b::dataPoint);
            return b.build();
        }
    }
}
