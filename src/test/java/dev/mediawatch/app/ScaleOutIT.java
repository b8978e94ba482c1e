package dev.mediawatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mediawatch.config.ConfigLoader;
import dev.mediawatch.config.MediawatchConfig;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.stream.MediawatchTopology;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stream instances on one cluster, each holding some of the partitions: either instance's API
 * answers a coverage or co-mention query in full, asking the other for the state it holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {
    /** Entities named by the articles, with how many articles name each (so far). */
    private final Map<String, Integer> articles = new LinkedHashMap<>();

    {
        String[] ids = {"cecot", "bukele", "rubio", "ms-13", "tren-de-aragua", "abrego-garcia", "boasberg", "xinis",
                "noem"};
        for (int i = 0; i < ids.length; i++) articles.put(ids[i], 1 + i % 4);
    }

    @TempDir
    static Path dir;

    private MediawatchService first;
    private MediawatchService second;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));

    @BeforeAll
    void start() throws Exception {
        StringBuilder entities = new StringBuilder("entities:\n");
        for (String id : articles.keySet()) {
            entities.append("  - { id: ").append(id).append(", name: \"Name").append(id.replace("-", ""))
                    .append("\", type: person }\n");
        }
        Path config = Files.writeString(dir.resolve("mediawatch.yaml"), "http: { host: 127.0.0.1, port: 0 }\n" + entities);
        MediawatchConfig embedded = ConfigLoader.load(config).withKafka(new MediawatchConfig.KafkaSettings("", 0));
        first = MediawatchService.start(embedded, MediawatchService.Options.of(dir.resolve("first"),
                EnumSet.of(Role.STREAM), new PrintStream(OutputStream.nullOutputStream())));
        MediawatchConfig joining = ConfigLoader.load(config)
                .withKafka(new MediawatchConfig.KafkaSettings(first.bootstrapServers(), 0));
        second = MediawatchService.start(joining, MediawatchService.Options.of(dir.resolve("second"),
                EnumSet.of(Role.STREAM), new PrintStream(OutputStream.nullOutputStream())));
    }

    @AfterAll
    void stop() {
        if (producer != null) producer.close();
        if (second != null) second.close();
        if (first != null) first.close();
    }

    private JsonNode get(MediawatchService s, String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + s.httpPort() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    @Test
    @Order(1)
    void eitherInstanceAnswersForTheStateTheOtherHolds() throws Exception {
        // both instances running, each with some of the entities' partitions
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (first.streams().state() != KafkaStreams.State.RUNNING
                    || second.streams().state() != KafkaStreams.State.RUNNING) return false;
            Set<HostInfo> owners = new HashSet<>();
            for (String id : articles.keySet()) {
                owners.add(first.streams().queryMetadataForKey(MediawatchTopology.COVERAGE_HOURLY_STORE, id,
                        Serdes.String().serializer()).activeHost());
            }
            return owners.size() == 2 && !owners.contains(HostInfo.unavailable());
        });

        for (var e : articles.entrySet()) {
            for (int i = 0; i < e.getValue(); i++) publish(e.getKey());
        }
        for (MediawatchService asked : List.of(first, second)) assertAnswersInFull(asked);
    }

    /**
     * One instance leaves: the other takes over its partitions, restores their state from the
     * changelogs, answers for every entity and counts what comes next.
     */
    @Test
    @Order(2)
    void theRemainingInstanceTakesOverTheStateOfOneThatLeaves() throws Exception {
        second.close();
        second = null;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                first.streams().state() == KafkaStreams.State.RUNNING && first.streams().metadataForAllStreamsClients().size() == 1);
        assertAnswersInFull(first);

        publish("noem");
        articles.merge("noem", 1, Integer::sum);
        assertAnswersInFull(first);
    }

    private final Properties producerProps = new Properties();
    private KafkaProducer<String, String> producer;

    /** One article naming {@code entity} and CECOT. */
    private void publish(String entity) throws Exception {
        if (producer == null) {
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers());
            producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
        }
        int n = ++articlesSent;
        String id = "scale-" + n;
        String text = "Name" + entity.replace("-", "") + " spoke. Namececot was named too, story " + n + ".";
        producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW.name(), id, Json.mapper().writeValueAsString(
                Map.of("articleId", id, "feedId", "manual", "url", "https://example.org/" + id, "title", "Report " + n,
                        "outlet", "Wire " + (n % 3), "publishedAt", hour.plusSeconds(n).toString(), "text", text)))).get();
    }

    private int articlesSent;

    private void assertAnswersInFull(MediawatchService asked) throws Exception {
        String range = "&since=" + hour.minus(Duration.ofHours(1)) + "&until=" + hour.plus(Duration.ofHours(2));
        for (var e : articles.entrySet()) {
            int expected = e.getKey().equals("cecot") ? articlesSent : e.getValue();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(get(asked, "/api/coverage?window=1h&entity=" + e.getKey() + range).get("total").asInt())
                            .as("%s asked on port %d", e.getKey(), asked.httpPort()).isEqualTo(expected));
        }
        // CECOT's partners are counted in the tasks of whichever entity of each pair sorts first
        JsonNode with = get(asked, "/api/comentions?entity=cecot" + range).get("with");
        for (var e : articles.entrySet()) {
            if (e.getKey().equals("cecot")) continue;
            assertThat(with.path(e.getKey()).asInt()).as("%s with cecot", e.getKey()).isEqualTo(e.getValue());
        }
    }
}
