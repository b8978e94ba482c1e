package dev.mediawatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.PrometheusTools;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge over a real Kafka metrics registry, the kind every Kafka client and Streams keep. */
class KafkaMetricsBridgeTest {
    private final Metrics kafka = new Metrics();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final KafkaMetricsBridge bridge = KafkaMetricsBridge.unregistered();

    @BeforeEach
    void setUp() {
        registry.register(bridge);
        Map<String, String> thread = Map.of("thread-id", "mediawatch-stream-1");
        Sensor commit = kafka.sensor("commit");
        commit.add(kafka.metricName("commit-latency-avg", "stream-thread-metrics", "The average commit time in ms", thread), new Avg());
        commit.add(kafka.metricName("commit-latency-max", "stream-thread-metrics", "The maximum commit time in ms", thread), new Max());
        commit.record(250);
        Sensor consumed = kafka.sensor("consumed");
        Map<String, String> client = Map.of("client-id", "mediawatch-consumer");
        consumed.add(kafka.metricName("records-consumed-total", "consumer-fetch-manager-metrics", "Records consumed", client), new CumulativeSum());
        consumed.record(3);
        consumed.record(4);
        Sensor io = kafka.sensor("io");
        io.add(kafka.metricName("io-wait-time-ns-total", "consumer-metrics", "Time waiting for I/O in ns", client), new CumulativeSum());
        io.record(2_000_000_000d);
        Sensor connections = kafka.sensor("connections");
        connections.add(kafka.metricName("connection-count", "consumer-metrics", "Current connections", client), new Value());
        connections.record(2);
        kafka.sensor("empty").add(kafka.metricName("records-lag-max", "consumer-fetch-manager-metrics", "", client), new Max());
        kafka.addMetric(kafka.metricName("version", "app-info", "", client), (Gauge<String>) (config, now) -> "4.4.0");
        bridge.register("test", kafka::metrics);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    private String scrape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void latenciesInMillisecondsBecomeSeconds() throws Exception {
        assertThat(scrape())
                .contains("# TYPE mediawatch_kafka_stream_thread_commit_latency_avg_seconds gauge")
                .contains("mediawatch_kafka_stream_thread_commit_latency_avg_seconds{thread_id=\"mediawatch-stream-1\"} 0.25")
                .contains("mediawatch_kafka_stream_thread_commit_latency_max_seconds{thread_id=\"mediawatch-stream-1\"} 0.25");
    }

    @Test
    void cumulativeTotalsAreCountersAndNanosecondsBecomeSeconds() throws Exception {
        assertThat(scrape())
                .contains("# TYPE mediawatch_kafka_consumer_fetch_manager_records_consumed_total counter")
                .contains("mediawatch_kafka_consumer_fetch_manager_records_consumed_total{client_id=\"mediawatch-consumer\"} 7.0")
                .contains("mediawatch_kafka_consumer_io_wait_time_seconds_total{client_id=\"mediawatch-consumer\"} 2.0");
    }

    @Test
    void histogramSuffixesAreKeptOffGaugesAndNonNumbersAndEmptyAveragesAreLeftOut() throws Exception {
        String scrape = scrape();
        assertThat(scrape).contains("mediawatch_kafka_consumer_connection_count_value{client_id=\"mediawatch-consumer\"} 2.0")
                .doesNotContain("records_lag_max")
                .doesNotContain("version");
    }

    @Test
    void aClosedSourceLeavesTheScrape() throws Exception {
        AutoCloseable handle = bridge.register("second", kafka::metrics);
        handle.close();
        bridge.register("test", Map::of);

        assertThat(scrape()).doesNotContain("mediawatch_kafka_");
    }

    @Test
    void prometheusNameMatchesTheScrape() {
        MetricName lag = new MetricName("records-lag-max", "consumer-fetch-manager-metrics", "", Map.of());
        MetricName process = new MetricName("process-rate", "stream-thread-metrics", "", Map.of());
        MetricName total = new MetricName("commit-total", "stream-thread-metrics", "", Map.of());

        assertThat(KafkaMetricsBridge.prometheusName(lag)).isEqualTo("mediawatch_kafka_consumer_fetch_manager_records_lag_max");
        assertThat(KafkaMetricsBridge.prometheusName(process)).isEqualTo("mediawatch_kafka_stream_thread_process_rate");
        assertThat(KafkaMetricsBridge.prometheusName(total)).isEqualTo("mediawatch_kafka_stream_thread_commit_total");
    }

    @Test
    void promtoolFindsNothingToComplainAbout() throws Exception {
        PrometheusTools.Result lint = PrometheusTools.promtool(scrape(), "check", "metrics");

        assertThat(lint.output()).isBlank();
        assertThat(lint.exitCode()).isZero();
    }
}
