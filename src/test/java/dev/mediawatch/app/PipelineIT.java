package dev.mediawatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mediawatch.LoopbackSite;
import dev.mediawatch.config.ConfigLoader;
import dev.mediawatch.config.MediawatchConfig;
import dev.mediawatch.kafka.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the real embedded broker: a loopback site serves a feed with one article on
 * the story and one unrelated; a plain Kafka consumer reads the alert topic as any client would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {
    @TempDir
    static Path dir;

    private LoopbackSite site;
    private MediawatchService service;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

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
                  defaultInterval: 30s
                  minInterval: 5s
                  maxInterval: 5m
                feeds:
                  - id: loopback-wire
                    url: %s
                    outlet: Loopback Wire
                entities:
                  - id: cecot
                    name: CECOT
                    type: facility
                    aliases: ["Terrorism Confinement Center"]
                  - id: abrego-garcia
                    name: Kilmar Abrego Garcia
                    type: person
                    aliases: ["Abrego Garcia"]
                subscriptions:
                  - id: immigration-desk
                    entities: [cecot, abrego-garcia]
                    deliver:
                      - console: {}
                  - id: prisons-desk
                    query: 'deported AND title:(CECOT OR prison)'
                    deliver:
                      - console: {}
                """.formatted(site.uri("/feed.xml")));
        MediawatchConfig cfg = ConfigLoader.load(config)
                .withKafka(new MediawatchConfig.KafkaSettings("", 0));
        service = MediawatchService.start(cfg, MediawatchService.Options.of(dir.resolve("data"),
                EnumSet.allOf(Role.class), new PrintStream(console, true, StandardCharsets.UTF_8)));
    }

    @AfterAll
    void stop() {
        if (service != null) service.close();
        if (site != null) site.close();
    }

    @Test
    void alertsOnTheStoryAndNotOnTheUnrelatedArticle() throws Exception {
        List<Map<String, Object>> alerts = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    alerts.add(Json.mapper().readValue(r.value(), Map.class));
                }
                alerts.removeIf(this::notFromTheLoopbackFeed);
                assertThat(alerts).isNotEmpty();
            });
            // Both articles have been enriched by now; give the unrelated one no chance to slip in later.
            awaitEnrichedArticles(2);
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(2))) {
                alerts.add(Json.mapper().readValue(r.value(), Map.class));
            }
            alerts.removeIf(this::notFromTheLoopbackFeed);
        }
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert).containsEntry("kind", "entity").containsEntry("subscriptionId", "immigration-desk")
                    .containsEntry("outlet", "Loopback Wire")
                    .containsEntry("title", "Deportees transferred to CECOT as court weighs challenge")
                    .containsEntry("url", site.base() + "/articles/cecot-transfer.html")
                    .containsEntry("publishedAt", "2025-04-14T12:00:00Z");
            assertThat(alert.get("entities")).isEqualTo(List.of("cecot"));
            assertThat((String) alert.get("snippet")).contains("taken by bus to CECOT");
            assertThat(alert).containsKeys("alertId", "articleId", "storyId", "detectedAt", "reason");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> console.toString(StandardCharsets.UTF_8)
                .contains("Deportees transferred to CECOT"));
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("Storms sweep");
    }

    @Test
    void sendsAGarbageRecordToTheDeadLetterTopicAndStillAlertsOnTheNextArticle() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("mediawatch.articles.raw", "garbage", "{this is not an article")).get();
            producer.send(new ProducerRecord<>("mediawatch.articles.raw", "after-garbage", """
                    {"articleId":"after-garbage","feedId":"manual","url":"https://example.org/after-garbage",
                     "title":"Abrego Garcia returns to court","outlet":"Manual","publishedAt":"2025-04-15T09:00:00Z",
                     "text":"Kilmar Abrego Garcia was back before the judge on Tuesday."}""")).get();
        }
        try (KafkaConsumer<String, String> dlq = consumer("mediawatch.dlq");
             KafkaConsumer<String, String> alerts = consumer()) {
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(dead::add);
                assertThat(dead).isNotEmpty();
            });
            ConsumerRecord<String, String> poison = dead.get(0);
            assertThat(poison.key()).isEqualTo("garbage");
            assertThat(poison.value()).isEqualTo("{this is not an article");
            assertThat(new String(poison.headers().lastHeader("mediawatch.error").value(), StandardCharsets.UTF_8))
                    .contains("not a valid RawArticle");
            assertThat(new String(poison.headers().lastHeader("mediawatch.source.topic").value(),
                    StandardCharsets.UTF_8)).isEqualTo("mediawatch.articles.raw");
            List<String> alerted = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                alerts.poll(Duration.ofMillis(200)).forEach(r -> alerted.add(r.value()));
                assertThat(alerted).anyMatch(v -> v.contains("\"articleId\":\"after-garbage\""));
            });
        }
    }

    @Test
    void answersCoverageQueriesFromTheStateStores() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + service.httpPort()
                + "/api/coverage?entity=cecot&window=1h&since=2025-04-14T00:00:00Z&until=2025-04-15T00:00:00Z");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            var response = http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> body = Json.mapper().readValue(response.body(), Map.class);
            assertThat(body).containsEntry("entity", "cecot").containsEntry("total", 1);
            List<Map<String, Object>> buckets = (List<Map<String, Object>>) body.get("buckets");
            assertThat(buckets).hasSize(24);
            assertThat(buckets).filteredOn(b -> ((Number) b.get("count")).intValue() > 0).singleElement()
                    .satisfies(b -> {
                        assertThat(b).containsEntry("start", "2025-04-14T12:00:00Z");
                        assertThat(b.get("byOutlet")).isEqualTo(Map.of("Loopback Wire", 1));
                    });
        });
        var bad = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + service.httpPort() + "/api/coverage?window=1h")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("entity");
    }

    @Test
    void answersCoMentionQueriesFromTheStateStores() throws Exception {
        awaitEnrichedArticles(2); // the feed's, dated 2025-04-14: counted before this later one moves stream time on
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("mediawatch.articles.raw", "pair", """
                    {"articleId":"pair","feedId":"manual","url":"https://example.org/pair",
                     "title":"Lawyers describe CECOT","outlet":"Manual","publishedAt":"2025-04-16T10:20:00Z",
                     "text":"Abrego Garcia was held at CECOT, his lawyers said; CECOT officials did not answer."}""")).get();
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String entity : List.of("cecot", "abrego-garcia")) {
            java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + service.httpPort() + "/api/comentions?entity="
                    + entity + "&since=2025-04-16T00:00:00Z&until=2025-04-17T00:00:00Z");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var response = http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                Map<String, Object> body = Json.mapper().readValue(response.body(), Map.class);
                assertThat(body).containsEntry("entity", entity);
                assertThat(body.get("with")).isEqualTo(Map.of(entity.equals("cecot") ? "abrego-garcia" : "cecot", 1));
            });
        }
    }

    /** The other test writes an article by hand, and the query desk is judged apart; this one judges the entity desk. */
    private boolean notFromTheLoopbackFeed(Map<String, Object> alert) {
        return !String.valueOf(alert.get("url")).startsWith(site.base().toString())
                || !"immigration-desk".equals(alert.get("subscriptionId"));
    }

    @Test
    void alertsAQueryOnlySubscriptionOnTheMatchingArticleOnly() throws Exception {
        List<Map<String, Object>> alerts = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, Object> a = Json.mapper().readValue(r.value(), Map.class);
                    if ("prisons-desk".equals(a.get("subscriptionId"))) alerts.add(a);
                }
                assertThat(alerts).isNotEmpty();
            });
            awaitEnrichedArticles(2);
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(2))) {
                Map<String, Object> a = Json.mapper().readValue(r.value(), Map.class);
                if ("prisons-desk".equals(a.get("subscriptionId"))) alerts.add(a);
            }
        }
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("kind", "query")
                    .containsEntry("title", "Deportees transferred to CECOT as court weighs challenge");
            assertThat((String) a.get("reason")).contains("deported AND title:(CECOT OR prison)");
        });
    }

    private void awaitEnrichedArticles(int n) {
        try (KafkaConsumer<String, String> articles = consumer("mediawatch.articles")) {
            List<String> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                articles.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.key()));
                assertThat(seen).hasSizeGreaterThanOrEqualTo(n);
            });
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return consumer("mediawatch.alerts");
    }

    private KafkaConsumer<String, String> consumer(String topic) {
        return TopicReader.fromStart(service.bootstrapServers(), topic);
    }
}
