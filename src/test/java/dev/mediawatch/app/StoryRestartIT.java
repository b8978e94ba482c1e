package dev.mediawatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mediawatch.LoopbackSite;
import dev.mediawatch.config.ConfigLoader;
import dev.mediawatch.config.MediawatchConfig;
import dev.mediawatch.kafka.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stories outlive a restart: the wire's article alerts, the service stops, and after it starts again on
 * the same data directory (embedded broker storage and stream state kept) a second outlet's copy of the
 * article joins the same story and raises no second alert. On the real broker, with loopback feeds.
 */
class StoryRestartIT {
    @TempDir
    Path dir;

    @Test
    void aCopyArrivingAfterARestartJoinsItsStoryAndDoesNotAlertAgain() throws Exception {
        try (LoopbackSite site = LoopbackSite.start()
                .route("/feed.xml", "/e2e/feed.xml", "application/rss+xml; charset=utf-8")
                .route("/feed2.xml", "/e2e/feed2.xml", "application/rss+xml; charset=utf-8")
                .route("/articles/cecot-transfer.html", "/e2e/cecot-transfer.html", "text/html; charset=utf-8")
                .route("/articles/weather.html", "/e2e/weather.html", "text/html; charset=utf-8")
                .route("/radio/cecot-transfer-copy.html", "/e2e/cecot-transfer-copy.html", "text/html; charset=utf-8")) {
            String wireOnly = config(site, "");
            String withRadio = config(site, """
                      - id: loopback-radio
                        url: %s
                        outlet: Loopback Radio
                    """.formatted(site.uri("/feed2.xml")));

            String story;
            try (MediawatchService first = start(wireOnly)) {
                List<Map<String, Object>> alerts = awaitDeskAlerts(first, 1);
                story = (String) alerts.get(0).get("storyId");
            }

            try (MediawatchService second = start(withRadio)) {
                Map<String, Object> copy = awaitArticle(second, "Loopback Radio");
                assertThat(copy.get("storyId")).isEqualTo(story);
                assertThat(copy.get("storyOutlets")).isEqualTo(List.of("Loopback Wire", "Loopback Radio"));
                // The copy has been through the story task; its alert, if any, would be in the same transaction.
                assertThat(deskAlerts(second, Duration.ofSeconds(3))).hasSize(1);
            }
        }
    }

    private String config(LoopbackSite site, String moreFeeds) {
        return """
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
                %s
                entities:
                  - id: cecot
                    name: CECOT
                    type: facility
                subscriptions:
                  - id: immigration-desk
                    entities: [cecot]
                    deliver:
                      - console: {}
                """.formatted(site.uri("/feed.xml"), moreFeeds.stripTrailing());
    }

    private MediawatchService start(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("mediawatch.yaml"), yaml);
        MediawatchConfig cfg = ConfigLoader.load(file).withKafka(new MediawatchConfig.KafkaSettings("", 0));
        return MediawatchService.start(cfg, MediawatchService.Options.of(dir.resolve("data"),
                EnumSet.allOf(Role.class), new PrintStream(OutputStream.nullOutputStream())));
    }

    private List<Map<String, Object>> awaitDeskAlerts(MediawatchService service, int n) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            alerts.clear();
            alerts.addAll(deskAlerts(service, Duration.ofMillis(500)));
            assertThat(alerts).hasSizeGreaterThanOrEqualTo(n);
        });
        return alerts;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deskAlerts(MediawatchService service, Duration wait) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> a : readAll(service, "mediawatch.alerts", wait)) {
            if ("immigration-desk".equals(a.get("subscriptionId"))) out.add(a);
        }
        return out;
    }

    private Map<String, Object> awaitArticle(MediawatchService service, String outlet) {
        List<Map<String, Object>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            found.clear();
            for (Map<String, Object> a : readAll(service, "mediawatch.articles", Duration.ofMillis(500))) {
                if (outlet.equals(a.get("outlet"))) found.add(a);
            }
            assertThat(found).isNotEmpty();
        });
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> readAll(MediawatchService service, String topic, Duration wait) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Map<String, Object>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline || parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                    out.add(Json.mapper().readValue(r.value(), Map.class));
                }
                if (System.nanoTime() > deadline + Duration.ofSeconds(10).toNanos()) break;
            }
        }
        return out;
    }
}
