package dev.mediawatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mediawatch.config.ConfigLoader;
import dev.mediawatch.config.MediawatchConfig;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.kafka.Topics;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream instance killed (SIGKILL: no commit, no leaving the group) while articles flow: the other
 * instance takes over its partitions once the group notices, and every article gets its alert exactly
 * once on the alert topic, as a read_committed client sees it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashTakeOverIT {
    private static final int ARTICLES = 300;

    @TempDir
    static Path dir;

    private MediawatchService survivor;
    private Process victim;

    @BeforeAll
    void start() throws Exception {
        Path config = Files.writeString(dir.resolve("mediawatch.yaml"), """
                http: { host: 127.0.0.1, port: 0 }
                entities:
                  - { id: cecot, name: CECOT, type: facility }
                subscriptions:
                  - id: crash-desk
                    entities: [cecot]
                    deliver: [console]
                """);
        survivor = MediawatchService.start(
                ConfigLoader.load(config).withKafka(new MediawatchConfig.KafkaSettings("", 0)),
                MediawatchService.Options.of(dir.resolve("survivor"), EnumSet.of(Role.STREAM),
                        new PrintStream(OutputStream.nullOutputStream())));
        // the other instance in a JVM of its own, so that it can be killed
        victim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.mediawatch.cli.Main", "run",
                "--config", config.toString(), "--bootstrap-servers", survivor.bootstrapServers(),
                "--roles", "stream", "--data-dir", dir.resolve("victim").toString(), "--http-port", "0")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "crash-take-over-victim.log").toFile()).start();
    }

    @AfterAll
    void stop() {
        if (victim != null) victim.destroyForcibly();
        if (survivor != null) survivor.close();
    }

    /** Active tasks of the survivor's stream threads. */
    private int survivorTasks() {
        return survivor.streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    @Test
    void everyArticleIsAlertedExactlyOnceWhenAnInstanceIsKilled() throws Exception {
        KafkaStreams streams = survivor.streams();
        // both running, the victim holding some of the nine tasks
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                streams.state() == KafkaStreams.State.RUNNING && streams.metadataForAllStreamsClients().size() == 2
                        && survivorTasks() > 0 && survivorTasks() < 9);

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, survivor.bootstrapServers());
        Random random = new Random(7);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int n = 1; n <= ARTICLES; n++) {
                if (n == ARTICLES / 3) {
                    producer.flush();
                    victim.destroyForcibly().waitFor();
                }
                StringBuilder text = new StringBuilder("Officials spoke about CECOT.");
                for (int w = 0; w < 60; w++) text.append(" t").append(random.nextInt(1_000_000));
                String id = "crash-" + n;
                producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW.name(), id, Json.mapper().writeValueAsString(Map.of(
                        "articleId", id, "feedId", "manual", "url", "https://example.org/" + id, "title", "Report " + n,
                        "outlet", "Wire", "publishedAt", Instant.now().toString(), "text", text.toString()))));
                Thread.sleep(10);
            }
        }
        assertThat(victim.isAlive()).isFalse();

        Map<String, Integer> alertsPerArticle = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = TopicReader.fromStart(survivor.bootstrapServers(),
                Topics.ALERTS.name())) {
            // the group notices the dead member after its session timeout (45 s), then the survivor restores
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                read(consumer, alertsPerArticle);
                assertThat(alertsPerArticle.size()).as("articles alerted; survivor %s with %d tasks, %d instances",
                        streams.state(), survivorTasks(), streams.metadataForAllStreamsClients().size())
                        .isEqualTo(ARTICLES);
            });
            // anything more that would come, a duplicate included, has had time to
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) read(consumer, alertsPerArticle);
        }
        assertThat(alertsPerArticle).hasSize(ARTICLES);
        assertThat(alertsPerArticle.values()).allMatch(count -> count == 1);
        assertThat(streams.metadataForAllStreamsClients()).hasSize(1);
        assertThat(survivorTasks()).isEqualTo(9);
    }

    private static void read(KafkaConsumer<String, String> consumer, Map<String, Integer> alertsPerArticle)
            throws Exception {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            Map<?, ?> alert = Json.mapper().readValue(r.value(), Map.class);
            // entity alerts, one per article (300 articles in a few seconds also raise a spike alert)
            if ("crash-desk".equals(alert.get("subscriptionId")) && "entity".equals(alert.get("kind"))) {
                alertsPerArticle.merge((String) alert.get("articleId"), 1, Integer::sum);
            }
        }
    }
}
