package dev.mediawatch.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediawatch.LoopbackSite;
import dev.mediawatch.PrometheusTools;
import dev.mediawatch.app.MediawatchService;
import dev.mediawatch.app.Role;
import dev.mediawatch.config.ConfigLoader;
import dev.mediawatch.config.MediawatchConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service on the embedded broker, polling a loopback feed on the story and a feed that
 * fails; then its {@code /metrics} as a scraper sees it: values after known input, promtool's lint,
 * a real Prometheus server scraping it, and the dashboard's and rules' metric names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityIT {
    @TempDir
    static Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LoopbackSite site;
    private MediawatchService service;

    @BeforeAll
    void start() throws Exception {
        site = LoopbackSite.start()
                .route("/feed.xml", "/e2e/feed.xml", "application/rss+xml; charset=utf-8")
                .route("/articles/cecot-transfer.html", "/e2e/cecot-transfer.html", "text/html; charset=utf-8")
                .route("/articles/weather.html", "/e2e/weather.html", "text/html; charset=utf-8");
        Path config = Files.writeString(dir.resolve("mediawatch.yaml"), """
                http: { host: 127.0.0.1, port: 0 }
                fetch:
                  allowPrivateNetworks: true
                  defaultInterval: 5s
                  minInterval: 5s
                  maxInterval: 5m
                feeds:
                  - id: loopback-wire
                    url: %s
                    outlet: Loopback Wire
                  - id: broken-feed
                    url: %s
                    outlet: Broken Outlet
                entities:
                  - id: cecot
                    name: CECOT
                    type: facility
                    aliases: ["Terrorism Confinement Center"]
                  - id: abrego-garcia
                    name: Kilmar Abrego Garcia
                    type: person
                    aliases: ["Abrego Garcia"]
                  - id: quiet-probe
                    name: Quiet Probe
                    type: other
                    aliases: ["Zanzibar Quartermaster Probe"]
                subscriptions:
                  - id: immigration-desk
                    entities: [cecot, abrego-garcia]
                    deliver:
                      - console: {}
                metrics:
                  maxLabelValues: 100
                """.formatted(site.uri("/feed.xml"), site.uri("/gone.xml")));
        MediawatchConfig cfg = ConfigLoader.load(config).withKafka(new MediawatchConfig.KafkaSettings("", 0));
        service = MediawatchService.start(cfg, MediawatchService.Options.of(dir.resolve("data"),
                EnumSet.allOf(Role.class), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        // Every later test reads a service that has seen the story through to an alert.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                scrape().sum("mediawatch_alerts_total", "subscription", "immigration-desk", "kind", "entity") >= 1);
    }

    @AfterAll
    void stop() {
        if (service != null) service.close();
        if (site != null) site.close();
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + service.httpPort() + path);
    }

    private HttpResponse<String> get(URI uri, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (accept != null) request.header("Accept", accept);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scrapeText() throws IOException, InterruptedException {
        HttpResponse<String> response = get(api("/metrics"), null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private Exposition scrape() throws IOException, InterruptedException {
        return Exposition.parse(scrapeText());
    }

    @Test
    void countsCoverageOfTheKnownInput() throws Exception {
        Exposition m = scrape();

        assertThat(m.sum("mediawatch_mentions_total", "entity", "cecot")).isGreaterThanOrEqualTo(1);
        assertThat(m.sum("mediawatch_articles_enriched_total", "outlet", "Loopback Wire")).isGreaterThanOrEqualTo(2);
        assertThat(m.sum("mediawatch_fetched_to_alert_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(m.sum("mediawatch_published_to_detected_seconds_count")).isGreaterThanOrEqualTo(1);
        // Nothing mentions the quiet entity (the registry is per JVM: other ITs' input counts too): its series is there, at 0.
        assertThat(m.has("mediawatch_mentions_total", "entity", "quiet-probe")).isTrue();
        assertThat(m.sum("mediawatch_mentions_total", "entity", "quiet-probe")).isZero();
        assertThat(m.has("mediawatch_stories_total", "entity", "cecot")).isTrue();
        assertThat(m.has("mediawatch_alerts_total", "subscription", "immigration-desk", "kind", "spike")).isTrue();
        assertThat(m.has("mediawatch_comentions_total", "entity_a", "abrego-garcia", "entity_b", "cecot")).isTrue();
        // No article URL or id ever becomes a label value.
        assertThat(scrapeText()).doesNotContain(site.base().toString());
    }

    @Test
    void bridgesKafkaStreamsAndClientMetrics() throws Exception {
        Set<String> kafka = new TreeSet<>(scrape().names());
        kafka.removeIf(n -> !n.startsWith("mediawatch_kafka_"));

        assertThat(kafka).contains("mediawatch_kafka_stream_thread_process_rate",
                "mediawatch_kafka_stream_thread_commit_latency_avg_seconds",
                "mediawatch_kafka_consumer_fetch_manager_records_lag_max");
        // the dispatcher's and the poller's clients too, not only the stream's: the delivery backlog is
        // the dispatcher consumer's lag
        String text = scrapeText();
        assertThat(text).containsPattern(
                "mediawatch_kafka_consumer_fetch_manager_records_lag_max\\{client_id=\"consumer-mediawatch-deliver-\\d+\"");
        assertThat(text).containsPattern(
                "mediawatch_kafka_consumer_fetch_manager_records_lag_max\\{client_id=\"consumer-mediawatch-poller-\\d+\"");
        assertThat(text).containsPattern("mediawatch_kafka_producer_record_send_total\\{client_id=\"producer-\\d+\"");
    }

    @Test
    void recordsTheFailingFeed() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> site.hits("/gone.xml") >= 1);
        assertThat(feedStatus("broken-feed").path("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                scrape().sum("mediawatch_feed_poll_failures_total", "feed", "broken-feed") >= 1);
        Exposition m = scrape();
        // Its attempts are counted beside its failures; it never succeeded, and the good feed did.
        assertThat(m.sum("mediawatch_feed_polls_total", "feed", "broken-feed"))
                .isGreaterThanOrEqualTo(m.sum("mediawatch_feed_poll_failures_total", "feed", "broken-feed"));
        assertThat(m.has("mediawatch_feed_polls_total", "feed", "broken-feed", "result", "ok")).isTrue();
        assertThat(m.sum("mediawatch_feed_polls_total", "feed", "broken-feed", "result", "ok")).isZero();
        assertThat(m.sum("mediawatch_feed_polls_total", "feed", "loopback-wire", "result", "ok")).isGreaterThanOrEqualTo(1);
        assertThat(m.sum("mediawatch_feed_poll_failures_total", "feed", "loopback-wire")).isZero();
        assertThat(m.sum("mediawatch_articles_produced_total", "outlet", "Broken Outlet")).isZero();
        assertThat(m.sum("mediawatch_articles_produced_total", "outlet", "Loopback Wire")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void servesHealthAndBothExpositionFormats() throws Exception {
        assertThat(get(api("/health/live"), null).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get(api("/health/ready"), null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("ready");
        HttpResponse<String> open = get(api("/metrics"), "application/openmetrics-text; version=1.0.0");
        assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/openmetrics-text"));
        assertThat(open.body()).contains("# TYPE mediawatch_mentions counter").endsWith("# EOF\n");
    }

    @Test
    void promtoolFindsNothingToComplainAboutInTheScrape() throws Exception {
        PrometheusTools.Result lint = PrometheusTools.promtool(scrapeText(), "check", "metrics");

        assertThat(lint.output()).isBlank();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void dashboardAndRulesNameOnlyMetricsTheServiceExposes() throws Exception {
        Set<String> exposed = scrape().names();
        List<String> expressions = new ArrayList<>(DeployQueries.dashboardExpressions());
        expressions.addAll(DeployQueries.ruleExpressions());
        Set<String> used = DeployQueries.metricNames(expressions);

        assertThat(used).isNotEmpty().contains("mediawatch_mentions_total", "mediawatch_comentions_total",
                "mediawatch_kafka_stream_thread_process_rate");
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exposed);
        // Anything not yet in the scrape must be one of these, and defined in MediawatchMetrics.
        assertThat(RECORDED_AT_FIRST_EVENT).containsAll(missing);
        assertThat(DeployQueries.definedNames()).containsAll(missing);
    }

    /**
     * Families the poller and the dispatcher record, whose label values (error kinds, delivery results,
     * fetch kinds) are theirs: they have no series before their first event, here or in production.
     * Remove a name once the IT's input records it (failing feed, console delivery).
     */
    private static final Set<String> RECORDED_AT_FIRST_EVENT = Set.of(
            "mediawatch_delivery_attempts_total",
            "mediawatch_delivery_failures_total", "mediawatch_detected_to_delivered_seconds_bucket");

    @Test
    void aPrometheusServerScrapesTheServiceAndAnswersACoverageQuery() throws Exception {
        Path prometheus = PrometheusTools.require("prometheus");
        int port = freePort();
        Path home = Files.createDirectories(dir.resolve("prometheus"));
        Path config = Files.writeString(home.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: mediawatch
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(service.httpPort()));
        Process server = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + home.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(home.resolve("prometheus.log").toFile()).start();
        try {
            String query = URLEncoder.encode("mediawatch_mentions_total{entity=\"cecot\"} >= 1", StandardCharsets.UTF_8);
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + query);
            JsonNode[] result = new JsonNode[1];
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().untilAsserted(() -> {
                        assertThat(server.isAlive()).as("prometheus is running").isTrue();
                        JsonNode body = new ObjectMapper().readTree(get(uri, null).body());
                        assertThat(body.path("status").asText()).isEqualTo("success");
                        assertThat(body.path("data").path("result")).isNotEmpty();
                        result[0] = body.path("data").path("result").get(0);
                    });
            assertThat(result[0].path("metric").path("entity").asText()).isEqualTo("cecot");
            assertThat(result[0].path("metric").path("job").asText()).isEqualTo("mediawatch");
            assertThat(Double.parseDouble(result[0].path("value").get(1).asText())).isGreaterThanOrEqualTo(1);
        } finally {
            server.destroy();
            if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    /** The latest value of a feed on the compacted feed-status topic, as any Kafka client reads it. */
    private JsonNode feedStatus(String feedId) {
        java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers());
        JsonNode[] latest = new JsonNode[1];
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            var parts = consumer.partitionsFor("mediawatch.feed-status").stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (feedId.equals(r.key()) && r.value() != null) latest[0] = new ObjectMapper().readTree(r.value());
                }
                assertThat(latest[0]).isNotNull();
                assertThat(latest[0].path("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(1);
            });
        }
        return latest[0];
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
