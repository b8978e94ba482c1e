package dev.mediawatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mediawatch.config.ConfigLoader;
import dev.mediawatch.config.MediawatchConfig;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Subscription;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
 * Ten thousand subscriptions, 7,500 of them following CECOT, registered by a plain Kafka client on the
 * real broker: the stream takes them all and one article on CECOT alerts every follower. Until
 * 2026-11-30 every subscription lived in one table value, and CECOT's followers in another, rewritten
 * whole per change: past about 7,000 either outgrew the broker's 1 MB record limit and the stream stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManySubscriptionsIT {
    private static final int SUBSCRIPTIONS = 10_000;
    private static final int CECOT_FOLLOWERS = 7_500;

    @TempDir
    static Path dir;

    private MediawatchService service;
    private final List<Subscription> subscriptions = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Path config = Files.writeString(dir.resolve("mediawatch.yaml"), """
                entities:
                  - id: cecot
                    name: CECOT
                    type: facility
                  - id: bukele
                    name: Nayib Bukele
                    type: person
                    aliases: ["Bukele"]
                """);
        MediawatchConfig cfg = ConfigLoader.load(config).withKafka(new MediawatchConfig.KafkaSettings("", 0));
        service = MediawatchService.start(cfg, MediawatchService.Options.of(dir.resolve("data"),
                EnumSet.of(Role.STREAM), new PrintStream(OutputStream.nullOutputStream())));
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            String id = String.format("desk-%05d", i);
            // every tenth also has a query, so the story task's query index holds a thousand
            subscriptions.add(new Subscription(id, List.of(i < CECOT_FOLLOWERS ? "cecot" : "bukele"),
                    i % 10 == 0 ? "\"Alien Enemies Act\" AND deport*" : null, List.of(Channel.console())));
        }
    }

    @AfterAll
    void stop() {
        if (service != null) service.close();
    }

    private Properties clientProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers());
        return p;
    }

    @Test
    void takesTenThousandSubscriptionsAndAlertsEveryFollower() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(clientProperties(), new StringSerializer(),
                new StringSerializer())) {
            for (Subscription s : subscriptions) {
                producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS.name(), s.id(),
                        Json.mapper().writeValueAsString(s)));
            }
            producer.flush();
            KafkaStreams streams = service.streams();
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> SubscriptionIndexWait.indexed(streams, subscriptions));
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);

            producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW.name(), "many-1", """
                    {"articleId":"many-1","feedId":"manual","url":"https://example.org/many-1",
                     "title":"More men deported to CECOT under the Alien Enemies Act","outlet":"Manual",
                     "publishedAt":"2025-04-15T09:00:00Z",
                     "text":"Another flight landed in El Salvador and the men were taken to CECOT."}""")).get();
        }
        Set<String> alerted = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = TopicReader.fromStart(service.bootstrapServers(),
                Topics.ALERTS.name())) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Map<?, ?> alert = Json.mapper().readValue(r.value(), Map.class);
                    if (!"many-1".equals(alert.get("articleId"))) continue;
                    alerted.add((String) alert.get("subscriptionId"));
                    kinds.add((String) alert.get("kind"));
                }
                // every CECOT follower, and the Bukele followers whose query it matches
                assertThat(alerted).hasSize(CECOT_FOLLOWERS + (SUBSCRIPTIONS - CECOT_FOLLOWERS) / 10);
            });
        }
        assertThat(kinds).containsExactlyInAnyOrder("entity", "query");
        assertThat(alerted).contains("desk-00000", "desk-07499", "desk-07500").doesNotContain("desk-07501");
    }
}
